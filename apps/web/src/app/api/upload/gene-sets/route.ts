// Browser -> API: import of a gene-set library (POST /upload/gene-sets).
import type { NextRequest } from "next/server";
import { env } from "../../../../env.ts";
import { forwardMultipart } from "../../../../lib/proxy/forward.ts";

export const dynamic = "force-dynamic";

export function POST(req: NextRequest): Promise<Response> {
  return forwardMultipart(req, `${env().uploadUrl}/gene-sets`);
}
