// Part of `npm test`: ExprLab supports Node 20.19+ and Node 24. turbo runs every suite under the
// machine's Node; this step runs the engine, database and API suites again under Node 24, taken
// from the npm registry (`node@24` puts a real binary in node_modules/.bin) into .cache/node24.
// Set EXPRLAB_SKIP_NODE24=1 to skip it (e.g. when the machine itself already runs Node 24).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prefix = path.join(root, ".cache", "node24");
const node24 = path.join(prefix, "node_modules", ".bin", "node");

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): void {
  const result = spawnSync(cmd, args, { cwd, stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`[node24] failed: ${cmd} ${args.join(" ")} (in ${path.relative(root, cwd) || "."})`);
    process.exit(result.status ?? 1);
  }
}

if (process.env.EXPRLAB_SKIP_NODE24 === "1" || process.versions.node.startsWith("24.")) {
  console.log(`[node24] skipped (running on Node ${process.versions.node})`);
  process.exit(0);
}
if (!existsSync(node24)) {
  console.log("[node24] installing Node 24 from the npm registry into .cache/node24 ...");
  run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, "node@24"], root);
}
const version = spawnSync(node24, ["--version"], { encoding: "utf8" }).stdout.trim();
console.log(`[node24] running core, db and api suites under Node ${version}`);
const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
const env = { ...process.env, PATH: `${path.dirname(node24)}${path.delimiter}${process.env.PATH ?? ""}` };
// The fault tests (PostgreSQL restarts, killed processes: ~50 s) run once, under the main Node.
const skipUnderNode24: Record<string, string[]> = { "apps/api": ["--exclude", "src/server/faults.integration.test.ts"] };
for (const workspace of ["packages/core", "packages/db", "apps/api"]) {
  run(node24, [vitest, "run", ...(skipUnderNode24[workspace] ?? [])], path.join(root, workspace), env);
}
