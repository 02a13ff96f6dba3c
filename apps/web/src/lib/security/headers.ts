// Security headers of every page (set by src/proxy.ts): a Content-Security-Policy with a fresh
// nonce per response (Next.js puts it on its own scripts), no framing, no MIME sniffing, a strict
// referrer policy, HSTS when the app is served over https.

export interface HeaderOptions {
  nonce: string;
  /** The request came over https (directly or as told by a proxy's X-Forwarded-Proto). */
  https: boolean;
  /** next dev needs eval for React's debugging aids. */
  development: boolean;
}

export function contentSecurityPolicy({ nonce, development }: Pick<HeaderOptions, "nonce" | "development">): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and ECharts set style attributes; no inline <style> or stylesheet from elsewhere is needed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders(options: HeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}

/** Headers for every response, pages or not (next.config.ts). The CSP needs a nonce: pages only. */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];

/** True when the request reached us over https (X-Forwarded-Proto only counts from a proxy we run behind). */
export function isHttps(url: URL, forwardedProto: string | null, appUrl: string): boolean {
  return url.protocol === "https:" || forwardedProto?.split(",")[0]?.trim() === "https" || appUrl.startsWith("https://");
}
