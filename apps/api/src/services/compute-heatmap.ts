// A clustered overview of a dataset for its heatmap: the `maxGenes` most variable genes (variance of
// the finite values), z-scored per gene, rows in the leaf order of an average-linkage dendrogram on
// 1 - Pearson correlation. Conditions keep their order for time courses (time is the axis); sample
// datasets with at most 300 conditions get their columns clustered the same way. Datasets are
// immutable, so results are cached in memory per (dataset, maxGenes), and concurrent requests for
// the same key share one build (a query with 1,000 aliases of one heatmap, or 1,000 users opening
// the same page, build it once).
import { decodeRow, type Dataset, type PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import type { WorkBudget } from "../graphql/work-budget.ts";
import { datasetConditions, getDatasetOrThrow, type ConditionInfo } from "./get-dataset-or-throw.ts";
import { clusterOrder, TopK, variance, zscore } from "./order-heatmap.ts";
import { toNullable } from "./read-matrix-slice.ts";

export const MAX_HEATMAP_GENES = 200;
const MAX_CLUSTERED_CONDITIONS = 300;
const BATCH_ROWS = 2_000;
const CACHE_SIZE = 16;

export interface Heatmap {
  datasetId: string;
  genes: string[];
  geneIndices: number[];
  /** Conditions in display order. */
  conditions: ConditionInfo[];
  /** Raw values, genes x conditions in display order; null = missing. */
  values: (number | null)[][];
  /** Per-gene z-scores of the same cells (what the colour scale should use). */
  zscores: (number | null)[][];
  /** Short description of how genes and conditions were chosen and ordered. */
  ordering: string;
}

/** Finished and in-flight builds; a failed build is dropped so that the next request retries. */
const cache = new Map<string, Promise<Heatmap>>();

/** Builds started since the process began (tests check that identical requests share one). */
export let heatmapBuilds = 0;

export async function computeHeatmap(
  prisma: PrismaClient,
  caller: Caller,
  args: { datasetId: string; maxGenes?: number | null },
  work?: WorkBudget,
): Promise<Heatmap> {
  const maxGenes = args.maxGenes ?? 50;
  if (!Number.isInteger(maxGenes) || maxGenes < 1 || maxGenes > MAX_HEATMAP_GENES) {
    throw badInput("maxGenes", `must be between 1 and ${MAX_HEATMAP_GENES}`);
  }
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  // What is sent back (values + z-scores); the scan of the dataset, shared through the cache, is not charged.
  work?.chargeCells(2 * Math.min(maxGenes, dataset.geneCount) * dataset.conditionCount, "heatmap");
  const key = `${dataset.id}:${maxGenes}`;
  const cached = cache.get(key);
  if (cached) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  heatmapBuilds += 1;
  const building = buildHeatmap(prisma, dataset, maxGenes);
  cache.set(key, building);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  building.catch(() => {
    if (cache.get(key) === building) cache.delete(key);
  });
  return building;
}

async function buildHeatmap(prisma: PrismaClient, dataset: Dataset, maxGenes: number): Promise<Heatmap> {
  const top = new TopK<{ gene: string; values: Float32Array }>(maxGenes);
  for (let from = 0; ; from += BATCH_ROWS) {
    const batch = await prisma.datasetRow.findMany({
      where: { datasetId: dataset.id, index: { gte: from, lt: from + BATCH_ROWS } },
      orderBy: { index: "asc" },
      select: { index: true, gene: true, values: true },
    });
    for (const row of batch) {
      const values = decodeRow(row.values);
      top.offer(variance(values), row.index, { gene: row.gene, values });
    }
    if (batch.length < BATCH_ROWS && from + BATCH_ROWS >= dataset.geneCount) break;
  }
  const chosen = top.result();
  const z = chosen.map((c) => zscore(c.value.values));
  const rowOrder = clusterOrder(z);
  const conditions = datasetConditions(dataset);
  let colOrder = conditions.map((c) => c.index);
  let ordering = `${chosen.length} most variable genes, rows ordered by average-linkage clustering (1 - Pearson)`;
  if (dataset.kind === "SAMPLES" && conditions.length <= MAX_CLUSTERED_CONDITIONS && z.length > 1) {
    const columns = conditions.map((_, j) => z.map((row) => row[j] as number));
    colOrder = clusterOrder(columns);
    ordering += "; conditions clustered the same way";
  } else {
    ordering += "; conditions in dataset order";
  }
  const rows = rowOrder.map((i) => chosen[i] as (typeof chosen)[number]);
  const zRows = rowOrder.map((i) => z[i] as Float64Array);
  return {
    datasetId: dataset.id,
    genes: rows.map((r) => r.value.gene),
    geneIndices: rows.map((r) => r.index),
    conditions: colOrder.map((j) => conditions[j] as ConditionInfo),
    values: rows.map((r) => toNullable(colOrder.map((j) => r.value.values[j] as number))),
    zscores: zRows.map((r) => toNullable(colOrder.map((j) => r[j] as number))),
    ordering,
  };
}
