// The analysis worker through the real pg-boss queue on a real PostgreSQL: a run's lifecycle,
// cancel (while running and before start), and crash recovery with a worker process killed with
// SIGKILL mid-run and a second worker process finishing the run without duplicates.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { generateSynthetic, writeMatrixCsv } from "@exprlab/core";
import type { Prisma, Run } from "@exprlab/db";
import { createTestDatabase } from "@exprlab/db/testing";
import type { TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeImportPools, importDataset } from "../import/import-dataset.ts";
import { createRunQueue } from "../queue/run-queue.ts";
import type { RunQueue } from "../queue/run-queue.ts";
import { FAST_TEST_QUEUE_SETTINGS } from "../queue/settings.ts";
import { cancelRun } from "../services/cancel-run.ts";
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
  maxTrainSequences: 64,
  permutations: 19,
  svmMaxIterations: 2,
  maxOuterIterations: 0,
  fineTuneEpochs: 0,
  patience: 0,
  validationSplit: 0,
};

let db: TestDatabase;
let member: SeededMember;
let datasetId: string;
let apiQueue: RunQueue; // the API side: enqueues only

beforeAll(async () => {
  db = await createTestDatabase();
  member = await seedMember(db.prisma, "MEMBER");
  const { matrix } = generateSynthetic({ genes: 150, timePoints: 12, biclusters: 3, genesPerBicluster: 30, seed: 11 });
  const csv = new PassThrough();
  void writeMatrixCsv(matrix, csv).then(() => csv.end());
  const dataset = await importDataset({
    prisma: db.prisma,
    caller: member.caller,
    teamId: member.teamId,
    name: "planted",
    kind: "TIME_COURSE",
    filename: "planted.csv",
    stream: csv,
  });
  datasetId = dataset.id;
  apiQueue = await createRunQueue(db.url, { ...FAST_TEST_QUEUE_SETTINGS, supervise: false });
});

afterAll(async () => {
  await apiQueue?.stop();
  await closeImportPools();
  await db?.drop();
});

async function createRun(params: Record<string, unknown>, extra: Partial<Pick<Run, "cancelRequested">> = {}): Promise<Run> {
  return db.prisma.run.create({
    data: {
      teamId: member.teamId,
      datasetId,
      createdById: member.userId,
      method: "lstm-svm",
      params: params as Prisma.InputJsonValue,
      seed: 5,
      ...extra,
    },
  });
}

/** Polls the run every 100 ms until `done(run)`; records every status and RUNNING progress seen. */
async function watch(
  runId: string,
  done: (run: Run) => boolean,
  timeoutMs = 90_000,
): Promise<{ run: Run; statuses: string[]; progress: number[] }> {
  const statuses: string[] = [];
  const progress: number[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    if (statuses.at(-1) !== run.status) statuses.push(run.status);
    if (run.status === "RUNNING") progress.push(run.progress);
    if (done(run)) return { run, statuses, progress };
    if (Date.now() > deadline) throw new Error(`timed out; run is ${run.status} (${run.stage}, ${run.progress})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (run: Run): boolean => ["SUCCEEDED", "FAILED", "CANCELED"].includes(run.status);

async function expectNoDuplicateBiclusters(runId: string, expected: number): Promise<void> {
  const biclusters = await db.prisma.bicluster.findMany({ where: { runId }, orderBy: { index: "asc" } });
  expect(biclusters.map((b) => b.index)).toEqual(Array.from({ length: expected }, (_, i) => i));
  const genes = await db.prisma.biclusterGene.findMany({ where: { bicluster: { runId } } });
  expect(genes.length).toBe(biclusters.reduce((sum, b) => sum + b.geneCount, 0));
}

describe("queue (no worker running yet)", () => {
  it("queues a waiting run only once (singletonKey = run id)", async () => {
    // Already finished, so that the worker started later only acknowledges the job.
    const run = await createRun({ ...QUICK, epochs: 5 });
    await db.prisma.run.update({ where: { id: run.id }, data: { status: "CANCELED" } });
    const first = await apiQueue.enqueue(run.id);
    expect(first).toBeTypeOf("string");
    expect(await apiQueue.enqueue(run.id)).toBeNull();
    expect(await apiQueue.enqueue(run.id)).toBeNull();
  });
});

describe("in-process worker", () => {
  let worker: RunningWorker;

  beforeAll(async () => {
    worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, queue: FAST_TEST_QUEUE_SETTINGS });
  });
  afterAll(async () => {
    await worker?.stop({ drainMs: 0 });
  });

  it("runs a queued run to SUCCEEDED with progress, results, biclusters queryable by gene", async () => {
    const created = await createRun({ ...QUICK, epochs: 120 });
    const started = performance.now();
    expect(await apiQueue.enqueue(created.id)).toBeTypeOf("string");
    const { run, statuses, progress } = await watch(created.id, finished);
    const seconds = (performance.now() - started) / 1000;
    console.log(`run lifecycle: queued -> succeeded in ${seconds.toFixed(1)} s; statuses ${statuses.join(" -> ")}`);

    expect(run.status, run.error ?? "").toBe("SUCCEEDED");
    expect(statuses).toContain("RUNNING");
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
    expect(run).toMatchObject({ progress: 1, stage: "done", attempts: 1, error: null, workerId: worker.workerId });
    expect(run.startedAt).toBeInstanceOf(Date);
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(run.backend).toMatch(/^(wasm|cpu|tensorflow)$/);
    const result = run.result as { version?: unknown; biclusters: unknown[] };
    expect(result.biclusters.length).toBeGreaterThan(0);
    expect(run.timings).not.toBeNull();
    expect(run.metrics).not.toBeNull();
    await expectNoDuplicateBiclusters(run.id, result.biclusters.length);

    // "Every bicluster that contains gene X", as the API asks it.
    const member0 = await db.prisma.biclusterGene.findFirstOrThrow({ where: { bicluster: { runId: run.id } } });
    const byGene = await db.prisma.bicluster.findMany({
      where: { teamId: member.teamId, genes: { some: { gene: member0.gene } } },
      include: { genes: { where: { gene: member0.gene } } },
    });
    expect(byGene.map((b) => b.id)).toContain(member0.biclusterId);
    expect(byGene[0]?.genes[0]?.geneIndex).toBeTypeOf("number");

    const events = await db.prisma.activityEvent.findMany({ where: { subjectId: run.id } });
    expect(events.map((e) => e.type)).toEqual(["run.succeeded"]);
  });

  it("cancels a running run: CANCELED, no biclusters", async () => {
    const created = await createRun({ ...QUICK, epochs: 1000 });
    await apiQueue.enqueue(created.id);
    await watch(created.id, (r) => r.status === "RUNNING" && r.progress > 0);
    const asked = performance.now();
    await cancelRun(db.prisma, member.caller, created.id);
    const { run } = await watch(created.id, finished, 30_000);
    console.log(`cancel: CANCELED ${((performance.now() - asked) / 1000).toFixed(1)} s after the request`);
    expect(run.status).toBe("CANCELED");
    expect(run.finishedAt).toBeInstanceOf(Date);
    expect(await db.prisma.bicluster.count({ where: { runId: run.id } })).toBe(0);
    const types = (await db.prisma.activityEvent.findMany({ where: { subjectId: run.id } })).map((e) => e.type);
    expect(types).toContain("run.canceled");
  });

  it("cancels a run whose cancel was requested before a worker took it", async () => {
    const created = await createRun({ ...QUICK, epochs: 5 }, { cancelRequested: true });
    await apiQueue.enqueue(created.id);
    const { run } = await watch(created.id, finished, 30_000);
    expect(run).toMatchObject({ status: "CANCELED", attempts: 0 });
  });

  it("fails a run with a readable error when the method rejects its parameters", async () => {
    const created = await createRun({ ...QUICK, kMin: 5, kMax: 3 });
    await apiQueue.enqueue(created.id);
    const { run } = await watch(created.id, finished, 30_000);
    expect(run.status).toBe("FAILED");
    expect(run.error).toMatch(/kMax/);
    expect(await db.prisma.bicluster.count({ where: { runId: run.id } })).toBe(0);
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
        QUEUE_MAINTENANCE_SECONDS: "1",
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

  it("a worker killed with SIGKILL mid-run: a second worker finishes it, attempts = 2, no duplicates", async () => {
    const created = await createRun({ ...QUICK, epochs: 300 });
    const first = startWorkerProcess();
    await apiQueue.enqueue(created.id);
    const { run: midway } = await watch(created.id, (r) => r.status === "RUNNING" && r.progress > 0, 60_000);
    expect(midway.workerId).toContain(`:${first.child.pid}:`);
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const killedAt = performance.now();
    const afterKill = await db.prisma.run.findUniqueOrThrow({ where: { id: created.id } });
    expect(afterKill.status).toBe("RUNNING"); // nobody finished it: the lease must expire

    const second = startWorkerProcess();
    const { run } = await watch(created.id, finished, 120_000);
    console.log(`crash recovery: SUCCEEDED ${((performance.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
    expect(run.status, `${run.error ?? ""}\n${second.output()}`).toBe("SUCCEEDED");
    expect(run.attempts).toBe(2);
    expect(run.workerId).toContain(`:${second.child.pid}:`);
    const result = run.result as { biclusters: unknown[] };
    await expectNoDuplicateBiclusters(run.id, result.biclusters.length);
    const succeeded = await db.prisma.activityEvent.count({ where: { subjectId: run.id, type: "run.succeeded" } });
    expect(succeeded).toBe(1);

    // SIGTERM: the worker stops cleanly.
    second.child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => second.child.once("exit", (c) => r(c)));
    expect(code, second.output()).toBe(0);
  });
});
