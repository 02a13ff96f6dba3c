// Loads what the exports need, inside the caller's teams (another team's run is NOT_FOUND).
import type { PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { getBiclusterOrThrow } from "../services/get-bicluster-or-throw.ts";
import { datasetConditions, getDatasetOrThrow } from "../services/get-dataset-or-throw.ts";
import { getRunOrThrow } from "../services/get-run-or-throw.ts";
import { readDatasetRows } from "../services/read-dataset-rows.ts";
import { runTitle } from "../services/run-display.ts";
import type { Registry } from "@exprlab/core";
import type { ExportBicluster, RunExportData } from "./run-export.ts";

async function rowsByIndex(prisma: PrismaClient, datasetId: string, indices: number[]): Promise<Map<number, Float32Array>> {
  const rows = await readDatasetRows(prisma, datasetId, [...new Set(indices)]);
  return new Map(rows.map((r) => [r.index, r.values]));
}

async function exportBiclusters(prisma: PrismaClient, teamId: string, where: { runId: string } | { id: string }): Promise<ExportBicluster[]> {
  const biclusters = await prisma.bicluster.findMany({
    where: { ...where, teamId },
    orderBy: { index: "asc" },
    include: { genes: { orderBy: [{ silhouette: { sort: "desc", nulls: "last" } }, { gene: "asc" }] } },
  });
  const genes = [...new Set(biclusters.flatMap((b) => b.genes.map((g) => g.gene)))];
  const annotations = genes.length ? await prisma.annotation.findMany({ where: { teamId, gene: { in: genes } }, select: { gene: true, status: true } }) : [];
  const status = new Map(annotations.map((a) => [a.gene, a.status as string]));
  return biclusters.map((b) => ({
    id: b.id,
    index: b.index,
    conditions: b.conditions,
    msr: b.msr,
    silhouette: b.silhouette,
    pValue: b.pValue,
    genes: b.genes.map((g) => ({ gene: g.gene, geneIndex: g.geneIndex, silhouette: g.silhouette, status: status.get(g.gene) ?? null })),
  }));
}

export async function loadRunExport(prisma: PrismaClient, caller: Caller, registry: Registry, runId: string): Promise<RunExportData> {
  const run = await getRunOrThrow(prisma, caller, runId);
  if (run.status !== "SUCCEEDED") throw badInput("run", "has no results to export until it succeeds");
  const dataset = await getDatasetOrThrow(prisma, caller, run.datasetId);
  const biclusters = await exportBiclusters(prisma, run.teamId, { runId: run.id });
  const values = await rowsByIndex(
    prisma,
    dataset.id,
    biclusters.flatMap((b) => b.genes.map((g) => g.geneIndex)),
  );
  return {
    run: { id: run.id, title: runTitle(run, registry), method: run.method, seed: run.seed, params: run.params, createdAt: run.createdAt, finishedAt: run.finishedAt },
    dataset: { id: dataset.id, name: dataset.name },
    conditions: datasetConditions(dataset),
    biclusters,
    valuesOf: (i) => values.get(i),
  };
}

export async function loadBiclusterExport(prisma: PrismaClient, caller: Caller, registry: Registry, biclusterId: string): Promise<RunExportData & { bicluster: ExportBicluster }> {
  const b = await getBiclusterOrThrow(prisma, caller, biclusterId);
  const run = await getRunOrThrow(prisma, caller, b.runId);
  const dataset = await getDatasetOrThrow(prisma, caller, run.datasetId);
  const [bicluster] = await exportBiclusters(prisma, b.teamId, { id: b.id });
  if (!bicluster) throw new Error(`bicluster ${b.id} vanished`);
  const values = await rowsByIndex(
    prisma,
    dataset.id,
    bicluster.genes.map((g) => g.geneIndex),
  );
  return {
    run: { id: run.id, title: runTitle(run, registry), method: run.method, seed: run.seed, params: run.params, createdAt: run.createdAt, finishedAt: run.finishedAt },
    dataset: { id: dataset.id, name: dataset.name },
    conditions: datasetConditions(dataset),
    biclusters: [bicluster],
    bicluster,
    valuesOf: (i) => values.get(i),
  };
}
