// The analysis job queue on pg-boss 10 (PostgreSQL): queue "run-analysis", payload { runId }.
//
// Why not pg-boss's own work(): in v10 a job's only liveness signal is its expiry (started_on +
// expireIn). work() fails a handler that runs longer than expireIn, so long LSTM runs would need a
// huge expiry, and then a killed worker's job would only come back hours later. Instead each worker
// fetches jobs itself and holds a short LEASE that it renews every heartbeat by moving the job's
// started_on forward (the column pg-boss's expiry check reads). A killed worker stops renewing;
// pg-boss maintenance (any live instance) fails the expired job, which goes back to the queue as a
// retry (retryLimit) and another worker takes it. Runs that exhaust their retries land in the dead
// letter queue, whose handler marks the run FAILED.
import PgBoss from "pg-boss";
import { z } from "zod";
import { resolveQueueSettings } from "./settings.ts";
import type { QueueSettings, QueueSettingsInput } from "./settings.ts";

export const RUN_QUEUE = "run-analysis";
export const RUN_DEAD_LETTER_QUEUE = "run-analysis-dead";

/** The typed payload of a run-analysis job. */
export const runJobPayloadSchema = z.object({ runId: z.string().min(1) });
export type RunJobPayload = z.infer<typeof runJobPayloadSchema>;

/** Why a job's signal was aborted. */
export type JobAbortReason = "lease-lost" | "shutdown";

export class JobAbortedError extends Error {
  override readonly name = "JobAbortedError";
  constructor(readonly reason: JobAbortReason) {
    super(reason === "shutdown" ? "the worker is shutting down" : "the job's lease was lost to another worker");
  }
}

export interface RunJob {
  /** pg-boss job id (the same across retries of one job). */
  id: string;
  runId: string;
  /** 0 on the first delivery, then 1, 2... */
  retryCount: number;
  retryLimit: number;
  /** True when a failure now will not be retried. */
  isLastAttempt: boolean;
  /** Aborted (reason: JobAbortedError) when the lease is lost or the worker shuts down. */
  signal: AbortSignal;
}

export type RunJobHandler = (job: RunJob) => Promise<void>;

export interface WorkOptions {
  /** Jobs processed at once by this process. Default 1. */
  concurrency?: number;
  /** Called with the run of a job that exhausted its retries (e.g. its workers kept dying). */
  onDeadLetter?: (runId: string) => Promise<void>;
}

export interface StopOptions {
  /** How long running jobs may take to finish before they are aborted (ms). Default 20,000. */
  drainMs?: number;
}

export interface RunQueue {
  readonly settings: QueueSettings;
  /** Queues a run. A run already waiting in the queue is not queued twice (singletonKey = runId). */
  enqueue(runId: string): Promise<string | null>;
  /** Starts consuming jobs. Call once per process. */
  work(handler: RunJobHandler, options?: WorkOptions): Promise<void>;
  /** Number of jobs this process is running now. */
  activeCount(): number;
  /** Stops fetching, lets running jobs finish (up to drainMs), aborts the rest, closes pg-boss. */
  stop(options?: StopOptions): Promise<void>;
}

export interface CreateRunQueueOptions extends QueueSettingsInput {
  /** Receives pg-boss and worker-loop errors (default console.error). */
  onError?: (error: unknown) => void;
  /** Connection pool size of pg-boss. Default 4. */
  poolSize?: number;
  /** Run pg-boss maintenance (expiry of dead leases) in this process. Default true. */
  supervise?: boolean;
}

export async function createRunQueue(databaseUrl: string, options: CreateRunQueueOptions = {}): Promise<RunQueue> {
  const { onError = (e: unknown) => console.error("[queue]", e), poolSize = 4, supervise = true, ...rest } = options;
  const settings = resolveQueueSettings(rest);
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: settings.schema,
    max: poolSize,
    application_name: "exprlab-queue",
    supervise,
    schedule: false,
    maintenanceIntervalSeconds: settings.maintenanceSeconds,
  });
  boss.on("error", onError);
  await boss.start();
  await ensureQueues(boss, settings);
  return new PgBossRunQueue(boss, settings, onError);
}

async function ensureQueues(boss: PgBoss, settings: QueueSettings): Promise<void> {
  const deadLetter: PgBoss.Queue = { name: RUN_DEAD_LETTER_QUEUE, policy: "standard", retryLimit: 5, retryDelay: 5 };
  const main: PgBoss.Queue = {
    name: RUN_QUEUE,
    // "short": at most one WAITING job per singletonKey, so enqueueing a queued run is a no-op.
    policy: "short",
    retryLimit: settings.retryLimit,
    retryDelay: settings.retryDelaySeconds,
    retryBackoff: settings.retryBackoff,
    expireInSeconds: settings.leaseSeconds,
    deadLetter: RUN_DEAD_LETTER_QUEUE,
  };
  for (const queue of [deadLetter, main]) {
    if (!(await boss.getQueue(queue.name))) {
      try {
        await boss.createQueue(queue.name, queue);
      } catch (error) {
        // Another process created it between our check and our insert.
        if (!(await boss.getQueue(queue.name))) throw error;
      }
    }
    // Settings may differ from the ones the queue was created with (new deploy, tests).
    await boss.updateQueue(queue.name, queue);
  }
}

interface ActiveJob {
  controller: AbortController;
  done: Promise<void>;
}

class PgBossRunQueue implements RunQueue {
  private stopping = false;
  private readonly idle = new AbortController();
  private readonly active = new Set<ActiveJob>();
  private loops: Promise<void>[] = [];
  private deadLetterWorkerId: string | undefined;
  private readonly renewSql: string;

  constructor(
    private readonly boss: PgBoss,
    readonly settings: QueueSettings,
    private readonly onError: (error: unknown) => void,
  ) {
    // Moves the lease forward. With a token, only while the lease is still ours: if it expired and
    // the job was handed to another worker, its started_on changed and nothing matches.
    this.renewSql = `
      UPDATE ${settings.schema}.job SET started_on = now()
      WHERE name = $1 AND id = $2 AND state = 'active' AND ($3::text IS NULL OR started_on = $3::timestamptz)
      RETURNING started_on::text AS token`;
  }

  async enqueue(runId: string): Promise<string | null> {
    const payload: RunJobPayload = runJobPayloadSchema.parse({ runId });
    return this.boss.send(RUN_QUEUE, payload, { singletonKey: runId });
  }

  async work(handler: RunJobHandler, options: WorkOptions = {}): Promise<void> {
    if (this.loops.length > 0) throw new Error("RunQueue.work() was already called");
    const concurrency = Math.max(1, options.concurrency ?? 1);
    for (let slot = 0; slot < concurrency; slot++) this.loops.push(this.loop(handler));
    if (options.onDeadLetter) {
      const onDeadLetter = options.onDeadLetter;
      this.deadLetterWorkerId = await this.boss.work<unknown>(
        RUN_DEAD_LETTER_QUEUE,
        { pollingIntervalSeconds: Math.max(this.settings.pollingSeconds, 5) },
        async (jobs) => {
          for (const job of jobs) {
            const payload = runJobPayloadSchema.safeParse(job.data);
            if (payload.success) await onDeadLetter(payload.data.runId);
          }
        },
      );
    }
  }

  activeCount(): number {
    return this.active.size;
  }

  private async loop(handler: RunJobHandler): Promise<void> {
    while (!this.stopping) {
      let jobs: PgBoss.JobWithMetadata<unknown>[] = [];
      try {
        jobs = await this.boss.fetch<unknown>(RUN_QUEUE, { batchSize: 1, includeMetadata: true });
      } catch (error) {
        this.onError(error);
      }
      const job = jobs[0];
      if (!job) {
        await sleep(this.settings.pollingSeconds * 1000, this.idle.signal);
        continue;
      }
      await this.runOne(job, handler);
    }
  }

  private async runOne(job: PgBoss.JobWithMetadata<unknown>, handler: RunJobHandler): Promise<void> {
    const payload = runJobPayloadSchema.safeParse(job.data);
    if (!payload.success) {
      // A malformed job can never succeed: record why and do not retry it.
      this.onError(new Error(`run-analysis job ${job.id} has an invalid payload: ${payload.error.message}`));
      await this.boss.complete(RUN_QUEUE, job.id, { error: "invalid payload" }).catch(this.onError);
      return;
    }
    const controller = new AbortController();
    let token: string | null = null;
    let leaseLost = false;
    const renew = async (): Promise<void> => {
      const { rows } = await this.boss.getDb().executeSql(this.renewSql, [RUN_QUEUE, job.id, token]);
      const next = (rows[0] as { token?: string } | undefined)?.token;
      if (next === undefined) {
        leaseLost = true;
        if (!controller.signal.aborted) controller.abort(new JobAbortedError("lease-lost"));
      } else {
        token = next;
      }
    };
    let renewing = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(renew).catch(this.onError);
    }, this.settings.heartbeatSeconds * 1000);

    const entry: ActiveJob = { controller, done: Promise.resolve() };
    const work = (async () => {
      try {
        await renew(); // take the lease token (and prove the job is still ours)
        if (leaseLost) return;
        await handler({
          id: job.id,
          runId: payload.data.runId,
          retryCount: job.retryCount,
          retryLimit: job.retryLimit,
          isLastAttempt: job.retryCount >= job.retryLimit,
          signal: controller.signal,
        });
        clearInterval(timer);
        await renewing;
        if (!leaseLost) await this.boss.complete(RUN_QUEUE, job.id);
      } catch (error) {
        clearInterval(timer);
        await renewing;
        // A lost lease belongs to another worker now: completing or failing it would touch its job.
        if (leaseLost) return;
        if (!(error instanceof JobAbortedError)) this.onError(error);
        await this.boss
          .fail(RUN_QUEUE, job.id, { message: error instanceof Error ? error.message : String(error) })
          .catch(this.onError);
      } finally {
        clearInterval(timer);
      }
    })();
    entry.done = work;
    this.active.add(entry);
    try {
      await work;
    } finally {
      this.active.delete(entry);
    }
  }

  async stop(options: StopOptions = {}): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.idle.abort();
    const drainMs = options.drainMs ?? 20_000;
    const running = [...this.active].map((a) => a.done);
    if (running.length > 0) {
      const drained = await Promise.race([
        Promise.allSettled(running).then(() => true),
        sleep(drainMs).then(() => false),
      ]);
      if (!drained) {
        for (const job of this.active) job.controller.abort(new JobAbortedError("shutdown"));
        await Promise.race([Promise.allSettled([...this.active].map((a) => a.done)), sleep(10_000)]);
      }
    }
    await Promise.allSettled(this.loops);
    if (this.deadLetterWorkerId) await this.boss.offWork({ id: this.deadLetterWorkerId }).catch(this.onError);
    await this.boss.stop({ graceful: true, wait: true, timeout: 5_000 });
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
