// Checkpoints of a run (RunCheckpoint rows): the engine saves work on the way, a later attempt
// gets it back and skips the stages that produced it. Writes are queued in order and awaited
// before the run finishes.
import type { Prisma, PrismaClient } from "@exprlab/db";
import type { Owner } from "../queue/claim.ts";

export async function loadCheckpoints(prisma: PrismaClient, runId: string): Promise<Record<string, unknown>> {
  const rows = await prisma.runCheckpoint.findMany({ where: { runId }, select: { key: true, value: true } });
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

export interface CheckpointWriter {
  save(key: string, value: unknown): void;
  /** Resolves when every save so far is written (errors are logged, not thrown: a lost checkpoint only costs a recomputation). */
  flush(): Promise<void>;
}

export function checkpointWriter(prisma: PrismaClient, owner: Owner, log: (m: string) => void): CheckpointWriter {
  let chain = Promise.resolve();
  return {
    save(key, value) {
      chain = chain
        .then(async () => {
          const json = value as Prisma.InputJsonValue;
          // Only while this attempt owns the run.
          const owned = await prisma.run.count({
            where: { id: owner.runId, workerId: owner.workerId, attempts: owner.attempt, status: "RUNNING" },
          });
          if (owned === 0) return;
          await prisma.runCheckpoint.upsert({
            where: { runId_key: { runId: owner.runId, key } },
            create: { runId: owner.runId, key, value: json },
            update: { value: json, createdAt: new Date() },
          });
        })
        .catch((error: unknown) => log(`run ${owner.runId}: checkpoint ${key} not saved: ${error instanceof Error ? error.message : String(error)}`));
    },
    flush: () => chain,
  };
}
