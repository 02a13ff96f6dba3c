// The stack behind `npm start` (scripts/start.ts runs code generation, then imports this file).
//   1. PostgreSQL: DATABASE_URL, or an embedded server in .data/postgres (kept across restarts)
//   2. migrations (prisma/migrations, offline-capable)
//   3. demo seed on an empty database (scripts/seed.ts)
//   4. child processes with prefixed logs: API (apps/api/src/server/main.ts), one worker
//      (apps/api/src/worker/main.ts) and, when apps/web exists, the web app (next build when
//      .next is missing or older than the web sources, then next start)
//   5. prints the URLs and the demo login; Ctrl-C stops everything, the embedded PostgreSQL last.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { createPrismaClient, migrate, resolveDatabase } from "@exprlab/db";
import { env } from "../apps/api/src/env.ts";
import { createRunNotifier } from "../apps/api/src/queue/notify.ts";
import { takeOverShutdownSignals } from "../apps/api/src/process/shutdown-signals.ts";
import { seedDemo } from "./seed.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsxBin = path.join(root, "node_modules", ".bin", "tsx");
const nextBin = path.join(root, "node_modules", ".bin", "next");
const webDir = path.join(root, "apps", "web");
const WEB_PORT = Number(process.env.WEB_PORT ?? 3000);
/** `npm start -- --no-web`: database, API and worker only. */
const withWeb = !process.argv.includes("--no-web");

const color = process.stdout.isTTY
  ? (code: number, s: string): string => `\u001b[${code}m${s}\u001b[0m`
  : (_code: number, s: string): string => s;
const say = (message: string): void => console.log(`${color(35, "[start]")} ${message}`);

interface Child {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}
const children: Child[] = [];
/** One-shot children (next build) to kill on Ctrl-C. */
const running = new Set<ChildProcess>();
let shuttingDown = false;

function run(
  name: string,
  tint: number,
  command: string,
  args: string[],
  extraEnv: Record<string, string>,
  options: { cwd?: string; oneShot?: boolean } = {},
): Child {
  const cwd = options.cwd ?? root;
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    // Own process group: Ctrl-C reaches start.ts only, which stops the children in order.
    detached: true,
  });
  const prefix = color(tint, `[${name}]`.padEnd(9));
  for (const stream of [child.stdout, child.stderr]) {
    // Children prefix their own lines ("[api] ..."): keep one prefix.
    const own = `[${name}] `;
    if (stream) {
      createInterface({ input: stream }).on("line", (line) => {
        console.log(`${prefix}${line.startsWith(own) ? line.slice(own.length) : line}`);
      });
    }
  }
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve(code);
      if (options.oneShot || shuttingDown) return;
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void shutdown(1);
    });
    child.on("error", (error) => {
      say(`${name} could not start: ${error.message}`);
      resolve(null);
      if (!shuttingDown) void shutdown(1);
    });
  });
  const entry = { name, process: child, exited };
  if (!options.oneShot) children.push(entry);
  else running.add(child);
  void exited.then(() => running.delete(child));
  return entry;
}

/** The web build is stale when it is missing or older than any web source or the API schema. */
function webBuildIsStale(webDir: string): boolean {
  const buildId = path.join(webDir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (file: string): boolean => existsSync(file) && statSync(file).mtimeMs > builtAt;
  const sources = readdirSync(path.join(webDir, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => !f.startsWith(`generated${path.sep}`))
    .map((f) => path.join(webDir, "src", f));
  return [
    ...sources,
    path.join(webDir, "package.json"),
    path.join(webDir, "next.config.ts"),
    path.join(root, "apps", "api", "schema.graphql"),
  ].some(newer);
}

let stopDatabase: () => Promise<void> = async () => {};

async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say("stopping...");
  for (const child of running) if (child.pid) process.kill(-child.pid, "SIGTERM");
  // Web first (no new requests), then the API, then the worker (it hands running runs back).
  for (const name of ["web", "api", "worker"]) {
    for (const child of children.filter((c) => c.name === name)) {
      if (child.process.exitCode !== null || child.process.signalCode !== null) continue;
      child.process.kill("SIGTERM");
      const killed = await Promise.race([
        child.exited.then(() => false),
        new Promise<boolean>((r) => setTimeout(() => r(true), 30_000)),
      ]);
      if (killed && child.process.pid) process.kill(-child.process.pid, "SIGKILL");
    }
  }
  await stopDatabase().catch((error: unknown) => say(`database stop failed: ${String(error)}`));
  say("stopped");
  process.exit(code);
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !shuttingDown) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  takeOverShutdownSignals(() => void shutdown(0));

  const dataDir = env.DATA_DIR;
  say(
    env.DATABASE_URL
      ? "using DATABASE_URL"
      : `starting the embedded PostgreSQL in ${path.join(dataDir, "postgres")}`,
  );
  const db = await resolveDatabase({
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: path.join(dataDir, "postgres"),
    ...(env.EMBEDDED_DB_PORT ? { port: env.EMBEDDED_DB_PORT } : {}),
  });
  stopDatabase = db.stop;
  if (shuttingDown) return;

  const migrated = await migrate(db.url);
  say(
    migrated.applied.length
      ? `applied migrations: ${migrated.applied.join(", ")}`
      : "database schema is up to date",
  );

  const prisma = createPrismaClient(db.url);
  const seed = await seedDemo(prisma, createRunNotifier(prisma), (m) => say(`seed: ${m}`));
  await prisma.$disconnect();
  if (shuttingDown) return;

  // Set by scripts/start.ts (from the environment or .data/secrets.json), shared by API and web.
  const secrets = { AUTH_SECRET: env.AUTH_SECRET, INTERNAL_SECRET: env.INTERNAL_SECRET };
  const apiUrl = `http://localhost:${env.API_PORT}`;
  const shared = { DATABASE_URL: db.url, ...secrets };
  const webUrl = `http://localhost:${WEB_PORT}`;
  run("api", 36, tsxBin, ["apps/api/src/server/main.ts"], {
    ...shared,
    // Production behaviour: no introspection or suggestions, terse error pages (issue 12).
    NODE_ENV: "production",
    API_PORT: String(env.API_PORT),
    WEB_URL: webUrl,
  });
  run("worker", 33, tsxBin, ["apps/api/src/worker/main.ts"], shared);

  const hasWeb =
    withWeb && existsSync(path.join(webDir, "package.json")) && existsSync(path.join(webDir, "src", "app"));
  if (hasWeb) {
    const webEnv = {
      ...secrets,
      NODE_ENV: "production",
      API_URL: apiUrl,
      NEXTAUTH_URL: webUrl,
      NEXTAUTH_SECRET: secrets.AUTH_SECRET,
      PORT: String(WEB_PORT),
    };
    if (webBuildIsStale(webDir)) {
      say("building the web app (next build: first start, or its sources changed; about a minute)...");
      const build = run("web", 32, nextBin, ["build"], webEnv, { cwd: webDir, oneShot: true });
      const code = await build.exited;
      if (code !== 0 && !shuttingDown) {
        say("next build failed: the API and worker keep running without the web app");
      }
    }
    if (!shuttingDown && existsSync(path.join(webDir, ".next", "BUILD_ID"))) {
      run("web", 32, nextBin, ["start", "-p", String(WEB_PORT)], webEnv, { cwd: webDir });
    }
  }

  const apiUp = await waitForHealth(`${apiUrl}/health`, 120_000);
  if (shuttingDown) return;
  const webUp =
    hasWeb && children.some((c) => c.name === "web") ? await waitForHealth(webUrl, 120_000) : false;
  if (shuttingDown) return;

  const lines = [
    "",
    color(1, "ExprLab is running"),
    `  GraphQL API   ${apiUrl}/graphql${apiUp ? "" : "  (not answering yet: see the [api] log)"}`,
    `  Upload        POST ${apiUrl}/upload`,
    webUp
      ? `  Web app       ${webUrl}`
      : hasWeb
        ? "  Web app       not running (see the [web] log)"
        : `  Web app       not started${withWeb ? " (apps/web not present)" : " (--no-web)"}`,
    `  Database      ${db.source === "env" ? "DATABASE_URL" : `embedded PostgreSQL, data in ${path.join(dataDir, "postgres")}`}`,
    "",
    `  Demo login    ${seed.email}  /  ${seed.password}${seed.seeded ? "" : "  (if you kept the demo user)"}`,
    seed.seeded
      ? `  Demo data     team "Demo Lab": a planted time course and a run of it${seed.created.includes("run") ? " (the worker finishes it in seconds)" : ""}`
      : "",
    "",
    "  Ctrl-C stops everything.",
    "",
  ].filter((l, i, all) => l !== "" || all[i - 1] !== "");
  console.log(lines.join("\n"));
}

main().catch(async (error: unknown) => {
  console.error(color(31, "[start] failed:"), error);
  await shutdown(1);
});
