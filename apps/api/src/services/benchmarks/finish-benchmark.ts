// When the last member run of a benchmark ends, its parent gets the BENCHMARK result: each member
// scored against the dataset's truth (core's scoreMember on the member's stored result and its
// bicluster rows) and the mean, sd, min and max per method (core's aggregateBenchmark). Called
// by the worker after every member's end and by a periodic sweep (so a missed call only delays);
// an advisory lock per parent makes exactly one caller write the result.
import { benchmarkPayload, CORE_VERSION, memberRecord, RESULT_SCHEMA_VERSION, zscoredProfiles, type BenchmarkMember, type BiclusterResult, type Registry } from "@exprlab/core";
import type { Prisma, PrismaClient } from "@exprlab/db";
import { loadMatrix } from "../../worker/kinds/bicluster.ts";
import { runActivity } from "../../worker/run-state.ts";
import { readStoredResult } from "../read-run-result.ts";
import { loadTruth } from "./dataset-truth.ts";

const FINAL = new Set(["SUCCEEDED", "FAILED", "CANCELED"]);

/** A member's result as core's scoring takes it: the stored envelope plus its bicluster rows. */
async function memberResult(prisma: PrismaClient, runId: string, stored: unknown, registry: Registry): Promise<BiclusterResult | null> {
  const r = readStoredResult(stored, registry);
  if (!r) return null;
  const rows = await prisma.bicluster.findMany({
    where: { runId },
    orderBy: { index: "asc" },
    select: { conditions: true, msr: true, silhouette: true, pValue: true, meanProfile: true, genes: { select: { geneIndex: true } } },
  });
  const labels = r.payload.labels;
  if (!labels) return null;
  return {
    ...r,
    versions: r.versions ?? { core: "?", node: "?" },
    payload: {
      ...r.payload,
      input: { ...r.payload.input, geneIds: [], conditionIds: [] },
      overlaps: [],
      labels,
      biclusters: rows.map((b) => ({
        genes: b.genes.map((g) => g.geneIndex).sort((x, y) => x - y),
        conditions: b.conditions,
        msr: b.msr,
        silhouette: b.silhouette,
        pValue: b.pValue,
        meanProfile: b.meanProfile,
      })),
    },
  } as unknown as BiclusterResult;
}

/** Aggregates the benchmark `parentId` if all its members have ended; true when it wrote the result. */
export async function finishBenchmarkIfDone(prisma: PrismaClient, parentId: string, registry: Registry): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`benchmark:${parentId}`}))`;
      const parent = await tx.run.findFirst({ where: { id: parentId, kind: "BENCHMARK", status: "RUNNING" }, omit: { result: true } });
      if (!parent) return false;
      const members = await tx.run.findMany({
        where: { parentId },
        orderBy: [{ method: "asc" }, { seed: "asc" }],
        select: { id: true, status: true, method: true, seed: true, params: true, notes: true, error: true, result: true },
      });
      const done = members.filter((m) => FINAL.has(m.status)).length;
      if (done < members.length) {
        await tx.run.update({ where: { id: parentId }, data: { progress: members.length ? done / members.length : 0, heartbeatAt: new Date() } });
        return false;
      }
      const matrix = await loadMatrix(prisma, parent.datasetId);
      const truth = await loadTruth(prisma, parent.datasetId);
      const profiles = zscoredProfiles(matrix);
      const records: BenchmarkMember[] = [];
      for (const m of members) {
        const params = m.params && typeof m.params === "object" && !Array.isArray(m.params) ? (m.params as Record<string, unknown>) : {};
        const result = m.status === "SUCCEEDED" ? await memberResult(prisma, m.id, m.result, registry) : null;
        if (!result) {
          records.push({ method: m.method, seed: m.seed, params, scores: null, warnings: [], error: m.error ?? `the run ${m.status.toLowerCase()}` });
          continue;
        }
        records.push(memberRecord({ method: m.method, seed: m.seed, params, notes: m.notes ? m.notes.split("\n") : [] }, result, truth, profiles));
      }
      const payload = benchmarkPayload(matrix, truth, records);
      const ok = records.some((r) => r.scores !== null);
      const failed = records.filter((r) => r.scores === null).length;
      const seconds = parent.startedAt ? (Date.now() - parent.startedAt.getTime()) / 1000 : 0;
      const result = {
        schemaVersion: RESULT_SCHEMA_VERSION,
        kind: "BENCHMARK",
        method: "benchmark",
        params: parent.params,
        seed: parent.seed,
        versions: { core: CORE_VERSION, node: process.version },
        backend: null,
        stages: [{ id: "members", label: "Running the methods", seconds }],
        totalSeconds: seconds,
        warnings: [...(failed ? [`${failed} of ${records.length} member runs did not succeed; their methods are summarised over the rest`] : []), ...(truth ? [] : ["the dataset has no truth: accuracy, precision, recall, F-measure, consensus and Prelic scores are not computed"])],
        resumed: [],
        payload,
      };
      await tx.run.update({
        where: { id: parentId },
        data: {
          status: ok ? "SUCCEEDED" : "FAILED",
          stage: ok ? "done" : "failed",
          progress: 1,
          finishedAt: new Date(),
          error: ok ? null : "every member run failed or was canceled",
          result: JSON.parse(JSON.stringify(result)) as Prisma.InputJsonValue,
        },
      });
      await tx.activityEvent.create({
        data: runActivity(parent.teamId, parentId, ok ? "SUCCEEDED" : "FAILED", ok ? `benchmark of ${records.length} runs` : "every member run failed"),
      });
      return true;
    },
    { maxWait: 30_000, timeout: 5 * 60_000 },
  );
}

/** Parents whose members have all ended (the sweep's safety net). */
export async function finishReadyBenchmarks(prisma: PrismaClient, registry: Registry): Promise<number> {
  const ready = await prisma.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM "Run" p
    WHERE p.kind = 'BENCHMARK' AND p.status = 'RUNNING'
      AND NOT EXISTS (SELECT 1 FROM "Run" m WHERE m."parentId" = p.id AND m.status IN ('QUEUED', 'RUNNING'))
    LIMIT 20`;
  let n = 0;
  for (const { id } of ready) if (await finishBenchmarkIfDone(prisma, id, registry)) n++;
  return n;
}
