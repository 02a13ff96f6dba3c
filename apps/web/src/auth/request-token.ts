// The API token of a route handler's request (from next-auth's encrypted session cookie).
import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "../env.ts";

export async function apiTokenOf(req: NextRequest): Promise<string | null> {
  const token = await getToken({ req: { cookies: req.cookies, headers: {} } as never, secret: env().authSecret, secureCookie: env().secureCookies });
  return token?.apiToken ?? null;
}

export function unauthenticatedResponse(): Response {
  return Response.json(
    { errors: [{ message: "You must be signed in.", extensions: { code: "UNAUTHENTICATED" } }] },
    { status: 401 },
  );
}

/**
 * Defence in depth against cross-site requests to the proxies (the session cookie is already
 * SameSite=Lax): a browser's Origin header, when present, must be this app.
 */
export function isSameOrigin(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin) return true;
  try {
    const host = new URL(origin).host;
    return host === req.headers.get("host") || host === new URL(env().appUrl).host;
  } catch {
    return false;
  }
}

export function crossOriginResponse(): Response {
  return Response.json({ errors: [{ message: "Cross-site request refused.", extensions: { code: "FORBIDDEN" } }] }, { status: 403 });
}
