// The run queue is the Run table itself: a QUEUED row is a job, a worker claims it with one
// conditional UPDATE, owns it while its heartbeat is fresh, and a row whose heartbeat is older
// than the lease (its worker died) can be claimed again, attempts + 1. One lease mechanism, one
// state machine, and the scheduling decision is a query over the whole table:
//
//   a free worker takes the oldest runnable run of the team with the fewest running runs, ties
//   going to the team that was served longest ago; a team never has more than teamMaxRunning
//   runs at once.
//
// Why not pg-boss (used before): pg-boss 10 (its last version for Node 20) fetches strictly by
// priority and age, so one team's backlog blocks every other team, and renewing a lease meant
// writing to its internal job table. Claims are serialised by a transaction-level advisory lock:
// they are short, and the team counts they read must not change under them.
import type { Prisma, PrismaClient, RunKind } from "@exprlab/db";
import type { QueueSettings } from "./settings.ts";

/** Arbitrary constant key of the advisory lock that serialises claims. */
const CLAIM_LOCK = 4_201_311;

export interface ClaimedRun {
  id: string;
  teamId: string;
  datasetId: string;
  kind: RunKind;
  method: string;
  params: Prisma.JsonValue;
  /** The kind's input besides the dataset (services/run-input.ts). */
  input: Prisma.JsonValue;
  seed: number;
  /** This attempt's number (1 for the first). */
  attempts: number;
  parentId: string | null;
  createdById: string;
}

export interface Owner {
  runId: string;
  workerId: string;
  attempt: number;
}

type Settings = Pick<QueueSettings, "leaseSeconds" | "retryLimit" | "teamMaxRunning">;

/**
 * Claims the next run for `workerId` by the fair-share rule above, or returns null. In the same
 * transaction, runs whose worker died after their last allowed attempt become FAILED, and dead
 * runs whose cancel was requested become CANCELED (both with an activity event).
 */
export async function claimNextRun(prisma: PrismaClient, workerId: string, settings: Settings): Promise<ClaimedRun | null> {
  const lease = settings.leaseSeconds;
  const maxAttempts = settings.retryLimit + 1;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CLAIM_LOCK})`;
    const given = await tx.$queryRaw<{ id: string; teamId: string; attempts: number; canceled: boolean }[]>`
      UPDATE "Run" SET
        status = CASE WHEN "cancelRequested" THEN 'CANCELED'::"RunStatus" ELSE 'FAILED'::"RunStatus" END,
        stage = CASE WHEN "cancelRequested" THEN 'canceled' ELSE 'failed' END,
        error = CASE WHEN "cancelRequested" THEN NULL
          ELSE 'gave up after ' || attempts || ' attempts: the workers running it stopped responding' END,
        "finishedAt" = now(), "workerId" = NULL
      WHERE status = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${lease})
        AND ("cancelRequested" OR attempts >= ${maxAttempts})
      RETURNING id, "teamId", attempts, "cancelRequested" AS canceled`;
    if (given.length > 0) {
      await tx.activityEvent.createMany({
        data: given.map((r) => ({
          teamId: r.teamId,
          actorId: null,
          type: r.canceled ? "run.canceled" : "run.failed",
          subjectType: "Run",
          subjectId: r.id,
          summary: r.canceled ? "Run was canceled" : `Run failed: gave up after ${r.attempts} attempts`,
        })),
      });
    }
    const next = await tx.$queryRaw<{ id: string }[]>`
      WITH running AS (
        SELECT "teamId", count(*)::int AS n FROM "Run"
        WHERE status = 'RUNNING' AND "heartbeatAt" >= now() - make_interval(secs => ${lease})
        GROUP BY "teamId"
      ), served AS (
        SELECT "teamId", max("claimedAt") AS last FROM "Run" WHERE "claimedAt" IS NOT NULL GROUP BY "teamId"
      )
      SELECT r.id FROM "Run" r
        LEFT JOIN running ru ON ru."teamId" = r."teamId"
        LEFT JOIN served s ON s."teamId" = r."teamId"
      WHERE r."cancelRequested" = false AND r.kind <> 'BENCHMARK'
        AND ((r.status = 'QUEUED' AND (r."notBefore" IS NULL OR r."notBefore" <= now()))
          OR (r.status = 'RUNNING' AND r."heartbeatAt" < now() - make_interval(secs => ${lease})))
        AND COALESCE(ru.n, 0) < ${settings.teamMaxRunning}
      ORDER BY COALESCE(ru.n, 0), s.last ASC NULLS FIRST, r."createdAt", r.id
      LIMIT 1`;
    const id = next[0]?.id;
    if (!id) return null;
    const rows = await tx.$queryRaw<ClaimedRun[]>`
      UPDATE "Run" SET
        status = 'RUNNING', attempts = attempts + 1, "workerId" = ${workerId}, "heartbeatAt" = now(),
        "claimedAt" = now(), "startedAt" = COALESCE("startedAt", now()), progress = 0, stage = 'queued',
        error = NULL, "notBefore" = NULL
      WHERE id = ${id} AND "cancelRequested" = false
        AND (status = 'QUEUED' OR (status = 'RUNNING' AND "heartbeatAt" < now() - make_interval(secs => ${lease})))
      RETURNING id, "teamId", "datasetId", kind, method, params, input, seed, attempts, "parentId", "createdById"`;
    return rows[0] ?? null;
  });
}
