// Runs the real stack for the e2e tests: a fresh embedded PostgreSQL on the port and in the folder
// given (E2E_PG_PORT, E2E_DATA_DIR), then `scripts/start.ts` (migrations, demo seed, API, worker,
// web) against it through DATABASE_URL. SIGTERM stops start.ts (which stops its children in order)
// and then the database. Run with tsx: it imports @exprlab/db's TypeScript sources.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { resolveDatabase } from "@exprlab/db";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dataDir = process.env.E2E_DATA_DIR;
const port = Number(process.env.E2E_PG_PORT);
if (!dataDir || !Number.isInteger(port)) throw new Error("E2E_DATA_DIR and E2E_PG_PORT are required");

const db = await resolveDatabase({ databaseUrl: null, dataDir: path.join(dataDir, "postgres"), port });
console.log(`[e2e-stack] embedded PostgreSQL on port ${port}`);
const start = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["scripts/start.ts"], {
  cwd: root,
  env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dataDir },
  stdio: "inherit",
});

let stopping = false;
async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (start.exitCode === null) {
      start.kill("SIGTERM");
      await new Promise((resolve) => start.once("exit", resolve));
    }
    await db.stop().catch((e: unknown) => console.error("[e2e-stack] database stop failed", e));
    console.log("[e2e-stack] stopped");
  }
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
start.on("exit", (code) => void stop(code ?? 1));
