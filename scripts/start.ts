// `npm start`: the whole stack in one command (see scripts/start-stack.ts for what runs).
// This entry first brings generated code up to date (Prisma client, printed GraphQL schema, web
// types: gitignored, so a fresh clone has none; turbo's cache makes it ~2 s when nothing changed),
// and gives the API and the web app shared secrets kept in <DATA_DIR>/secrets.json, then starts
// the stack. Options: --no-web (database, API and worker only), --skip-generate.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

if (!process.argv.includes("--skip-generate")) {
  console.log("[start] generating code (Prisma client, GraphQL schema and types)...");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "turbo"), ["run", "generate", "--output-logs=errors-only"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) {
    console.error("[start] code generation failed (npx turbo run generate): see above");
    process.exit(1);
  }
}

// Secrets: from the environment, else generated once per data folder (sessions survive restarts).
const dataDir = process.env.DATA_DIR || path.join(root, ".data");
const secretsFile = path.join(dataDir, "secrets.json");
if (!process.env.AUTH_SECRET || !process.env.INTERNAL_SECRET) {
  let stored: { AUTH_SECRET?: string; INTERNAL_SECRET?: string } = {};
  if (existsSync(secretsFile)) stored = JSON.parse(readFileSync(secretsFile, "utf8")) as typeof stored;
  if (!stored.AUTH_SECRET || !stored.INTERNAL_SECRET) {
    stored = { AUTH_SECRET: randomBytes(32).toString("base64url"), INTERNAL_SECRET: randomBytes(32).toString("base64url") };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(secretsFile, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  process.env.AUTH_SECRET ||= stored.AUTH_SECRET;
  process.env.INTERNAL_SECRET ||= stored.INTERNAL_SECRET;
}

// The stack runs in its own process group: a terminal's Ctrl-C then reaches this process only, not
// the embedded PostgreSQL (which would stop under the API and worker mid-shutdown). We forward
// the signal as SIGTERM and wait for the stack's ordered shutdown (web, API, worker, database).
const stack = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "start-stack.ts"), ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  detached: true,
  env: process.env,
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => stack.kill("SIGTERM"));
}
stack.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
