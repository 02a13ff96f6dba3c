import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { STATIC_SECURITY_HEADERS } from "./src/lib/security/headers.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

const nextConfig: NextConfig = {
  // The monorepo root holds the hoisted node_modules.
  turbopack: { root: path.join(here, "../..") },
  outputFileTracingRoot: path.join(here, "../.."),
  poweredByHeader: false,
  // Workspace packages export TypeScript sources (the web imports core's browser-safe CSV writer).
  transpilePackages: ["@exprlab/core"],
  // For every response (route handlers and assets too); pages also get the CSP from src/proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }];
  },
};

export default nextConfig;
