// Browser -> API GraphQL proxy. The browser sends its next-auth cookie; this handler adds the
// API session token (which never leaves the server) as a Bearer header.
import type { NextRequest } from "next/server";
import { env } from "../../../env.ts";
import { apiTokenOf, crossOriginResponse, isSameOrigin, unauthenticatedResponse } from "../../../auth/request-token.ts";

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest): Promise<Response> {
  if (!isSameOrigin(req)) return crossOriginResponse();
  if (!req.headers.get("content-type")?.startsWith("application/json")) {
    return Response.json({ errors: [{ message: "Send GraphQL as application/json.", extensions: { code: "BAD_USER_INPUT" } }] }, { status: 415 });
  }
  const token = await apiTokenOf(req);
  if (!token) return unauthenticatedResponse();
  let upstream: Response;
  try {
    upstream = await fetch(env().graphqlUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${token}`,
      },
      body: await req.text(),
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { errors: [{ message: "The ExprLab API could not be reached.", extensions: { code: "NETWORK" } }] },
      { status: 502 },
    );
  }
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}
