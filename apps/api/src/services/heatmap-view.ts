// A window of an ordered heatmap matrix (heatmap-matrix.ts), sized for the screen: rows
// [rowStart, rowEnd) as at most `maxRows` rows. When the window holds more genes than that, each
// returned row is a bin of consecutive genes (the mean of their values per column: neighbours in
// the clustered order have similar profiles); otherwise the genes themselves. The client asks for
// the whole matrix first (an overview), then for the zoomed range (detail), so one response never
// exceeds MAX_VIEW_CELLS values whatever the size of the dataset.
import type { Bicluster, Dataset, PrismaClient } from "@exprlab/db";
import { badInput } from "../errors.ts";
import type { ConditionInfo } from "./get-dataset-or-throw.ts";
import { orderedMatrix, type HeatmapColumns, type ValueRange } from "./heatmap-matrix.ts";

/** Values in one response (rows x columns). */
export const MAX_VIEW_CELLS = 250_000;
export const DEFAULT_VIEW_ROWS = 500;
export const MAX_VIEW_ROWS = 4_000;
/** Genes returned for a search. */
const MAX_MATCHES = 500;

export type HeatmapScale = "ZSCORE" | "RAW";

export interface HeatmapViewArgs {
  rowStart?: number | null;
  rowEnd?: number | null;
  maxRows?: number | null;
  scale?: HeatmapScale | null;
  columns?: HeatmapColumns | null;
  /** Genes to find: case-insensitive substring of the gene id. */
  find?: string | null;
}

export interface HeatmapBin {
  /** First row (position in the ordered matrix) of the bin. */
  start: number;
  count: number;
  /** The gene (count 1) or the first and last genes of the bin. */
  firstGene: string;
  lastGene: string;
  /** Dataset row index of the gene when count is 1. */
  geneIndex: number | null;
}

export interface HeatmapView {
  totalRows: number;
  sourceGenes: number;
  rowStart: number;
  rowEnd: number;
  /** Genes per returned row (1: detail rows). */
  binSize: number;
  rows: HeatmapBin[];
  conditions: ConditionInfo[];
  /** rows x conditions; null = no finite value. Rounded to 4 significant digits. */
  values: (number | null)[][];
  scale: HeatmapScale;
  /** Over the WHOLE matrix, so the colour scale does not change while zooming. */
  range: ValueRange;
  ordering: string;
  matches: { gene: string; position: number }[];
  matchCount: number;
  buildSeconds: number;
}

function round(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(4)) : v;
}

function intArg(name: string, v: number | null | undefined, fallback: number, min: number, max: number): number {
  const x = v ?? fallback;
  if (!Number.isInteger(x) || x < min || x > max) throw badInput(name, `must be an integer between ${min} and ${max}`);
  return x;
}

export async function heatmapView(prisma: PrismaClient, source: { dataset: Dataset; bicluster?: Bicluster | null }, args: HeatmapViewArgs): Promise<HeatmapView> {
  const columns: HeatmapColumns = source.bicluster ? (args.columns ?? "BICLUSTER") : "ALL";
  const m = await orderedMatrix(prisma, source, columns);
  const total = m.genes.length;
  const width = Math.max(1, m.conditions.length);
  const rowStart = intArg("rowStart", args.rowStart, 0, 0, Math.max(0, total - 1));
  const rowEnd = intArg("rowEnd", args.rowEnd, total, Math.min(total, rowStart + 1), total);
  const cap = Math.max(1, Math.floor(MAX_VIEW_CELLS / width));
  const maxRows = Math.min(intArg("maxRows", args.maxRows, DEFAULT_VIEW_ROWS, 1, MAX_VIEW_ROWS), cap);
  const span = rowEnd - rowStart;
  const binSize = Math.max(1, Math.ceil(span / maxRows));
  const scale = args.scale ?? "ZSCORE";
  const data = scale === "RAW" ? m.raw : m.z;
  const rows: HeatmapBin[] = [];
  const values: (number | null)[][] = [];
  const sums = new Float64Array(width);
  const counts = new Int32Array(width);
  for (let start = rowStart; start < rowEnd; start += binSize) {
    const end = Math.min(rowEnd, start + binSize);
    sums.fill(0);
    counts.fill(0);
    for (let r = start; r < end; r++) {
      const base = r * width;
      for (let k = 0; k < width; k++) {
        const v = data[base + k]!;
        if (Number.isFinite(v)) {
          sums[k]! += v;
          counts[k]! += 1;
        }
      }
    }
    values.push(Array.from(sums, (s, k) => (counts[k]! > 0 ? round(s / counts[k]!) : null)));
    rows.push({ start, count: end - start, firstGene: m.genes[start]!, lastGene: m.genes[end - 1]!, geneIndex: end - start === 1 ? m.geneIndices[start]! : null });
  }
  const matches: { gene: string; position: number }[] = [];
  let matchCount = 0;
  const find = args.find?.trim().toUpperCase();
  if (find) {
    if (find.length > 100) throw badInput("find", "is at most 100 characters");
    for (let r = 0; r < total; r++) {
      if (!m.upper[r]!.includes(find)) continue;
      matchCount++;
      if (matches.length < MAX_MATCHES) matches.push({ gene: m.genes[r]!, position: r });
    }
    // Exact matches first: "TP53" before "TP53BP1".
    matches.sort((a, b) => Number(b.gene.toUpperCase() === find) - Number(a.gene.toUpperCase() === find) || a.position - b.position);
  }
  return {
    totalRows: total,
    sourceGenes: m.sourceGenes,
    rowStart,
    rowEnd,
    binSize,
    rows,
    conditions: m.conditions,
    values,
    scale,
    range: scale === "RAW" ? m.range.raw : m.range.z,
    ordering: m.ordering,
    matches,
    matchCount,
    buildSeconds: m.seconds,
  };
}
