// Optimistic check before rendering: signed-out visitors of app pages go to the sign-in page.
// (Every page and route handler still checks the session itself; the API decides access.)
import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "./env.ts";

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: { cookies: request.cookies, headers: {} } as never, secret: env().authSecret });
  if (token?.apiToken) return NextResponse.next();
  const url = request.nextUrl.clone();
  const callbackUrl = request.nextUrl.pathname + request.nextUrl.search;
  url.pathname = "/signin";
  url.search = callbackUrl === "/" ? "" : `?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything except the auth pages, invitations, route handlers and static files.
  matcher: ["/((?!api|_next|signin|signup|invitations|favicon.ico|robots.txt).*)"],
};
