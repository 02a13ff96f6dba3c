// A worker: one queue consumer running the run-analysis handler with N slots. Used by main.ts
// (its own process) and by tests (in process); start.ts runs main.ts as a child process.
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@exprlab/db";
import { createRunQueue } from "../queue/run-queue.ts";
import type { CreateRunQueueOptions, RunQueue } from "../queue/run-queue.ts";
import { createRunAnalysisHandler, failAbandonedRun } from "./run-analysis.ts";

export interface StartWorkerOptions {
  databaseUrl: string;
  prisma: PrismaClient;
  concurrency?: number;
  queue?: CreateRunQueueOptions;
  workerId?: string;
  log?: (message: string) => void;
}

export interface RunningWorker {
  workerId: string;
  queue: RunQueue;
  /** Stops taking runs; lets running ones finish for drainMs, then hands them back to the queue. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const workerId = options.workerId ?? newWorkerId();
  const log = options.log ?? (() => {});
  const queue = await createRunQueue(options.databaseUrl, options.queue);
  const handler = createRunAnalysisHandler({
    prisma: options.prisma,
    workerId,
    settings: queue.settings,
    log,
  });
  await queue.work(handler, {
    concurrency: options.concurrency ?? 1,
    onDeadLetter: async (runId) => {
      if (await failAbandonedRun(options.prisma, runId, queue.settings.leaseSeconds)) {
        log(`run ${runId}: marked FAILED after exhausting its retries`);
      }
    },
  });
  return { workerId, queue, stop: (o) => queue.stop(o) };
}
