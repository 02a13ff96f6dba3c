// `npm run generate -w @exprlab/db` (run by turbo before build/test/typecheck/lint): generates
// the Prisma client into src/generated/prisma from ../../prisma/schema.prisma.
// The Prisma CLI downloads a native schema-engine binary before `generate` even though generate
// does not use it; offline that download fails. When PRISMA_SCHEMA_ENGINE_BINARY is not set we
// point it at an existing file (this script), which skips the download. Elsewhere it is harmless.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..", "..", "..");
const require = createRequire(import.meta.url);
const prismaCli = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

const result = spawnSync(
  process.execPath,
  [prismaCli, "generate", "--schema", path.join(repoRoot, "prisma", "schema.prisma")],
  { cwd: repoRoot, env, stdio: "inherit" },
);
process.exit(result.status ?? 1);
