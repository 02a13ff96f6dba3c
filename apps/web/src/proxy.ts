// Runs before every page: security headers with a fresh CSP nonce (Next.js reads it from the
// request's Content-Security-Policy and puts it on its scripts; src/lib/security/headers.ts), and
// the optimistic sign-in check: signed-out visitors of app pages go to the sign-in page.
// (Every page and route handler still checks the session itself; the API decides access.)
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "./env.ts";
import { isHttps, securityHeaders } from "./lib/security/headers.ts";

/** Pages anyone may open. */
const PUBLIC_PAGES = /^\/(signin|signup|invitations|verify-email)(\/|$)/;

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export async function proxy(request: NextRequest) {
  const e = env();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = securityHeaders({
    nonce,
    https: isHttps(request.nextUrl, request.headers.get("x-forwarded-proto"), e.appUrl),
    development: e.nodeEnv === "development",
  });
  const pathname = request.nextUrl.pathname;
  if (!PUBLIC_PAGES.test(pathname)) {
    const token = await getToken({ req: { cookies: request.cookies, headers: {} } as never, secret: e.authSecret, secureCookie: e.secureCookies });
    if (!token?.apiToken) {
      const url = request.nextUrl.clone();
      const callbackUrl = pathname + request.nextUrl.search;
      url.pathname = "/signin";
      url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
      return withHeaders(NextResponse.redirect(url), headers);
    }
  }
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"] as string);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

export const config = {
  // Every page; not route handlers (api), Next's assets or static files.
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
