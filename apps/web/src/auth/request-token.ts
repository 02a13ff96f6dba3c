// The API token of a route handler's request (from next-auth's encrypted session cookie).
import "server-only";
import type { NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { env } from "../env.ts";

export async function apiTokenOf(req: NextRequest): Promise<string | null> {
  const token = await getToken({ req: { cookies: req.cookies, headers: {} } as never, secret: env().authSecret });
  return token?.apiToken ?? null;
}

export function unauthenticatedResponse(): Response {
  return Response.json(
    { errors: [{ message: "You must be signed in.", extensions: { code: "UNAUTHENTICATED" } }] },
    { status: 401 },
  );
}
