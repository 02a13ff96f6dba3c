// The run-analysis job handler. A run moves through its states only by conditional updates that
// name the worker and the attempt that owns it, so a worker that lost its claim (killed, paused,
// lease expired) can never overwrite the work of the worker that took over:
//
//   QUEUED ──claim──> RUNNING ──one transaction──> SUCCEEDED (biclusters + genes + activity)
//     │                  │ ├──cancelRequested──> CANCELED
//     │                  │ ├──core error───────> FAILED (readable message)
//     │                  │ └──shutdown / lease lost / DB error──> QUEUED again (job retried)
//     └─cancelRequested─> CANCELED
//   RUNNING with a heartbeat older than the lease (dead worker) can be claimed again: attempts + 1.
//
// Timestamps (heartbeatAt) come from the database clock, so workers on several machines agree.
import { CancelledError } from "@exprlab/core";
import type { ExpressionMatrix, ProgressEvent } from "@exprlab/core";
import { Prisma, decodeRow } from "@exprlab/db";
import type { PrismaClient } from "@exprlab/db";
import { JobAbortedError } from "../queue/run-queue.ts";
import type { RunJob, RunJobHandler } from "../queue/run-queue.ts";
import type { QueueSettings } from "../queue/settings.ts";
import { runAnalysisMethod } from "./analysis.ts";
import type { AnalysisResult } from "./analysis.ts";

export interface RunAnalysisDeps {
  prisma: PrismaClient;
  /** Identifies this worker process in Run.workerId (host:pid:random). */
  workerId: string;
  settings: Pick<QueueSettings, "leaseSeconds" | "heartbeatSeconds">;
  /** Minimum time between progress writes (ms). Default 500. */
  progressIntervalMs?: number;
  log?: (message: string) => void;
}

/** Rows loaded per query when reading a dataset's matrix. */
const LOAD_BATCH = 2_000;
/** Bicluster genes inserted per statement. */
const GENE_BATCH = 5_000;

type Outcome = "succeeded" | "failed" | "canceled" | "released" | "skipped";

/** Raised inside the run when the DB says this worker no longer owns it. */
class ClaimLostError extends Error {
  override readonly name = "ClaimLostError";
  constructor() {
    super("another worker owns this run now");
  }
}

export function createRunAnalysisHandler(deps: RunAnalysisDeps): RunJobHandler {
  return async (job) => {
    await runAnalysis(job, deps);
  };
}

/** Processes one delivery of a run job. Resolves when the job is done with (complete it); throws to retry. */
export async function runAnalysis(job: RunJob, deps: RunAnalysisDeps): Promise<Outcome> {
  const { prisma, workerId } = deps;
  const log = deps.log ?? (() => {});
  const runId = job.runId;

  let attempt = await claimRun(prisma, runId, workerId, deps.settings.leaseSeconds);
  if (attempt === null) {
    const waited = await waitForOwnerOrStale(job, deps);
    if (waited === "done") return "skipped";
    attempt = waited;
  }
  log(`run ${runId}: claimed (attempt ${attempt})`);
  const owner = { runId, workerId, attempt };
  const maxAttempts = job.retryLimit + 1;
  if (attempt > maxAttempts) {
    await finishRun(prisma, owner, "FAILED", `gave up after ${maxAttempts} attempts (the workers stopped each time)`);
    return "failed";
  }

  const runController = new AbortController();
  const onJobAbort = (): void => runController.abort(job.signal.reason);
  job.signal.addEventListener("abort", onJobAbort, { once: true });
  const progress = new ProgressWriter(prisma, owner, deps.progressIntervalMs ?? 500, runController, log);
  const heartbeat = setInterval(() => progress.beat(), deps.settings.heartbeatSeconds * 1000);

  try {
    const run = await prisma.run.findUniqueOrThrow({
      where: { id: runId },
      select: { id: true, teamId: true, datasetId: true, method: true, params: true, seed: true, createdById: true },
    });
    await progress.set({ stage: "load", overall: 0 }, true);
    const matrix = await loadMatrix(prisma, run.datasetId);
    if (runController.signal.aborted) throw runController.signal.reason;

    let result: AnalysisResult;
    try {
      result = await runAnalysisMethod(run.method, matrix, asParams(run.params), run.seed, {
        signal: runController.signal,
        onProgress: (event) => progress.report(event),
      });
    } catch (error) {
      if (runController.signal.aborted || error instanceof CancelledError) throw runController.signal.reason ?? error;
      // The method itself failed (bad parameters, numerical trouble): retrying will not help.
      const message = error instanceof Error ? error.message : String(error);
      log(`run ${runId}: failed: ${message}`);
      await progress.stop();
      await finishRun(prisma, owner, "FAILED", message);
      return "failed";
    }
    if (runController.signal.aborted) throw runController.signal.reason;
    await progress.stop();
    const ok = await writeResults(prisma, owner, run.teamId, matrix, result);
    if (ok === "canceled") {
      await finishRun(prisma, owner, "CANCELED", null);
      return "canceled";
    }
    log(`run ${runId}: succeeded with ${result.biclusters.length} biclusters`);
    return "succeeded";
  } catch (error) {
    await progress.stop();
    const reason: unknown = runController.signal.aborted ? runController.signal.reason : error;
    if (reason instanceof CancelledError) {
      log(`run ${runId}: canceled`);
      await finishRun(prisma, owner, "CANCELED", null);
      return "canceled";
    }
    if (reason instanceof ClaimLostError) {
      log(`run ${runId}: another worker took over; stopping`);
      return "skipped";
    }
    // Shutdown, lost lease or a database error: give the run back and let the queue retry it,
    // except on the last delivery, where the run fails with the reason.
    const message = reason instanceof Error ? reason.message : String(reason);
    if (job.isLastAttempt && !(reason instanceof JobAbortedError && reason.reason === "shutdown")) {
      await finishRun(prisma, owner, "FAILED", `worker error: ${message}`).catch(() => {});
      return "failed";
    }
    await releaseRun(prisma, owner).catch(() => {});
    log(`run ${runId}: released for a retry (${message})`);
    throw reason instanceof Error ? reason : new Error(message);
  } finally {
    clearInterval(heartbeat);
    job.signal.removeEventListener("abort", onJobAbort);
  }
}

interface Owner {
  runId: string;
  workerId: string;
  attempt: number;
}

/**
 * Conditional claim: QUEUED (not cancel-requested) or RUNNING with a heartbeat older than the lease
 * becomes RUNNING for this worker, attempts + 1. Returns the attempt number, or null.
 */
export async function claimRun(
  prisma: PrismaClient,
  runId: string,
  workerId: string,
  staleSeconds: number,
): Promise<number | null> {
  const rows = await prisma.$queryRaw<{ attempts: number }[]>`
    UPDATE "Run" SET
      status = 'RUNNING', attempts = attempts + 1, "workerId" = ${workerId}, "heartbeatAt" = now(),
      "startedAt" = COALESCE("startedAt", now()), progress = 0, stage = 'queued', error = NULL
    WHERE id = ${runId} AND "cancelRequested" = false
      AND (status = 'QUEUED'
        OR (status = 'RUNNING' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${staleSeconds}))))
    RETURNING attempts`;
  return rows[0]?.attempts ?? null;
}

/**
 * The claim failed: the run is finished, cancel-requested, or RUNNING under a live worker. Cancels a
 * run that nobody runs; waits (up to two leases) for a live owner's heartbeat to go stale so that a
 * redelivered job of a dead worker is not dropped; gives up quietly when the owner is alive.
 */
async function waitForOwnerOrStale(job: RunJob, deps: RunAnalysisDeps): Promise<number | "done"> {
  const { prisma, workerId, settings } = deps;
  const deadline = Date.now() + 2 * settings.leaseSeconds * 1000;
  for (;;) {
    const rows = await prisma.$queryRaw<{ status: string; cancelRequested: boolean; stale: boolean }[]>`
      SELECT status::text AS status, "cancelRequested",
        ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${settings.leaseSeconds})) AS stale
      FROM "Run" WHERE id = ${job.runId}`;
    const run = rows[0];
    if (!run || run.status === "SUCCEEDED" || run.status === "FAILED" || run.status === "CANCELED") return "done";
    if (run.cancelRequested && (run.status === "QUEUED" || run.stale)) {
      await cancelUnowned(prisma, job.runId);
      return "done";
    }
    const attempt = await claimRun(prisma, job.runId, workerId, settings.leaseSeconds);
    if (attempt !== null) return attempt;
    if (Date.now() > deadline || job.signal.aborted) return "done";
    await sleep(settings.heartbeatSeconds * 1000);
  }
}

/** Cancels a run that no live worker holds (queued, or its worker died), with its activity event. */
async function cancelUnowned(prisma: PrismaClient, runId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ teamId: string; createdById: string }[]>`
      UPDATE "Run" SET status = 'CANCELED', stage = 'canceled', "finishedAt" = now(), "workerId" = NULL
      WHERE id = ${runId} AND "cancelRequested" = true AND status IN ('QUEUED', 'RUNNING')
      RETURNING "teamId", "createdById"`;
    const run = rows[0];
    if (run) await tx.activityEvent.create({ data: activity(run.teamId, runId, "CANCELED", null) });
  });
}

/** Moves an owned RUNNING run to a final status (with an activity event). False when not owned any more. */
async function finishRun(
  prisma: PrismaClient,
  owner: Owner,
  status: "FAILED" | "CANCELED",
  error: string | null,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const stage = status === "FAILED" ? "failed" : "canceled";
    const rows = await tx.$queryRaw<{ teamId: string }[]>`
      UPDATE "Run" SET status = ${status}::"RunStatus", stage = ${stage}, error = ${error}, "finishedAt" = now()
      WHERE id = ${owner.runId} AND "workerId" = ${owner.workerId} AND attempts = ${owner.attempt} AND status = 'RUNNING'
      RETURNING "teamId"`;
    const run = rows[0];
    if (!run) return false;
    await tx.activityEvent.create({ data: activity(run.teamId, owner.runId, status, error) });
    return true;
  });
}

/** Gives an owned run back to the queue (shutdown, lost lease, transient error). */
async function releaseRun(prisma: PrismaClient, owner: Owner): Promise<void> {
  await prisma.$executeRaw`
    UPDATE "Run" SET status = 'QUEUED', stage = 'requeued', "workerId" = NULL, "heartbeatAt" = NULL
    WHERE id = ${owner.runId} AND "workerId" = ${owner.workerId} AND attempts = ${owner.attempt} AND status = 'RUNNING'`;
}

/** Marks a run whose job exhausted its retries as FAILED, unless a live worker still holds it. */
export async function failAbandonedRun(prisma: PrismaClient, runId: string, leaseSeconds: number): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ teamId: string; attempts: number }[]>`
      UPDATE "Run" SET status = 'FAILED', stage = 'failed', "finishedAt" = now(), "workerId" = NULL,
        error = 'gave up after ' || attempts || ' attempts: the run kept failing or its workers stopped responding'
      WHERE id = ${runId} AND (status = 'QUEUED'
        OR (status = 'RUNNING' AND ("heartbeatAt" IS NULL OR "heartbeatAt" < now() - make_interval(secs => ${leaseSeconds}))))
      RETURNING "teamId", attempts`;
    const run = rows[0];
    if (!run) return false;
    await tx.activityEvent.create({
      data: activity(run.teamId, runId, "FAILED", `gave up after ${run.attempts} attempts`),
    });
    return true;
  });
}

/**
 * Writes the results in ONE transaction: the run row is locked and must still be ours, RUNNING and
 * not cancel-requested; earlier biclusters of the run (none, unless a previous attempt got this far
 * and rolled back) are deleted first, so a run never has duplicates.
 */
async function writeResults(
  prisma: PrismaClient,
  owner: Owner,
  teamId: string,
  matrix: ExpressionMatrix,
  result: AnalysisResult,
): Promise<"succeeded" | "canceled"> {
  return prisma.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ cancelRequested: boolean }[]>`
        SELECT "cancelRequested" FROM "Run"
        WHERE id = ${owner.runId} AND "workerId" = ${owner.workerId} AND attempts = ${owner.attempt} AND status = 'RUNNING'
        FOR UPDATE`;
      const row = locked[0];
      if (!row) throw new ClaimLostError();
      if (row.cancelRequested) return "canceled" as const;

      await tx.bicluster.deleteMany({ where: { runId: owner.runId } });
      const created = await tx.bicluster.createManyAndReturn({
        data: result.biclusters.map((b, index) => ({
          runId: owner.runId,
          teamId,
          index,
          geneCount: b.genes.length,
          conditionCount: b.conditions.length,
          conditions: b.conditions,
          msr: b.msr,
          silhouette: finiteOrNull(b.silhouette),
          pValue: finiteOrNull(b.pValue),
          meanProfile: b.meanProfile.map((v) => (Number.isFinite(v) ? v : 0)),
        })),
        select: { id: true, index: true },
      });
      const idByIndex = new Map(created.map((c) => [c.index, c.id]));
      const genes: Prisma.BiclusterGeneCreateManyInput[] = [];
      result.biclusters.forEach((b, index) => {
        const biclusterId = idByIndex.get(index);
        if (!biclusterId) throw new Error(`bicluster ${index} was not created`);
        b.genes.forEach((geneIndex, k) => {
          const gene = matrix.genes[geneIndex];
          if (gene === undefined) throw new Error(`bicluster ${index} names gene index ${geneIndex} outside the dataset`);
          genes.push({ biclusterId, gene, geneIndex, silhouette: finiteOrNull(b.geneSilhouettes?.[k] ?? null) });
        });
      });
      for (let i = 0; i < genes.length; i += GENE_BATCH) {
        await tx.biclusterGene.createMany({ data: genes.slice(i, i + GENE_BATCH) });
      }
      await tx.run.update({
        where: { id: owner.runId },
        data: {
          status: "SUCCEEDED",
          progress: 1,
          stage: "done",
          finishedAt: new Date(),
          error: null,
          result: toJson(result.json),
          timings: toJson(result.timings ?? null),
          metrics: toJson(result.metrics ?? null),
          backend: result.backend ?? null,
        },
      });
      await tx.activityEvent.create({
        data: activity(teamId, owner.runId, "SUCCEEDED", `${result.biclusters.length} biclusters`),
      });
      return "succeeded" as const;
    },
    { maxWait: 30_000, timeout: 5 * 60_000 },
  );
}

/** Reads a dataset's rows (in index order, in batches) into core's ExpressionMatrix. */
export async function loadMatrix(prisma: PrismaClient, datasetId: string): Promise<ExpressionMatrix> {
  const dataset = await prisma.dataset.findUniqueOrThrow({
    where: { id: datasetId },
    select: { geneCount: true, conditionCount: true, conditions: true },
  });
  const width = dataset.conditionCount;
  const values = new Float64Array(dataset.geneCount * width);
  const genes: string[] = [];
  let from = 0;
  for (;;) {
    const rows = await prisma.datasetRow.findMany({
      where: { datasetId, index: { gte: from } },
      orderBy: { index: "asc" },
      take: LOAD_BATCH,
      select: { index: true, gene: true, values: true },
    });
    for (const row of rows) {
      if (row.index !== genes.length) throw new Error(`dataset ${datasetId} is missing row ${genes.length}`);
      genes.push(row.gene);
      values.set(decodeRow(row.values), row.index * width);
    }
    if (rows.length < LOAD_BATCH) break;
    from += LOAD_BATCH;
  }
  if (genes.length !== dataset.geneCount) {
    throw new Error(`dataset ${datasetId} has ${genes.length} rows, expected ${dataset.geneCount}`);
  }
  const conditions = (dataset.conditions as { id: string; time?: number; label?: string }[]).map((c) => ({ ...c }));
  return { genes, conditions, values };
}

/** Throttled progress and heartbeat writes; each write also reads cancelRequested. */
class ProgressWriter {
  private latest: { progress: number | null; stage: string | null } = { progress: null, stage: null };
  private lastWrite = 0;
  private writing: Promise<void> = Promise.resolve();
  private inFlight = false;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly owner: Owner,
    private readonly intervalMs: number,
    private readonly controller: AbortController,
    private readonly log: (message: string) => void,
  ) {}

  report(event: ProgressEvent): void {
    const overall = event.overall ?? this.latest.progress ?? 0;
    this.latest = { progress: Math.min(1, Math.max(0, overall)), stage: event.stage };
    if (Date.now() - this.lastWrite >= this.intervalMs && !this.inFlight) void this.flush();
  }

  async set(event: { stage: string; overall: number }, now = false): Promise<void> {
    this.latest = { progress: event.overall, stage: event.stage };
    if (now) await this.flush();
  }

  beat(): void {
    if (!this.inFlight) void this.flush();
  }

  private flush(): Promise<void> {
    if (this.stopped) return this.writing;
    this.inFlight = true;
    this.lastWrite = Date.now();
    const { progress, stage } = this.latest;
    this.writing = this.writing
      .then(async () => {
        const rows = await this.prisma.$queryRaw<{ cancelRequested: boolean }[]>`
          UPDATE "Run" SET "heartbeatAt" = now(),
            progress = COALESCE(${progress}::float8, progress), stage = COALESCE(${stage}::text, stage)
          WHERE id = ${this.owner.runId} AND "workerId" = ${this.owner.workerId}
            AND attempts = ${this.owner.attempt} AND status = 'RUNNING'
          RETURNING "cancelRequested"`;
        const row = rows[0];
        if (!row) this.abort(new ClaimLostError());
        else if (row.cancelRequested) this.abort(new CancelledError("run canceled by a user"));
      })
      .catch((error: unknown) => this.log(`progress write failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.inFlight = false;
      });
    return this.writing;
  }

  private abort(reason: Error): void {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }

  /** Waits for the last write and stops writing. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.writing;
  }
}

function activity(
  teamId: string,
  runId: string,
  status: "SUCCEEDED" | "FAILED" | "CANCELED",
  detail: string | null,
): Prisma.ActivityEventUncheckedCreateInput {
  const verb = { SUCCEEDED: "succeeded", FAILED: "failed", CANCELED: "was canceled" }[status];
  return {
    teamId,
    actorId: null,
    type: `run.${status.toLowerCase()}`,
    subjectType: "Run",
    subjectId: runId,
    summary: `Run ${verb}${detail ? `: ${detail}` : ""}`,
    ...(detail ? { data: { detail } } : {}),
  };
}

function asParams(params: Prisma.JsonValue): Record<string, unknown> {
  return params !== null && typeof params === "object" && !Array.isArray(params) ? { ...params } : {};
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/** JSON for a Json column: NaN/Infinity become null, typed arrays become arrays. */
function toJson(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  const text = JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v));
  return text === undefined || text === "null" ? Prisma.JsonNull : (JSON.parse(text) as Prisma.InputJsonValue);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
