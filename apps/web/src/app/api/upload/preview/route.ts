// Browser -> API: preview of a matrix file before importing it (POST /upload/preview).
import type { NextRequest } from "next/server";
import { env } from "../../../../env.ts";
import { forwardMultipart } from "../../../../lib/proxy/forward.ts";

export const dynamic = "force-dynamic";

export function POST(req: NextRequest): Promise<Response> {
  return forwardMultipart(req, `${env().uploadUrl}/preview`);
}
