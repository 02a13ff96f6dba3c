// Browser -> API upload proxy. The multipart body is streamed through unchanged (never buffered),
// so the browser's XHR upload progress reflects the bytes really sent to the API.
import type { NextRequest } from "next/server";
import { env } from "../../../env.ts";
import { apiTokenOf, isSameOrigin } from "../../../auth/request-token.ts";
import { clientIpHeaders } from "../../../auth/options.ts";

export const dynamic = "force-dynamic";

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

export async function POST(req: NextRequest): Promise<Response> {
  if (!isSameOrigin(req)) return errorResponse(403, "FORBIDDEN", "Cross-site upload refused.");
  const token = await apiTokenOf(req);
  if (!token) return errorResponse(401, "UNAUTHENTICATED", "You must be signed in.");
  const contentType = req.headers.get("content-type");
  if (!contentType?.startsWith("multipart/form-data") || !req.body) {
    return errorResponse(400, "BAD_USER_INPUT", "The upload must be multipart/form-data with a file.");
  }
  // The browser's address for the API's upload limits (else every user would share the web server's).
  const headers: Record<string, string> = { "content-type": contentType, authorization: `Bearer ${token}`, ...clientIpHeaders(req.headers) };
  const length = req.headers.get("content-length");
  if (length) headers["content-length"] = length;
  let upstream: Response;
  try {
    upstream = await fetch(env().uploadUrl, {
      method: "POST",
      headers,
      body: req.body,
      // Required by Node's fetch for a streamed request body.
      duplex: "half",
      cache: "no-store",
    } as RequestInit & { duplex: "half" });
  } catch {
    return errorResponse(502, "NETWORK", "The ExprLab API could not be reached, or it closed the upload early.");
  }
  return new Response(upstream.body, {
    status: upstream.status,
    headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" },
  });
}
