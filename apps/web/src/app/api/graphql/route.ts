// Browser -> API GraphQL proxy. The browser sends its next-auth cookie; this handler adds the
// API session token (which never leaves the server) as a Bearer header.
import type { NextRequest } from "next/server";
import { env } from "../../../env.ts";
import { apiTokenOf, crossOriginResponse, isSameOrigin, unauthenticatedResponse } from "../../../auth/request-token.ts";
import { GRAPHQL_BODY_LIMIT, readLimited } from "../../../lib/security/body-limit.ts";
import { clientIpHeaders } from "../../../auth/options.ts";

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ errors: [{ message, extensions: { code } }] }, { status });
}

export const dynamic = "force-dynamic";

export async function POST(req: NextRequest): Promise<Response> {
  if (!isSameOrigin(req)) return crossOriginResponse();
  if (!req.headers.get("content-type")?.startsWith("application/json")) {
    return Response.json({ errors: [{ message: "Send GraphQL as application/json.", extensions: { code: "BAD_USER_INPUT" } }] }, { status: 415 });
  }
  const token = await apiTokenOf(req);
  if (!token) return unauthenticatedResponse();
  // Read at most the limit (finding 10: a 100 MB body was read whole and kept).
  const body = await readLimited(req.body, req.headers.get("content-length"), GRAPHQL_BODY_LIMIT);
  if (!body.ok) return errorResponse(413, "PAYLOAD_TOO_LARGE", `A GraphQL request is at most ${GRAPHQL_BODY_LIMIT / 1024 / 1024} MB.`);
  let upstream: Response;
  try {
    upstream = await fetch(env().graphqlUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${token}`,
        ...clientIpHeaders(req.headers),
      },
      body: body.text,
      cache: "no-store",
    });
  } catch {
    return Response.json(
      { errors: [{ message: "The ExprLab API could not be reached.", extensions: { code: "NETWORK" } }] },
      { status: 502 },
    );
  }
  const type = upstream.headers.get("content-type") ?? "";
  if (!type.includes("json")) {
    // Never pass an upstream HTML error page (stack traces, paths) to the browser.
    await upstream.body?.cancel().catch(() => undefined);
    return errorResponse(upstream.status >= 400 ? upstream.status : 502, "UPSTREAM_ERROR", "The ExprLab API could not answer this request.");
  }
  const headers: Record<string, string> = { "content-type": type };
  const retryAfter = upstream.headers.get("retry-after");
  if (retryAfter) headers["retry-after"] = retryAfter;
  return new Response(upstream.body, { status: upstream.status, headers });
}
