// The worker process: `npm run worker -w @exprlab/api` (or `tsx apps/api/src/worker/main.ts`).
// Claims runs from the PostgreSQL run queue and runs core on them in engine threads. Start as many as you like, on
// as many machines as you like, all with the same DATABASE_URL (see docs/DEPLOY.md).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createPrismaClient, resolveDatabase } from "@exprlab/db";
import { env } from "../env.ts";
import { queueSettingsFromEnv } from "../queue/from-env.ts";
import { takeOverShutdownSignals } from "../process/shutdown-signals.ts";
import { startWorker } from "./worker.ts";

const log = (message: string): void => console.log(`[worker] ${message}`);

async function main(): Promise<void> {
  const db = await resolveDatabase({
    databaseUrl: env.DATABASE_URL ?? null,
    dataDir: path.join(env.DATA_DIR, "postgres"),
    ...(env.EMBEDDED_DB_PORT ? { port: env.EMBEDDED_DB_PORT } : {}),
  });
  const prisma = createPrismaClient(db.url);
  const worker = await startWorker({
    databaseUrl: db.url,
    prisma,
    ...(env.WORKER_CONCURRENCY ? { concurrency: env.WORKER_CONCURRENCY } : {}),
    queue: queueSettingsFromEnv(env),
    log,
  });
  const s = worker.settings;
  log(
    `${worker.workerId} ready (concurrency ${worker.concurrency}, lease ${s.leaseSeconds} s, ` +
      `${s.teamMaxRunning} runs per team at once, budget ${s.runMaxSeconds} s and ${s.runMaxMemoryMb} MB per run)`,
  );

  // Liveness for container health checks: the event loop and the process are alive.
  const healthFile = env.WORKER_HEALTH_FILE;
  const touch = (): void => {
    if (healthFile) void writeFile(healthFile, `${new Date().toISOString()} ${worker.activeCount()} running\n`).catch(() => {});
  };
  touch();
  const health = setInterval(touch, 10_000);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: finishing running jobs (up to ${env.WORKER_DRAIN_SECONDS}s), then stopping`);
    void (async () => {
      try {
        clearInterval(health);
        await worker.stop({ drainMs: env.WORKER_DRAIN_SECONDS * 1000 });
        await prisma.$disconnect();
        await db.stop();
        log("stopped");
        process.exit(0);
      } catch (error) {
        console.error("[worker] shutdown failed:", error);
        process.exit(1);
      }
    })();
  };
  takeOverShutdownSignals(shutdown);
}

main().catch((error: unknown) => {
  console.error("[worker] failed to start:", error);
  process.exit(1);
});
