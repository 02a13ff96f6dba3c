// Server-side access to the signed-in user and their API token.
import "server-only";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getServerSession, type Session } from "next-auth";
import { getToken } from "next-auth/jwt";
import { env } from "../env.ts";
import { authOptions } from "./options.ts";

export async function getSession(): Promise<Session | null> {
  return getServerSession(authOptions());
}

/** The API token of the current request's session, or null when signed out. */
export async function getApiToken(): Promise<string | null> {
  const cookieStore = await cookies();
  const token = await getToken({
    // Only the session cookie is read (no Authorization header fallback).
    req: { cookies: cookieStore, headers: {} } as never,
    secret: env().authSecret,
    secureCookie: env().secureCookies,
  });
  return token?.apiToken ?? null;
}

export async function requireApiToken(): Promise<string> {
  const token = await getApiToken();
  if (!token) redirect("/signin");
  return token;
}
