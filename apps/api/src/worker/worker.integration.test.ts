// The analysis worker on a real PostgreSQL, the Run table as the queue: a run's lifecycle, cancel
// (running and queued) while heartbeats go on, the time budget, fair share between teams, and
// crash recovery: a worker process killed with SIGKILL after training, a second one finishing
// the run from the checkpoint without training again.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { benjaminiHochberg, generateSynthetic, writeMatrixCsv } from "@exprlab/core";
import type { Prisma, Run } from "@exprlab/db";
import { createTestDatabase } from "@exprlab/db/testing";
import type { TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeImportPools, importDataset } from "../import/import-dataset.ts";
import { createRunNotifier, type RunEnqueuer } from "../queue/notify.ts";
import { FAST_TEST_QUEUE_SETTINGS } from "../queue/settings.ts";
import { readStoredResult } from "../services/read-run-result.ts";
import { cancelRun } from "../services/cancel-run.ts";
import { METHODS } from "@exprlab/core";
import { seedMember } from "./test-support.ts";
import type { SeededMember } from "./test-support.ts";
import { startWorker } from "./worker.ts";
import type { RunningWorker } from "./worker.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const apiDir = path.resolve(here, "..", "..");

/** Small parameters: the pipeline runs every stage in about a second. */
const QUICK = {
  k: 3,
  units: 8,
  epochs: 5,
  maxTrainSequences: 64,
  permutations: 19,
  svmMaxIterations: 2,
  maxOuterIterations: 0,
  fineTuneEpochs: 0,
  patience: 0,
  validationSplit: 0,
};
/** Long enough to be stopped in the middle: minutes of LSTM training here (256 units; the SIMD kernel did 64 units x 300 epochs in under 6 s). */
const SLOW = { k: 3, epochs: 300, units: 256, patience: 0, maxOuterIterations: 0 };

let db: TestDatabase;
let member: SeededMember;
let datasetId: string;
let queue: RunEnqueuer;

async function importPlanted(m: SeededMember): Promise<string> {
  const { matrix } = generateSynthetic({ genes: 150, timePoints: 12, biclusters: 3, genesPerBicluster: 30, seed: 11 });
  const csv = new PassThrough();
  void writeMatrixCsv(matrix, csv).then(() => csv.end());
  const dataset = await importDataset({
    prisma: db.prisma,
    caller: m.caller,
    teamId: m.teamId,
    name: "planted",
    kind: "TIME_COURSE",
    filename: "planted.csv",
    stream: csv,
  });
  return dataset.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  member = await seedMember(db.prisma, "MEMBER");
  datasetId = await importPlanted(member);
  queue = createRunNotifier(db.prisma);
});

afterAll(async () => {
  await closeImportPools();
  await db?.drop();
});

async function createRun(
  params: Record<string, unknown>,
  extra: Partial<Pick<Run, "cancelRequested" | "notBefore">> & { who?: SeededMember; dataset?: string; method?: string } = {},
): Promise<Run> {
  const who = extra.who ?? member;
  const run = await db.prisma.run.create({
    data: {
      teamId: who.teamId,
      datasetId: extra.dataset ?? datasetId,
      createdById: who.userId,
      method: extra.method ?? "lstm-svm",
      params: params as Prisma.InputJsonValue,
      seed: 5,
      ...(extra.cancelRequested ? { cancelRequested: true } : {}),
      ...(extra.notBefore ? { notBefore: extra.notBefore } : {}),
    },
  });
  await queue.enqueue(run.id);
  return run;
}

/** Polls the run every 100 ms until `done(run)`; records every status and RUNNING progress seen. */
async function watch(runId: string, done: (run: Run) => boolean, timeoutMs = 90_000) {
  const statuses: string[] = [];
  const progress: number[] = [];
  const heartbeats = new Set<number>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    if (statuses.at(-1) !== run.status) statuses.push(run.status);
    if (run.status === "RUNNING") progress.push(run.progress);
    if (run.heartbeatAt) heartbeats.add(run.heartbeatAt.getTime());
    if (done(run)) return { run, statuses, progress, heartbeats };
    if (Date.now() > deadline) throw new Error(`timed out; run is ${run.status} (${run.stage}, ${run.progress})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (run: Run): boolean => ["SUCCEEDED", "FAILED", "CANCELED"].includes(run.status);
const training = (run: Run): boolean => run.status === "RUNNING" && run.stage === "lstm-train" && run.progress > 0;

async function expectNoDuplicateBiclusters(runId: string, expected: number): Promise<void> {
  const biclusters = await db.prisma.bicluster.findMany({ where: { runId }, orderBy: { index: "asc" } });
  expect(biclusters.map((b) => b.index)).toEqual(Array.from({ length: expected }, (_, i) => i));
  const genes = await db.prisma.biclusterGene.findMany({ where: { bicluster: { runId } } });
  expect(genes.length).toBe(biclusters.reduce((sum, b) => sum + b.geneCount, 0));
}

describe("in-process worker", () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, concurrency: 1, queue: FAST_TEST_QUEUE_SETTINGS });
  });
  afterAll(async () => {
    await worker?.stop({ drainMs: 0 });
  });

  it("runs a queued run to SUCCEEDED with progress, the result envelope and biclusters queryable by gene", async () => {
    const created = await createRun({ ...QUICK, epochs: 120 });
    const started = performance.now();
    const { run, statuses, progress } = await watch(created.id, finished);
    console.log(`run lifecycle: queued -> succeeded in ${((performance.now() - started) / 1000).toFixed(1)} s; ${statuses.join(" -> ")}`);

    expect(run.status, run.error ?? "").toBe("SUCCEEDED");
    expect(statuses).toContain("RUNNING");
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(run).toMatchObject({ progress: 1, stage: "done", attempts: 1, error: null });
    expect(run.backend).toMatch(/^(wasm|cpu|tensorflow|kernel)$/);
    const result = readStoredResult(run.result, METHODS);
    expect(result?.kind).toBe("BICLUSTER");
    expect(result?.stages.map((s) => s.id)).toContain("lstm-train");
    expect(result?.resumed).toEqual([]);
    // bicluster rows are stored once: in Bicluster, not again in the result
    expect(JSON.stringify(run.result)).not.toContain('"biclusters":[');
    const count = result!.payload.metrics.biclusters;
    expect(count).toBeGreaterThan(0);
    await expectNoDuplicateBiclusters(run.id, count);
    expect(await db.prisma.runCheckpoint.count({ where: { runId: run.id } })).toBe(0);
    // The engine's significance and quality fields are stored per bicluster: q = BH of the run's p.
    const rows = await db.prisma.bicluster.findMany({ where: { runId: run.id }, orderBy: { index: "asc" } });
    const ps = rows.map((b) => b.pValue);
    if (ps.every((p) => p !== null)) {
      const q = benjaminiHochberg(ps as number[]);
      rows.forEach((b, i) => expect(b.qValue).toBeCloseTo(q[i]!, 12));
      expect(rows.every((b) => typeof b.pValueAtFloor === "boolean")).toBe(true);
    }
    for (const b of rows) expect(Array.isArray(b.flags)).toBe(true);
    expect(Array.isArray(result!.payload.overlaps)).toBe(true);

    const member0 = await db.prisma.biclusterGene.findFirstOrThrow({ where: { bicluster: { runId: run.id } } });
    expect(member0.lag).toBeNull(); // no lags without maxLag
    const byGene = await db.prisma.bicluster.findMany({ where: { teamId: member.teamId, genes: { some: { gene: member0.gene } } } });
    expect(byGene.map((b) => b.id)).toContain(member0.biclusterId);
    const events = await db.prisma.activityEvent.findMany({ where: { subjectId: run.id } });
    expect(events.map((e) => e.type)).toEqual(["run.succeeded"]);
  });

  it("stores each member's lag when the run allows lags (maxLag)", async () => {
    const created = await createRun({ k: 3, maxLag: 2, permutations: 0 }, { method: "kmeans" });
    const { run } = await watch(created.id, finished);
    expect(run.status, run.error ?? "").toBe("SUCCEEDED");
    const genes = await db.prisma.biclusterGene.findMany({ where: { bicluster: { runId: run.id } } });
    expect(genes.length).toBeGreaterThan(0);
    // Two members lag each other by at most 2: lags -1..1 around the pattern.
    for (const g of genes) expect(g.lag !== null && g.lag >= -1 && g.lag <= 1, `lag ${g.lag}`).toBe(true);
  });

  it("cancels a run in the middle of LSTM training within 5 s while its heartbeats go on", async () => {
    const created = await createRun(SLOW);
    const { heartbeats } = await watch(created.id, (r) => training(r) && r.progress > 0.02);
    // The engine computes in its own thread: the worker kept writing heartbeats meanwhile.
    expect(heartbeats.size).toBeGreaterThanOrEqual(2);
    const asked = performance.now();
    await cancelRun(db.prisma, queue, member.caller, created.id);
    const { run } = await watch(created.id, finished, 30_000);
    const seconds = (performance.now() - asked) / 1000;
    console.log(`cancel: CANCELED ${seconds.toFixed(2)} s after the request`);
    expect(run.status).toBe("CANCELED");
    expect(seconds).toBeLessThan(5);
    expect(await db.prisma.bicluster.count({ where: { runId: run.id } })).toBe(0);
    const types = (await db.prisma.activityEvent.findMany({ where: { subjectId: run.id } })).map((e) => e.type);
    expect(types).toContain("run.canceled");
  });

  it("cancels a queued run at once, before any worker takes it", async () => {
    // Not claimable from the start (as a run waiting for its retry): setting notBefore after the
    // insert raced the running worker, which could claim the run in between.
    const created = await createRun(QUICK, { notBefore: new Date(Date.now() + 60_000) });
    const canceled = await cancelRun(db.prisma, queue, member.caller, created.id);
    expect(canceled).toMatchObject({ status: "CANCELED", attempts: 0 });
  });

  it("fails a run with a readable error when the method rejects its parameters", async () => {
    const created = await createRun({ ...QUICK, kMin: 5, kMax: 3 });
    const { run } = await watch(created.id, finished, 30_000);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/kMax/);
    expect(await db.prisma.bicluster.count({ where: { runId: run.id } })).toBe(0);
  });
});

describe("time budget", () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, concurrency: 1, queue: { ...FAST_TEST_QUEUE_SETTINGS, runMaxSeconds: 6 } });
  });
  afterAll(async () => {
    await worker?.stop({ drainMs: 0 });
  });

  it("fails a run over its time budget with a message naming the limit, and the next run proceeds", async () => {
    const slow = await createRun(SLOW);
    const next = await createRun({ k: 3, permutations: 9 }, { method: "kmeans" });
    const { run } = await watch(slow.id, finished, 60_000);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/time budget of 6 s/);
    const after = await watch(next.id, finished, 60_000);
    expect(after.run.status, after.run.error ?? "").toBe("SUCCEEDED");
  });
});

describe("fair share between teams", () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, concurrency: 2, queue: { ...FAST_TEST_QUEUE_SETTINGS, teamMaxRunning: 1 } });
  });
  afterAll(async () => {
    await worker?.stop({ drainMs: 0 });
  });

  it("team B's small run starts while team A still has 5 runs queued", async () => {
    const teamA = await seedMember(db.prisma, "MEMBER");
    const teamB = await seedMember(db.prisma, "MEMBER");
    const [dataA, dataB] = await Promise.all([importPlanted(teamA), importPlanted(teamB)]);
    const aRuns: Run[] = [];
    for (let i = 0; i < 6; i++) aRuns.push(await createRun(SLOW, { who: teamA, dataset: dataA }));
    await watch(aRuns[0]!.id, (r) => r.status === "RUNNING");
    const b = await createRun({ k: 3, permutations: 9 }, { who: teamB, dataset: dataB, method: "kmeans" });
    const { run } = await watch(b.id, finished, 60_000);
    expect(run.status, run.error ?? "").toBe("SUCCEEDED");
    const queuedA = await db.prisma.run.count({ where: { teamId: teamA.teamId, status: "QUEUED" } });
    const runningA = await db.prisma.run.count({ where: { teamId: teamA.teamId, status: "RUNNING" } });
    expect(runningA).toBe(1); // teamMaxRunning
    expect(queuedA).toBe(5);
    for (const r of aRuns) await cancelRun(db.prisma, queue, teamA.caller, r.id).catch(() => {});
    for (const r of aRuns) await watch(r.id, finished, 30_000);
  });
});

describe("crash recovery", () => {
  const children: ChildProcess[] = [];

  function startWorkerProcess(): { child: ChildProcess; output: () => string } {
    const { NODE_OPTIONS: _ignored, ...parentEnv } = process.env;
    let output = "";
    const child = spawn(process.execPath, ["--import", "tsx", path.join(apiDir, "src", "worker", "main.ts")], {
      cwd: apiDir,
      env: {
        ...parentEnv,
        NODE_ENV: "test",
        DATABASE_URL: db.url,
        WORKER_CONCURRENCY: "1",
        QUEUE_LEASE_SECONDS: String(FAST_TEST_QUEUE_SETTINGS.leaseSeconds),
        QUEUE_HEARTBEAT_SECONDS: String(FAST_TEST_QUEUE_SETTINGS.heartbeatSeconds),
        QUEUE_RETRY_DELAY_SECONDS: "0",
        QUEUE_POLL_SECONDS: "0.5",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
    children.push(child);
    return { child, output: () => output };
  }

  afterAll(() => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });

  it("a worker killed with SIGKILL after training: a second worker finishes the run without training again", async () => {
    // Long enough after training (SVM iterations, an outer loop) to kill the worker there.
    const created = await createRun({ k: 3, units: 16, epochs: 30, patience: 0, maxOuterIterations: 3, fineTuneEpochs: 40, permutations: 199 });
    const first = startWorkerProcess();
    const deadline = Date.now() + 120_000;
    while ((await db.prisma.runCheckpoint.count({ where: { runId: created.id, key: "lstm-train" } })) === 0) {
      if (Date.now() > deadline) throw new Error(`no checkpoint; worker said:\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const midway = await db.prisma.run.findUniqueOrThrow({ where: { id: created.id } });
    expect(midway.status).toBe("RUNNING");
    expect(midway.workerId).toContain(`:${first.child.pid}:`);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const killedAt = performance.now();

    const second = startWorkerProcess();
    const { run } = await watch(created.id, finished, 180_000);
    console.log(`crash recovery: SUCCEEDED ${((performance.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    expect(run.status, `${run.error ?? ""}\n${second.output()}`).toBe("SUCCEEDED");
    expect(run.attempts).toBe(2);
    expect(run.workerId).toBeNull();
    const result = readStoredResult(run.result, METHODS)!;
    expect(result.resumed).toContain("lstm-train");
    await expectNoDuplicateBiclusters(run.id, result.payload.metrics.biclusters);
    const succeeded = await db.prisma.activityEvent.count({ where: { subjectId: run.id, type: "run.succeeded" } });
    expect(succeeded).toBe(1);

    // SIGTERM: the worker stops cleanly.
    second.child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => second.child.once("exit", (c) => r(c)));
    expect(code, second.output()).toBe(0);
  });
});
