// The server-side ordered matrix behind the interactive heatmaps (dataset and bicluster): every
// gene (of the dataset, or member of the bicluster), z-scored per gene over ALL the dataset's
// conditions (population sd, core's zscoreRow: the scale of meanProfile and of the profile plots),
// rows in the leaf order of average-linkage clustering on 1 - Pearson (core's clusterOrder, bounded
// for large inputs), columns in display order: by time when every shown condition has one, else
// dataset order (sample datasets without times: clustered too, up to 300 columns).
//
// Cost is bounded: at most MAX_MATRIX_CELLS cells are kept per matrix (a dataset with more keeps
// its most variable genes and says so), and matrices live in an LRU cache bounded by bytes, keyed
// by the dataset's conditionsVersion (editing conditions can reorder the columns). A dataset's row
// order (the costly part: about 2 s for 20,000 genes) is kept in DatasetHeatmapOrder, so it is
// clustered once per dataset, not once per process.
import { clusterOrder, populationVariance, TopK, zscoreRow } from "@exprlab/core";
import type { Bicluster, Dataset, PrismaClient } from "@exprlab/db";
import { datasetConditions, type ConditionInfo } from "./get-dataset-or-throw.ts";
import { readDatasetRows } from "./read-dataset-rows.ts";

/** Cells (genes x shown conditions) kept in one ordered matrix. */
export const MAX_MATRIX_CELLS = 4_000_000;
/** Bytes of all cached matrices together. */
const CACHE_BYTES = 160 * 1024 * 1024;
const MAX_CLUSTERED_COLUMNS = 300;

export type HeatmapColumns = "ALL" | "BICLUSTER";

export interface OrderedMatrix {
  /** Genes in display order, with their dataset row index. */
  genes: string[];
  geneIndices: Int32Array;
  /** Upper-cased gene ids in display order (search). */
  upper: string[];
  /** Shown conditions in display order. */
  conditions: ConditionInfo[];
  /** rows x columns (display order), row-major; NaN = missing. */
  z: Float32Array;
  raw: Float32Array;
  /** Genes of the source before any cap (the dataset's or the bicluster's). */
  sourceGenes: number;
  ordering: string;
  /** 2nd / 98th percentiles and extremes of the finite values, per scale (stable colour scales). */
  range: { z: ValueRange; raw: ValueRange };
  seconds: number;
}

export interface ValueRange {
  min: number;
  max: number;
  p02: number;
  p98: number;
}

const cache = new Map<string, Promise<OrderedMatrix>>();
const sizes = new Map<string, number>();

function remember(key: string, p: Promise<OrderedMatrix>): void {
  cache.set(key, p);
  p.then(
    (m) => {
      sizes.set(key, m.z.byteLength + m.raw.byteLength);
      let total = [...sizes.values()].reduce((a, b) => a + b, 0);
      for (const k of cache.keys()) {
        if (total <= CACHE_BYTES || k === key) continue;
        total -= sizes.get(k) ?? 0;
        cache.delete(k);
        sizes.delete(k);
      }
    },
    () => {
      cache.delete(key);
      sizes.delete(key);
    },
  );
}

/** The ordered matrix of a source (loaded through team-scoped services), built once and cached. */
export function orderedMatrix(
  prisma: PrismaClient,
  source: { dataset: Dataset; bicluster?: Bicluster | null },
  columns: HeatmapColumns,
): Promise<OrderedMatrix> {
  const { dataset, bicluster } = source;
  const cols = bicluster && columns === "BICLUSTER" ? "b" : "all";
  const key = `${dataset.id}:${dataset.conditionsVersion}:${bicluster ? bicluster.id : "-"}:${cols}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const built = build(prisma, dataset, bicluster ?? null, cols === "b");
  remember(key, built);
  return built;
}

/** Display order of columns: by time when all have one (stable: ties keep dataset order), else as given. */
export function columnOrder(conditions: ConditionInfo[], dataset: Pick<Dataset, "kind">, z: Float64Array[], shown: number[]): { order: number[]; how: string } {
  const timed = shown.every((j) => conditions[j]?.time !== null && conditions[j]?.time !== undefined);
  if (timed) {
    const order = [...shown].sort((a, b) => (conditions[a]!.time as number) - (conditions[b]!.time as number) || a - b);
    const moved = order.some((j, k) => j !== shown[k]);
    return { order, how: moved ? "conditions by time" : "conditions in time order" };
  }
  if (dataset.kind === "SAMPLES" && shown.length <= MAX_CLUSTERED_COLUMNS && z.length > 1) {
    const items = shown.map((j) => z.map((row) => row[j] as number));
    const order = clusterOrder(items).map((k) => shown[k]!);
    return { order, how: "conditions clustered the same way" };
  }
  return { order: shown, how: "conditions in dataset order" };
}

function percentiles(values: Float32Array): ValueRange {
  const finite: number[] = [];
  // A sample is enough for a colour scale (at most ~200k values, evenly spaced, deterministic).
  const step = Math.max(1, Math.floor(values.length / 200_000));
  for (let i = 0; i < values.length; i += step) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite.push(v);
  }
  if (finite.length === 0) return { min: 0, max: 0, p02: 0, p98: 0 };
  finite.sort((a, b) => a - b);
  const at = (q: number) => finite[Math.min(finite.length - 1, Math.max(0, Math.round(q * (finite.length - 1))))]!;
  return { min: finite[0]!, max: finite[finite.length - 1]!, p02: at(0.02), p98: at(0.98) };
}

interface SourceRow {
  index: number;
  gene: string;
  values: Float32Array;
}

async function readRows(prisma: PrismaClient, dataset: Dataset, bicluster: Bicluster | null, keep: number): Promise<{ rows: SourceRow[]; total: number }> {
  let rows: SourceRow[];
  if (bicluster) {
    const members = await prisma.biclusterGene.findMany({ where: { biclusterId: bicluster.id }, select: { geneIndex: true } });
    rows = await readDatasetRows(
      prisma,
      dataset.id,
      members.map((m) => m.geneIndex),
    );
  } else {
    rows = await readDatasetRows(prisma, dataset.id);
  }
  if (rows.length <= keep) return { rows, total: rows.length };
  // Over the cell cap: the most variable genes (ties: the earlier row).
  const top = new TopK<SourceRow>(keep);
  for (const r of rows) top.offer(populationVariance(r.values), r.index, r);
  return { rows: top.result().map((t) => t.value), total: rows.length };
}

/** Positions into `rows` in a stored order of dataset row indices, or null when it does not fit them. */
function storedOrder(stored: number[] | undefined, rows: SourceRow[]): number[] | null {
  if (!stored || stored.length !== rows.length) return null;
  const at = new Map(rows.map((r, i) => [r.index, i]));
  const order = stored.map((index) => at.get(index));
  return order.every((i) => i !== undefined) ? (order as number[]) : null;
}

async function build(prisma: PrismaClient, dataset: Dataset, bicluster: Bicluster | null, biclusterColumns: boolean): Promise<OrderedMatrix> {
  const started = performance.now();
  const conditions = datasetConditions(dataset);
  const shown = biclusterColumns && bicluster ? [...bicluster.conditions].sort((a, b) => a - b).filter((j) => j < conditions.length) : conditions.map((c) => c.index);
  const keep = Math.max(1, Math.floor(MAX_MATRIX_CELLS / Math.max(1, shown.length)));
  const [{ rows, total }, stored] = await Promise.all([
    readRows(prisma, dataset, bicluster, keep),
    bicluster ? null : prisma.datasetHeatmapOrder.findUnique({ where: { datasetId: dataset.id }, select: { rows: true } }),
  ]);
  // z-scores over ALL conditions (the scale of the profiles), clustered on the shown ones.
  const zFull = rows.map((r) => zscoreRow(r.values));
  let rowOrder = storedOrder(stored?.rows, rows);
  if (!rowOrder) {
    const zShown = zFull.map((z) => Float64Array.from(shown, (j) => z[j]!));
    rowOrder = rows.length > 1 ? clusterOrder(zShown) : rows.map((_, i) => i);
    if (!bicluster) {
      const order = rowOrder.map((i) => rows[i]!.index);
      // Kept for later views (awaited: one small write on the first view only, and nothing races
      // it); a concurrent first view writing the same order is harmless, a failed write is retried
      // by the next first view.
      await prisma.datasetHeatmapOrder
        .upsert({ where: { datasetId: dataset.id }, create: { datasetId: dataset.id, rows: order }, update: { rows: order } })
        .catch(() => {});
    }
  }
  const { order: colOrder, how } = columnOrder(conditions, dataset, zFull, shown);
  const m = colOrder.length;
  const z = new Float32Array(rows.length * m);
  const raw = new Float32Array(rows.length * m);
  const genes: string[] = [];
  const geneIndices = new Int32Array(rows.length);
  rowOrder.forEach((i, r) => {
    const row = rows[i]!;
    genes.push(row.gene);
    geneIndices[r] = row.index;
    const zr = zFull[i]!;
    for (let k = 0; k < m; k++) {
      z[r * m + k] = zr[colOrder[k]!]!;
      raw[r * m + k] = row.values[colOrder[k]!]!;
    }
  });
  const what = bicluster ? "member genes" : "genes";
  const capped = rows.length < total ? `the ${rows.length.toLocaleString("en")} most variable of ${total.toLocaleString("en")} ${what}` : `all ${total.toLocaleString("en")} ${what}`;
  return {
    genes,
    geneIndices,
    upper: genes.map((g) => g.toUpperCase()),
    conditions: colOrder.map((j) => conditions[j]!),
    z,
    raw,
    sourceGenes: total,
    ordering: `${capped}, rows ordered by average-linkage clustering (1 - Pearson) of their z-scores; ${how}`,
    range: { z: percentiles(z), raw: percentiles(raw) },
    seconds: (performance.now() - started) / 1000,
  };
}

/** Starts ordering a freshly imported dataset's matrix, so its page finds the heatmap ready. */
export function warmDatasetHeatmap(prisma: PrismaClient, dataset: Dataset): void {
  orderedMatrix(prisma, { dataset }, "ALL").catch(() => {
    /* the page's own request builds it again and reports the error */
  });
}
