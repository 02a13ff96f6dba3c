// `npx tsx apps/api/scripts/bench-worker.ts [genes] [conditions]` (not part of the tests): the
// worker's event-loop lag while a large run computes in its engine thread, the spacing of the
// run's heartbeats, and the cancel latency of a run in the middle of LSTM training. Default
// 20,000 genes x 30 time points, LSTM-SVM with default parameters (K 8). Prints figures.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { PassThrough } from "node:stream";
import { generateSynthetic, writeMatrixCsv } from "@exprlab/core";
import type { Prisma } from "@exprlab/db";
import { createTestDatabase, startTestPostgres } from "@exprlab/db/testing";
import { closeImportPools, importDataset } from "../src/import/import-dataset.ts";
import { createRunNotifier } from "../src/queue/notify.ts";
import { cancelRun } from "../src/services/cancel-run.ts";
import { seedMember } from "../src/worker/test-support.ts";
import { startWorker } from "../src/worker/worker.ts";

const genes = Number(process.argv[2] ?? 20_000);
const conditions = Number(process.argv[3] ?? 30);
const server = await startTestPostgres();
const db = await createTestDatabase({ serverUrl: server.url });
try {
  const member = await seedMember(db.prisma, "MEMBER");
  const { matrix } = generateSynthetic({ genes, timePoints: conditions, biclusters: 8, genesPerBicluster: 0.05, seed: 3 });
  const csv = new PassThrough();
  void writeMatrixCsv(matrix, csv).then(() => csv.end());
  const dataset = await importDataset({ prisma: db.prisma, caller: member.caller, teamId: member.teamId, name: "bench", kind: "TIME_COURSE", filename: "bench.csv", stream: csv });
  const queue = createRunNotifier(db.prisma);
  const worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, concurrency: 1, queue: { heartbeatSeconds: 5, leaseSeconds: 60 } });
  const create = async (params: Record<string, unknown>) => {
    const run = await db.prisma.run.create({
      data: { teamId: member.teamId, datasetId: dataset.id, createdById: member.userId, method: "lstm-svm", params: params as Prisma.InputJsonValue, seed: 1 },
    });
    await queue.enqueue(run.id);
    return run.id;
  };

  console.log(`ExprLab worker bench: ${genes} x ${conditions}, LSTM-SVM defaults (K 8), node ${process.version}`);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const id = await create({ k: 8 });
  const beats: number[] = [];
  let last: number | null = null;
  const t0 = performance.now();
  lag.enable();
  for (;;) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id }, omit: { result: true } });
    const hb = run.heartbeatAt?.getTime() ?? null;
    if (hb !== null && hb !== last) {
      if (last !== null) beats.push((hb - last) / 1000);
      last = hb;
    }
    if (["SUCCEEDED", "FAILED", "CANCELED"].includes(run.status)) {
      console.log(`run ${run.status} in ${((performance.now() - t0) / 1000).toFixed(1)} s${run.error ? `: ${run.error}` : ""}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  lag.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(`worker event-loop delay during the run: p50 ${ms(lag.percentile(50))} ms, p99 ${ms(lag.percentile(99))} ms, max ${ms(lag.max)} ms (${lag.count} samples)`);
  beats.sort((a, b) => a - b);
  if (beats.length) console.log(`heartbeat spacing: median ${beats[Math.floor(beats.length / 2)]!.toFixed(2)} s, max ${beats.at(-1)!.toFixed(2)} s (${beats.length + 1} heartbeats, progress writes included)`);

  const id2 = await create({ k: 8, epochs: 300, patience: 0 });
  for (;;) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: id2 }, omit: { result: true } });
    if (run.stage === "lstm-train" && run.progress > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const asked = performance.now();
  await cancelRun(db.prisma, queue, member.caller, id2);
  for (;;) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: id2 }, omit: { result: true } });
    if (run.status === "CANCELED") break;
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`cancel during LSTM training: CANCELED ${((performance.now() - asked) / 1000).toFixed(2)} s after cancelRun`);
  await worker.stop({ drainMs: 0 });
} finally {
  await closeImportPools();
  await db.drop();
  await server.stop();
}
