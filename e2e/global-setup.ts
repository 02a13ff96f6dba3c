// Boots the REAL stack once for all specs, on free ports with a fresh embedded PostgreSQL in a temp
// folder: `next build` of apps/web (skip with E2E_SKIP_BUILD=1 when .next is current), then
// scripts/start.ts, the same script as `npm start` (code generation, embedded PostgreSQL on
// EMBEDDED_DB_PORT in DATA_DIR, migrations, demo seed, API, worker, next start).
// Set E2E_BASE_URL to test an already running stack instead (nothing is started then).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "..");
export const artifactsDir = path.join(here, "artifacts");

/** Stack boot budget: next build alone takes a minute or two on a small machine. */
const BOOT_TIMEOUT_MS = Number(process.env.E2E_BOOT_TIMEOUT_MS ?? 8 * 60_000);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, deadline: number, ok: (r: Response) => boolean): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the stack exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (ok(response)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${url}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Pids of processes started for this stack that are still alive (Linux: their environment holds our
 * unique E2E_DATA_DIR). A safety net when a child outlived the orderly shutdown.
 */
function leftovers(dataDir: string): number[] {
  if (!fs.existsSync("/proc")) return [];
  const marker = `E2E_DATA_DIR=${dataDir}`;
  const pids: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/environ`, "utf8").split("\0").includes(marker)) pids.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

async function stopLeftovers(dataDir: string): Promise<void> {
  for (const [signal, waitMs] of [["SIGTERM", 30_000], ["SIGKILL", 2_000]] as const) {
    const pids = leftovers(dataDir);
    if (pids.length === 0) return;
    console.log(`[e2e] ${signal} to ${pids.length} leftover process(es) of the stack: ${pids.join(", ")}`);
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline && leftovers(dataDir).length > 0) await new Promise((r) => setTimeout(r, 250));
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(artifactsDir, { recursive: true });
  if (process.env.E2E_BASE_URL) {
    console.log(`[e2e] using the running stack at ${process.env.E2E_BASE_URL}`);
    return async () => {};
  }
  const [webPort, apiPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "exprlab-e2e-"));
  // As root, the embedded PostgreSQL runs as a separate "postgres" user that must enter the folder.
  fs.chmodSync(dataDir, 0o755);
  const webUrl = `http://localhost:${webPort}`;
  const apiUrl = `http://localhost:${apiPort}`;
  const secret = crypto.randomBytes(24).toString("hex");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    E2E_DATA_DIR: dataDir, // marks every process of this stack (see leftovers())
    DATA_DIR: dataDir,
    EMBEDDED_DB_PORT: String(dbPort),
    API_PORT: String(apiPort),
    WEB_PORT: String(webPort),
    API_URL: apiUrl,
    WEB_URL: webUrl,
    NEXTAUTH_URL: webUrl,
    NEXTAUTH_SECRET: secret,
    AUTH_SECRET: secret,
    INTERNAL_SECRET: crypto.randomBytes(24).toString("hex"),
  };
  delete env.DATABASE_URL; // always a fresh embedded database
  const started = Date.now();
  if (process.env.E2E_SKIP_BUILD !== "1") {
    // Typed GraphQL documents (gitignored); turbo's generate task makes them too, but
    // `npm test -w @exprlab/e2e` on a clean clone does not run turbo.
    const generate = spawnSync(path.join(repoRoot, "node_modules", ".bin", "graphql-codegen"), ["--config", "codegen.ts"], {
      cwd: path.join(repoRoot, "apps", "web"),
      encoding: "utf8",
    });
    if (generate.status !== 0) throw new Error(`[e2e] graphql-codegen failed:\n${generate.stdout}\n${generate.stderr}`);
    console.log("[e2e] building the web app (next build)...");
    const build = spawnSync(path.join(repoRoot, "node_modules", ".bin", "next"), ["build"], {
      cwd: path.join(repoRoot, "apps", "web"),
      env: { ...process.env, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (build.status !== 0) throw new Error(`[e2e] next build failed:\n${build.stdout}\n${build.stderr}`);
    console.log(`[e2e] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const logPath = path.join(artifactsDir, "stack.log");
  const log = fs.openSync(logPath, "w");
  console.log(`[e2e] starting the stack (web ${webUrl}, api ${apiUrl}, data ${dataDir}); log: ${logPath}`);
  // `node --import tsx` (not the tsx CLI, a wrapper process): the child we signal and wait for on
  // teardown is start.ts itself, which stops web, API, worker and then the database in order.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", log, log],
  });
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      child.kill("SIGTERM");
      const deadline = Date.now() + 90_000;
      while (child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    await stopLeftovers(dataDir);
    fs.closeSync(log);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + BOOT_TIMEOUT_MS;
    await waitFor(`${apiUrl}/health`, child, deadline, (r) => r.ok);
    await waitFor(`${webUrl}/signin`, child, deadline, (r) => r.status === 200);
  } catch (error) {
    await stop();
    const tail = fs.readFileSync(logPath, "utf8").split("\n").slice(-40).join("\n");
    throw new Error(`[e2e] the stack did not come up: ${(error as Error).message}\n--- last lines of ${logPath} ---\n${tail}`);
  }
  console.log(`[e2e] stack ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.env.E2E_BASE_URL = webUrl;
  process.env.E2E_API_URL = apiUrl;
  return stop;
}
