import type { PrismaClient, Run } from "@exprlab/db";
import type { RunEnqueuer } from "../queue/notify.ts";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { conflict } from "../errors.ts";
import { getRunOrThrow } from "./get-run-or-throw.ts";
import { recordActivity } from "./record-activity.ts";

/**
 * Cancels a run (MEMBER+). A queued run is canceled at once (conditional update on its status); a
 * running one gets cancelRequested and its worker, told by a notification (or at its next
 * heartbeat), terminates the engine thread. A finished run is CONFLICT.
 */
export async function cancelRun(prisma: PrismaClient, queue: Pick<RunEnqueuer, "cancel">, caller: Caller, id: string): Promise<Run> {
  const run = await getRunOrThrow(prisma, caller, id);
  await requireTeamRole(caller, run.teamId, "MEMBER");
  if (run.kind === "BENCHMARK") return cancelBenchmark(prisma, queue, caller, run);
  const now = new Date();
  const canceled = await prisma.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: run.id, teamId: run.teamId, status: "QUEUED" },
      data: { status: "CANCELED", cancelRequested: true, finishedAt: now, stage: "canceled" },
    });
    if (count === 1) {
      await recordActivity(tx, {
        teamId: run.teamId,
        actorId: caller.userId,
        type: "run.canceled",
        subjectType: "Run",
        subjectId: run.id,
        summary: `${caller.name} canceled a queued run`,
      });
    }
    return count === 1;
  });
  if (!canceled) {
    const { count } = await prisma.run.updateMany({
      where: { id: run.id, teamId: run.teamId, status: "RUNNING" },
      data: { cancelRequested: true },
    });
    if (count !== 1) {
      const current = await getRunOrThrow(prisma, caller, id);
      if (current.status !== "CANCELED") throw conflict(`The run has already ${current.status.toLowerCase()}.`, { status: current.status });
    } else {
      await queue.cancel(run.id).catch(() => {}); // the worker's heartbeat reads cancelRequested anyway
    }
  }
  return getRunOrThrow(prisma, caller, id);
}

/** A benchmark: its queued members are canceled at once, running ones are stopped, the parent ends CANCELED. */
async function cancelBenchmark(prisma: PrismaClient, queue: Pick<RunEnqueuer, "cancel">, caller: Caller, run: Run): Promise<Run> {
  const now = new Date();
  const running = await prisma.$transaction(async (tx) => {
    const { count } = await tx.run.updateMany({
      where: { id: run.id, teamId: run.teamId, status: "RUNNING" },
      data: { status: "CANCELED", cancelRequested: true, finishedAt: now, stage: "canceled" },
    });
    if (count !== 1) {
      throw conflict(`The benchmark has already ${run.status.toLowerCase()}.`, { status: run.status });
    }
    await tx.run.updateMany({
      where: { parentId: run.id, teamId: run.teamId, status: "QUEUED" },
      data: { status: "CANCELED", cancelRequested: true, finishedAt: now, stage: "canceled" },
    });
    const members = await tx.run.findMany({ where: { parentId: run.id, status: "RUNNING" }, select: { id: true } });
    await tx.run.updateMany({ where: { parentId: run.id, status: "RUNNING" }, data: { cancelRequested: true } });
    await recordActivity(tx, {
      teamId: run.teamId,
      actorId: caller.userId,
      type: "run.canceled",
      subjectType: "Run",
      subjectId: run.id,
      summary: `${caller.name} canceled a benchmark`,
    });
    return members.map((m) => m.id);
  });
  for (const id of running) await queue.cancel(id).catch(() => {});
  return getRunOrThrow(prisma, caller, run.id);
}
