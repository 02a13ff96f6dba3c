// A run's state moves only by conditional updates that name the worker and the attempt owning
// it, so a worker that lost its claim (killed, paused, lease expired) can never overwrite the work
// of the worker that took over:
//
//   QUEUED ──claim──> RUNNING ──one transaction──> SUCCEEDED (results + activity)
//     │                  │ ├──cancel (terminates the engine thread)──> CANCELED
//     │                  │ ├──method error / over a limit──────────> FAILED (readable message)
//     │                  │ └──shutdown / database error──> QUEUED again (retry, resumes from checkpoints)
//     └─cancel─> CANCELED (by the API)
//   RUNNING with a heartbeat older than the lease (dead worker) is claimed again: attempts + 1.
//
// Timestamps come from the database clock, so workers on several machines agree.
import type { Prisma, PrismaClient } from "@exprlab/db";
import type { Owner } from "../queue/claim.ts";

export type FinalStatus = "SUCCEEDED" | "FAILED" | "CANCELED";

export function runActivity(teamId: string, runId: string, status: FinalStatus, detail: string | null): Prisma.ActivityEventUncheckedCreateInput {
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

/** Moves an owned RUNNING run to FAILED or CANCELED (with an activity event). False when not owned any more. */
export async function finishRun(prisma: PrismaClient, owner: Owner, status: "FAILED" | "CANCELED", error: string | null): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const stage = status === "FAILED" ? "failed" : "canceled";
    const rows = await tx.$queryRaw<{ teamId: string }[]>`
      UPDATE "Run" SET status = ${status}::"RunStatus", stage = ${stage}, error = ${error}, "finishedAt" = now(), "workerId" = NULL
      WHERE id = ${owner.runId} AND "workerId" = ${owner.workerId} AND attempts = ${owner.attempt} AND status = 'RUNNING'
      RETURNING "teamId"`;
    const run = rows[0];
    if (!run) return false;
    await tx.activityEvent.create({ data: runActivity(run.teamId, owner.runId, status, error) });
    await tx.runCheckpoint.deleteMany({ where: { runId: owner.runId } });
    return true;
  });
}

/**
 * Gives an owned run back to the queue. `countAttempt` false (worker shutdown: not the run's
 * fault) gives the attempt back; `delaySeconds` keeps it from being claimed again at once.
 */
export async function releaseRun(prisma: PrismaClient, owner: Owner, options: { delaySeconds: number; countAttempt: boolean }): Promise<void> {
  const back = options.countAttempt ? 0 : 1;
  await prisma.$executeRaw`
    UPDATE "Run" SET status = 'QUEUED', stage = 'requeued', "workerId" = NULL, "heartbeatAt" = NULL,
      attempts = attempts - ${back}, "notBefore" = now() + make_interval(secs => ${options.delaySeconds})
    WHERE id = ${owner.runId} AND "workerId" = ${owner.workerId} AND attempts = ${owner.attempt} AND status = 'RUNNING'`;
}
