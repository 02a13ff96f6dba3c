// A worker: N slots, each claiming runs from the queue (fair share across teams, see
// queue/claim.ts) and running them in engine threads. Each slot keeps one thread loaded ahead of
// time, so a run does not wait for the engine to load; every run gets a fresh thread. Used by
// main.ts (its own process) and by tests (in process).
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { METHODS, startEngineThread, type EngineThread } from "@exprlab/core";
import type { PrismaClient } from "@exprlab/db";
import { claimNextRun } from "../queue/claim.ts";
import { listenForRuns, type QueueListener } from "../queue/notify.ts";
import { defaultWorkerConcurrency, resolveQueueSettings, type QueueSettings, type QueueSettingsInput } from "../queue/settings.ts";
import { finishBenchmarkIfDone, finishReadyBenchmarks } from "../services/benchmarks/finish-benchmark.ts";
import { executeRun, type StopReason } from "./execute-run.ts";

export interface StartWorkerOptions {
  databaseUrl: string;
  prisma: PrismaClient;
  /** Runs at once. Default: cores - 1, at least 1. */
  concurrency?: number;
  queue?: QueueSettingsInput;
  workerId?: string;
  log?: (message: string) => void;
  /** Minimum time between progress writes (ms). Default 500. */
  progressIntervalMs?: number;
}

export interface RunningWorker {
  workerId: string;
  settings: QueueSettings;
  concurrency: number;
  /** Runs this process is running now. */
  activeCount(): number;
  /** Stops claiming; lets running runs finish for drainMs, then hands them back to the queue. */
  stop(options?: { drainMs?: number }): Promise<void>;
}

export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Idle slots sleep here until a notification or their polling interval. */
class Waker {
  private waiting = new Set<() => void>();
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiting.add(done);
    });
  }
  wakeAll(): void {
    for (const w of [...this.waiting]) w();
  }
}

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const workerId = options.workerId ?? newWorkerId();
  const log = options.log ?? (() => {});
  const settings = resolveQueueSettings(options.queue);
  const concurrency = Math.max(1, options.concurrency ?? defaultWorkerConcurrency());
  const active = new Map<string, (why: StopReason) => void>();
  const waker = new Waker();
  let stopping = false;

  const listener: QueueListener = await listenForRuns(options.databaseUrl, {
    onQueued: () => waker.wakeAll(),
    onCancel: (runId) => active.get(runId)?.("cancel"),
    onError: (e) => log(`queue listener: ${e instanceof Error ? e.message : String(e)}`),
  });

  const warmThread = (): EngineThread => {
    const thread = startEngineThread({ memoryLimitMb: settings.runMaxMemoryMb });
    thread.ready.catch((e: unknown) => log(`engine thread failed to start: ${e instanceof Error ? e.message : String(e)}`));
    return thread;
  };

  // Benchmark parents whose last member ended: aggregated right after that member (below), and by
  // this sweep when a member ended elsewhere (canceled by the API, given up by a claim).
  let lastSweep = 0;
  const sweepBenchmarks = async () => {
    if (Date.now() - lastSweep < 10_000) return;
    lastSweep = Date.now();
    await finishReadyBenchmarks(options.prisma, METHODS).catch((e: unknown) => log(`benchmark sweep: ${e instanceof Error ? e.message : String(e)}`));
  };

  const slot = async (): Promise<void> => {
    let thread: EngineThread | null = warmThread();
    while (!stopping) {
      let run;
      try {
        run = await claimNextRun(options.prisma, workerId, settings);
      } catch (error) {
        log(`claim failed: ${error instanceof Error ? error.message : String(error)}`);
        await waker.wait(settings.pollingSeconds * 1000);
        continue;
      }
      if (!run) {
        await sweepBenchmarks();
        await waker.wait(settings.pollingSeconds * 1000);
        continue;
      }
      log(`run ${run.id}: claimed (attempt ${run.attempts}, ${run.method})`);
      const mine: EngineThread = thread ?? warmThread();
      thread = null;
      await executeRun(run, mine, {
        prisma: options.prisma,
        workerId,
        settings,
        log,
        ...(options.progressIntervalMs !== undefined ? { progressIntervalMs: options.progressIntervalMs } : {}),
        register: (id, stop) => active.set(id, stop),
        unregister: (id) => active.delete(id),
      }).catch((error: unknown) => log(`run ${run.id}: ${error instanceof Error ? error.message : String(error)}`));
      if (run.parentId) {
        await finishBenchmarkIfDone(options.prisma, run.parentId, METHODS).catch((e: unknown) =>
          log(`benchmark ${run.parentId}: ${e instanceof Error ? e.message : String(e)}`),
        );
      }
      if (!stopping) thread = warmThread();
    }
    await thread?.terminate();
  };

  const loops = Array.from({ length: concurrency }, () => slot());

  return {
    workerId,
    settings,
    concurrency,
    activeCount: () => active.size,
    async stop({ drainMs = 20_000 } = {}) {
      if (stopping) return;
      stopping = true;
      waker.wakeAll();
      const all = Promise.allSettled(loops);
      const drained = await Promise.race([all.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), drainMs))]);
      if (!drained) {
        for (const stopRun of active.values()) stopRun("shutdown");
        await all;
      }
      await listener.close();
    },
  };
}
