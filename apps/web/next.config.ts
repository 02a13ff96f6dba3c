import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const here = path.dirname(fileURLToPath(import.meta.url));

const nextConfig: NextConfig = {
  // The monorepo root holds the hoisted node_modules.
  turbopack: { root: path.join(here, "../..") },
  outputFileTracingRoot: path.join(here, "../.."),
  poweredByHeader: false,
  // Workspace packages export TypeScript sources (the web imports core's browser-safe CSV writer).
  transpilePackages: ["@exprlab/core"],
};

export default nextConfig;
