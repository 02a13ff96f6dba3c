// The browser's address for the API's rate limits (sign-in, sign-up): the first X-Forwarded-For
// entry that Next.js (or the reverse proxy in front of it) records, else "unknown".
export function clientIpFrom(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const real = headers.get("x-real-ip")?.trim();
  const ip = forwarded || real || "unknown";
  return ip.length <= 64 ? ip : "unknown";
}
