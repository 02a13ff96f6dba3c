// Where to go after signing in or up: only a page of this app. The raw value is resolved against
// the app's own origin, as the browser would resolve it, and anything that lands on another origin
// is replaced by "/". String checks ("starts with / but not //") miss what browsers normalise:
// "/\evil.example" (a backslash is a slash in URLs), "/%5Cevil.example" once decoded, tabs and
// newlines inside "//", "https:evil.example".

/** A same-origin path (with query and hash) for `raw`, or "/". */
export function safeCallbackUrl(raw: string | null | undefined, appOrigin: string): string {
  if (!raw) return "/";
  let value = raw;
  // One level of percent-decoding, as a redirect through our own pages may apply it.
  try {
    value = decodeURIComponent(raw);
  } catch {
    return "/";
  }
  const origin = new URL(appOrigin).origin;
  for (const candidate of [raw, value]) {
    let url: URL;
    try {
      url = new URL(candidate, origin);
    } catch {
      return "/";
    }
    if (url.origin !== origin) return "/";
  }
  const url = new URL(raw, origin);
  const path = url.pathname + url.search + url.hash;
  // Paths that start with "//" or "/\" would be read as another host by a later resolution.
  return /^\/[/\\]/.test(path) ? "/" : path;
}
