// One claimed run, start to finish: load its input, hand it to an engine thread with the
// checkpoints of earlier attempts, report progress and heartbeats while it computes, then store
// the result in one transaction, or end it as canceled, failed (with a readable reason) or
// released for a retry. See run-state.ts for the state machine.
import { CancelledError, InputError, ResourceLimitError, isRunKind } from "@exprlab/core";
import type { AnalysisResult, EngineThread, ThreadRun } from "@exprlab/core";
import type { Prisma} from "@exprlab/db";
import { type PrismaClient } from "@exprlab/db";
import type { ClaimedRun, Owner } from "../queue/claim.ts";
import type { QueueSettings } from "../queue/settings.ts";
import { checkpointWriter, loadCheckpoints } from "./checkpoints.ts";
import { KIND_HANDLERS, type ExecutedKind, type KindHandler } from "./kinds/index.ts";
import { RunReporter } from "./run-reporter.ts";
import { finishRun, releaseRun, runActivity } from "./run-state.ts";

export type Outcome = "succeeded" | "failed" | "canceled" | "released" | "skipped";
export type StopReason = "cancel" | "shutdown" | "lost";

export interface ExecuteDeps {
  prisma: PrismaClient;
  workerId: string;
  settings: QueueSettings;
  log: (message: string) => void;
  /** Minimum time between progress writes (ms). Default 500. */
  progressIntervalMs?: number;
  /** The worker keeps this to stop the run on a cancel notification or at shutdown. */
  register(runId: string, stop: (why: StopReason) => void): void;
  unregister(runId: string): void;
}

/** Thrown inside the run when the DB says this worker no longer owns it. */
class ClaimLostError extends Error {
  override readonly name = "ClaimLostError";
  constructor() {
    super("another worker owns this run now");
  }
}

/** An error of the infrastructure (database, thread crash), not of the method: worth a retry. */
class TransientError extends Error {
  override readonly name = "TransientError";
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? null : v))) as Prisma.InputJsonValue;
}

export async function executeRun(run: ClaimedRun, thread: EngineThread, deps: ExecuteDeps): Promise<Outcome> {
  const { prisma, settings, log } = deps;
  const owner: Owner = { runId: run.id, workerId: deps.workerId, attempt: run.attempts };
  const maxAttempts = settings.retryLimit + 1;
  if (run.attempts > maxAttempts) {
    await finishRun(prisma, owner, "FAILED", `gave up after ${maxAttempts} attempts`);
    void thread.terminate();
    return "failed";
  }
  if (!isRunKind(run.kind) || run.kind === "BENCHMARK") {
    await finishRun(prisma, owner, "FAILED", `runs of kind ${run.kind} are not supported by this version of ExprLab`);
    void thread.terminate();
    return "failed";
  }
  const handler = KIND_HANDLERS[run.kind] as KindHandler<ExecutedKind>;

  let stopWhy: StopReason | null = null;
  let threadRun: ThreadRun<ExecutedKind> | null = null;
  const stop = (why: StopReason) => {
    stopWhy ??= why;
    void (threadRun ? threadRun.cancel() : thread.terminate());
  };
  deps.register(run.id, stop);
  const reporter = new RunReporter(prisma, owner, {
    progressIntervalMs: deps.progressIntervalMs ?? 500,
    heartbeatMs: settings.heartbeatSeconds * 1000,
    onCancelRequested: () => stop("cancel"),
    onClaimLost: () => stop("lost"),
    log,
  });
  const checkpoints = checkpointWriter(prisma, owner, log);

  try {
    await reporter.stage("load", 0);
    let input;
    let saved;
    try {
      input = await handler.loadInput(prisma, run);
      saved = await loadCheckpoints(prisma, run.id);
    } catch (error) {
      throw new TransientError(`could not load the run's input: ${message(error)}`);
    }
    if (stopWhy) throw new CancelledError();
    threadRun = thread.run({
      methodId: run.method,
      input,
      params: run.params,
      seed: run.seed,
      checkpoints: saved,
      onProgress: (e) => reporter.progress(e),
      onCheckpoint: (key, value) => checkpoints.save(key, value),
      timeLimitSeconds: settings.runMaxSeconds,
    });
    let result: AnalysisResult<ExecutedKind>;
    try {
      result = await threadRun.result;
    } catch (error) {
      if (error instanceof Error && /engine thread exited/.test(error.message) && !stopWhy) throw new TransientError(error.message);
      throw error;
    }
    await checkpoints.flush();
    if (stopWhy) throw new CancelledError();
    await reporter.stage("save", 1);
    await reporter.stop();
    const outcome = await writeResults(prisma, owner, run, handler, input, result);
    log(`run ${run.id}: ${outcome}`);
    return outcome;
  } catch (error) {
    await reporter.stop();
    await checkpoints.flush();
    const why: StopReason | null = stopWhy;
    if (why === "lost" || error instanceof ClaimLostError) {
      log(`run ${run.id}: another worker took over; stopping`);
      return "skipped";
    }
    if (why === "shutdown") {
      await releaseRun(prisma, owner, { delaySeconds: 0, countAttempt: false }).catch(() => {});
      log(`run ${run.id}: handed back to the queue (worker stopping)`);
      return "released";
    }
    if (why === "cancel" || error instanceof CancelledError) {
      await finishRun(prisma, owner, "CANCELED", null);
      log(`run ${run.id}: canceled`);
      return "canceled";
    }
    if (error instanceof TransientError) {
      if (run.attempts >= maxAttempts) {
        await finishRun(prisma, owner, "FAILED", `worker error: ${error.message}`).catch(() => {});
        return "failed";
      }
      const delay = settings.retryDelaySeconds * (settings.retryBackoff ? 2 ** (run.attempts - 1) : 1);
      await releaseRun(prisma, owner, { delaySeconds: delay, countAttempt: true }).catch(() => {});
      log(`run ${run.id}: released for a retry in ${delay} s (${error.message})`);
      return "released";
    }
    // The method itself failed (bad parameters, a limit, numerical trouble): a retry would not help.
    const reason =
      error instanceof ResourceLimitError
        ? `${error.message}; ask for fewer genes, epochs or permutations, or an administrator for a larger limit`
        : error instanceof InputError
          ? error.message
          : `the analysis failed: ${message(error)}`;
    log(`run ${run.id}: failed: ${reason}`);
    await finishRun(prisma, owner, "FAILED", reason);
    return "failed";
  } finally {
    deps.unregister(run.id);
    void thread.terminate();
  }
}

/**
 * Writes the results in ONE transaction: the run row is locked and must still be ours, RUNNING and
 * not cancel-requested; the kind writes its rows (replacing any of an earlier attempt), the run
 * becomes SUCCEEDED with its result, checkpoints are dropped, the activity feed says so.
 */
async function writeResults(
  prisma: PrismaClient,
  owner: Owner,
  run: ClaimedRun,
  handler: KindHandler<ExecutedKind>,
  input: Parameters<KindHandler<ExecutedKind>["writeResult"]>[2],
  result: AnalysisResult<ExecutedKind>,
): Promise<"succeeded" | "canceled"> {
  const written = await prisma.$transaction(
    async (tx) => {
      const locked = await tx.$queryRaw<{ cancelRequested: boolean }[]>`
        SELECT "cancelRequested" FROM "Run"
        WHERE id = ${owner.runId} AND "workerId" = ${owner.workerId} AND attempts = ${owner.attempt} AND status = 'RUNNING'
        FOR UPDATE`;
      const row = locked[0];
      if (!row) throw new ClaimLostError();
      if (row.cancelRequested) return "canceled" as const;
      const { stored, summary } = await handler.writeResult(tx, run, input, result);
      await tx.run.update({
        where: { id: owner.runId },
        data: {
          status: "SUCCEEDED",
          progress: 1,
          stage: "done",
          finishedAt: new Date(),
          error: null,
          workerId: null,
          result: toJson(stored),
          backend: result.backend?.name ?? null,
        },
      });
      await tx.runCheckpoint.deleteMany({ where: { runId: owner.runId } });
      await tx.activityEvent.create({ data: runActivity(run.teamId, owner.runId, "SUCCEEDED", summary) });
      return "succeeded" as const;
    },
    { maxWait: 30_000, timeout: 5 * 60_000 },
  );
  if (written === "canceled") await finishRun(prisma, owner, "CANCELED", null);
  return written;
}
