// Demo data for `npm start` on an empty database: a demo user (login printed by start.ts), the
// "Demo Lab" team, a planted synthetic time course (core's generateSynthetic, imported through the
// real importer) and a run of the default method with a small, fast parameter set, enqueued for the
// worker. Idempotent: nothing happens when other users exist, and a seed that stopped half way
// (e.g. Ctrl-C) resumes where it stopped instead of redoing finished steps.
//
//   npx tsx scripts/seed.ts      seeds the database of DATABASE_URL (or the embedded one)
import { PassThrough } from "node:stream";
import { generateSynthetic, writeMatrixCsv } from "@exprlab/core";
import type { PrismaClient } from "@exprlab/db";
import type { Caller } from "../apps/api/src/auth/caller.ts";
import { hashPassword } from "../apps/api/src/auth/passwords.ts";
import { importDataset } from "../apps/api/src/import/import-dataset.ts";
import { createTeamWithOwner } from "../apps/api/src/services/create-personal-team.ts";
import { METHODS } from "@exprlab/core";
import { createRun } from "../apps/api/src/services/create-run.ts";
import { runLimitsFromEnv } from "../apps/api/src/graphql/context.ts";
import type { RunEnqueuer } from "../apps/api/src/queue/notify.ts";

export const DEMO_EMAIL = "demo@example.com";
export const DEMO_PASSWORD = "exprlab-demo";
export const DEMO_TEAM = "Demo Lab";
export const DEMO_DATASET = "Planted time course (synthetic)";

/** Small, fast settings of the default method (LSTM-SVM): the demo run takes seconds, not minutes. */
export const DEMO_RUN_PARAMS: Record<string, unknown> = {
  k: 3,
  units: 16,
  epochs: 40,
  maxTrainSequences: 128,
  patience: 5,
  svmMaxIterations: 5,
  maxOuterIterations: 1,
  fineTuneEpochs: 2,
  permutations: 99,
};
export const DEMO_RUN_SEED = 7;

export interface SeedResult {
  /** false when the database has other users than the demo user (nothing was done). */
  seeded: boolean;
  /** What this call created (empty when the demo data was complete already). */
  created: string[];
  email: string;
  password: string;
  teamId?: string;
  datasetId?: string;
  runId?: string;
}

export async function seedDemo(
  prisma: PrismaClient,
  queue: RunEnqueuer,
  log: (message: string) => void = () => {},
): Promise<SeedResult> {
  const none: SeedResult = { seeded: false, created: [], email: DEMO_EMAIL, password: DEMO_PASSWORD };
  const created: string[] = [];
  // Step 1: the user and team, only on an empty database (advisory lock: two starts at once).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const demoUser = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(727274)`;
    const demo = await tx.user.findUnique({ where: { email: DEMO_EMAIL } });
    if (!demo) {
      if ((await tx.user.count()) > 0) return null;
      const user = await tx.user.create({ data: { email: DEMO_EMAIL, name: "Demo Researcher", passwordHash } });
      await createTeamWithOwner(tx, user.id, "Demo Researcher's team", true);
      await createTeamWithOwner(tx, user.id, DEMO_TEAM, false);
      log(`created ${DEMO_EMAIL} and the team "${DEMO_TEAM}"`);
      created.push("user");
      return user;
    }
    // Resume an interrupted seed only when the demo user is the only user (its own database).
    return (await tx.user.count()) === 1 ? demo : null;
  });
  if (!demoUser) return none;

  const user = await prisma.user.findUniqueOrThrow({
    where: { id: demoUser.id },
    include: { memberships: { include: { team: true }, orderBy: { createdAt: "asc" } } },
  });
  const team = user.memberships.find((m) => m.team.name === DEMO_TEAM && !m.team.personal)?.team;
  if (!team) return none;
  const caller: Caller = {
    userId: user.id,
    email: user.email,
    name: user.name,
    via: "session",
    credentialId: "seed",
    memberships: user.memberships.map(({ team: _team, ...m }) => m),
    teamIds: user.memberships.map((m) => m.teamId),
  };

  // Step 2: the planted dataset, streamed through the real importer.
  let dataset = await prisma.dataset.findFirst({ where: { teamId: team.id, name: DEMO_DATASET } });
  if (!dataset) {
    const { matrix, truth } = generateSynthetic({ genes: 300, timePoints: 16, biclusters: 3, genesPerBicluster: 40, seed: 42 });
    const csv = new PassThrough();
    const writing = writeMatrixCsv(matrix, csv, { precision: 6 }).then(() => csv.end());
    const planted = truth.biclusters
      .map((b, k) => `#${k + 1} ${b.pattern}: ${b.genes.length} genes x t${b.conditions[0]}..t${b.conditions.at(-1)}`)
      .join("; ");
    dataset = await importDataset({
      prisma,
      caller,
      teamId: team.id,
      name: DEMO_DATASET,
      description: `300 genes x 16 time points from generateSynthetic (seed 42) with 3 planted biclusters: ${planted}.`,
      kind: "TIME_COURSE",
      filename: "planted-time-course.csv",
      stream: csv,
    });
    await writing;
    log(`imported "${DEMO_DATASET}" (${dataset.geneCount} x ${dataset.conditionCount})`);
    created.push("dataset");
  }

  // Step 3: a run, finished by the worker (re-enqueued if an earlier start stopped before it ran).
  let run = await prisma.run.findFirst({ where: { datasetId: dataset.id }, orderBy: { createdAt: "asc" }, omit: { result: true } });
  if (!run) {
    run = await createRun({ prisma, queue, registry: METHODS, limits: runLimitsFromEnv() }, caller, {
      datasetId: dataset.id,
      params: DEMO_RUN_PARAMS,
      seed: DEMO_RUN_SEED,
      name: "Demo: LSTM-SVM on the planted time course",
    });
    log(`queued the demo run ${run.id}`);
    created.push("run");
  } else if (run.status === "QUEUED" || run.status === "RUNNING") {
    await queue.enqueue(run.id);
  }
  return { seeded: true, created, email: DEMO_EMAIL, password: DEMO_PASSWORD, teamId: team.id, datasetId: dataset.id, runId: run.id };
}
