// Browser -> API downloads: /api/export/runs/<id>.csv|json|gmt, /api/export/biclusters/<id>/matrix.csv
// and /api/export/biclusters/<id>/enrichment.csv (see apps/api/src/export/export-router.ts).
import type { NextRequest } from "next/server";
import { env } from "../../../../env.ts";
import { forwardDownload } from "../../../../lib/proxy/forward.ts";

export const dynamic = "force-dynamic";

const ALLOWED = /^(runs\/[A-Za-z0-9_-]+\.(csv|json|gmt)|biclusters\/[A-Za-z0-9_-]+\/(matrix|enrichment)\.csv)$/;

export async function GET(req: NextRequest, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const path = (await ctx.params).path.join("/");
  if (!ALLOWED.test(path)) return Response.json({ error: { code: "NOT_FOUND", message: "No such export." } }, { status: 404 });
  const query = req.nextUrl.searchParams.get("library");
  return forwardDownload(req, `${env().apiBase}/export/${path}${query ? `?library=${encodeURIComponent(query)}` : ""}`);
}
