// Browser -> API proxies for the preview and gene-set uploads and the export downloads: the
// session's API token is added on the server (it never reaches the browser); bodies and answers
// are streamed through unchanged.
import "server-only";
import type { NextRequest } from "next/server";
import { apiTokenOf, isSameOrigin } from "../../auth/request-token.ts";

function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** Forwards a multipart POST to `url` with the caller's token. */
export async function forwardMultipart(req: NextRequest, url: string): Promise<Response> {
  if (!isSameOrigin(req)) return errorResponse(403, "FORBIDDEN", "Cross-site upload refused.");
  const token = await apiTokenOf(req);
  if (!token) return errorResponse(401, "UNAUTHENTICATED", "You must be signed in.");
  const contentType = req.headers.get("content-type");
  if (!contentType?.startsWith("multipart/form-data") || !req.body) {
    return errorResponse(400, "BAD_USER_INPUT", "The upload must be multipart/form-data with a file.");
  }
  const headers: Record<string, string> = { "content-type": contentType, authorization: `Bearer ${token}` };
  const length = req.headers.get("content-length");
  if (length) headers["content-length"] = length;
  let upstream: Response;
  try {
    upstream = await fetch(url, { method: "POST", headers, body: req.body, duplex: "half", cache: "no-store" } as RequestInit & { duplex: "half" });
  } catch {
    return errorResponse(502, "NETWORK", "The ExprLab API could not be reached.");
  }
  return new Response(upstream.body, { status: upstream.status, headers: { "content-type": upstream.headers.get("content-type") ?? "application/json" } });
}

/** Forwards a GET download to `url` with the caller's token, keeping its file name. */
export async function forwardDownload(req: NextRequest, url: string): Promise<Response> {
  if (!isSameOrigin(req)) return errorResponse(403, "FORBIDDEN", "Cross-site request refused.");
  const token = await apiTokenOf(req);
  if (!token) return errorResponse(401, "UNAUTHENTICATED", "You must be signed in.");
  let upstream: Response;
  try {
    upstream = await fetch(url, { headers: { authorization: `Bearer ${token}` }, cache: "no-store" });
  } catch {
    return errorResponse(502, "NETWORK", "The ExprLab API could not be reached.");
  }
  const headers: Record<string, string> = { "content-type": upstream.headers.get("content-type") ?? "application/octet-stream", "cache-control": "no-store" };
  const disposition = upstream.headers.get("content-disposition");
  if (disposition) headers["content-disposition"] = disposition;
  return new Response(upstream.body, { status: upstream.status, headers });
}
