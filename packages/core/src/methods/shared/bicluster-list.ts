// The payload of a method that finds biclusters directly (Cheng-Church, Plaid, spectral), scored
// exactly like the gene-clustering methods' step 6 so that a benchmark compares like with like:
// every bicluster's MSR, empirical p-value and mean profile on the z-scored preprocessed matrix,
// silhouettes on the z-scored profiles with labels = the first bicluster each gene belongs to
// (-1 for genes in none), indices mapped back to the input matrix.
import type { RunContext } from "../../analysis/context.ts";
import type { BiclusterPayload, BiclusterRecord } from "../../analysis/kinds/bicluster.ts";
import { msrPValue } from "../../bicluster/index.ts";
import { meanSquaredResidue, silhouette } from "../../metrics/index.ts";
import type { ExpressionMatrix } from "../../types.ts";
import type { PreprocessParams } from "./gene-cluster-params.ts";
import { preprocessForClustering, type Preprocessed } from "./gene-cluster-steps.ts";

/** A bicluster found by a method, in indices of the preprocessed (kept) genes. */
export interface FoundBicluster {
  genes: readonly number[];
  conditions: readonly number[];
}

export interface ScoreOptions {
  /** Random submatrices for each bicluster's empirical p-value (0: null p-values). */
  permutations: number;
}

/**
 * The shared preprocessing (transform, filters, imputation) without the final z-score: `raw` is
 * what a method that models the values themselves searches (Plaid, spectral, Cheng-Church with
 * standardize off); `pre` is the same genes z-scored (population sd), on which every method is
 * scored. Same checks as preprocessForClustering (>= 10 genes, >= 3 conditions).
 */
export function preprocessUnscaled(matrix: ExpressionMatrix, p: PreprocessParams, seed: number): { pre: Preprocessed; raw: Float64Array } {
  const pre = preprocessForClustering(matrix, p, seed);
  return { pre, raw: pre.raw };
}

/** The preprocessing of a method with a `standardize` switch: it searches the z-scored genes, or the unscaled values. */
export function preprocessForSearch(matrix: ExpressionMatrix, p: PreprocessParams, seed: number, standardize: boolean): { pre: Preprocessed; searched: Float64Array } {
  const { pre, raw } = preprocessUnscaled(matrix, p, seed);
  return { pre, searched: standardize ? pre.values : raw };
}

/** Per input gene: index of the first bicluster (in list order) that contains it, else -1. */
export function firstBiclusterLabels(biclusters: readonly FoundBicluster[], n: number): Int32Array {
  const labels = new Int32Array(n).fill(-1);
  biclusters.forEach((b, idx) => {
    for (const g of b.genes) if (labels[g] === -1) labels[g] = idx;
  });
  return labels;
}

function meanProfile(values: Float64Array, T: number, genes: readonly number[]): number[] {
  const sum = new Float64Array(T);
  for (const g of genes) for (let t = 0; t < T; t++) sum[t]! += values[g * T + t]!;
  return Array.from(sum, (s) => (genes.length > 0 ? s / genes.length : Number.NaN));
}

/** Summary metrics of a bicluster list, the same formulas as the gene-clustering methods'. */
export function listMetrics(
  biclusters: readonly Pick<BiclusterRecord, "msr" | "pValue">[],
  labels: ArrayLike<number>,
  silhouetteMean: number | null,
): BiclusterPayload["metrics"] {
  let assigned = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) assigned++;
  const msrs = biclusters.map((b) => b.msr).filter((v) => Number.isFinite(v));
  const pv = biclusters
    .map((b) => b.pValue)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  return {
    silhouette: silhouetteMean,
    msrMean: msrs.length ? msrs.reduce((a, b) => a + b, 0) / msrs.length : null,
    pValueMedian: pv.length ? pv[Math.floor((pv.length - 1) / 2)]! : null,
    biclusters: biclusters.length,
    assignedGenes: assigned,
    unassignedGenes: labels.length - assigned,
  };
}

/** The input summary every BICLUSTER payload carries. */
export function inputSummary(matrix: ExpressionMatrix): BiclusterPayload["input"] {
  return {
    genes: matrix.genes.length,
    conditions: matrix.conditions.length,
    geneIds: [...matrix.genes],
    conditionIds: matrix.conditions.map((c) => c.id),
    timed: matrix.conditions.every((c) => c.time !== undefined),
  };
}

/**
 * Scores `found` (indices of pre's kept genes) on pre.values (z-scored) and builds the payload
 * fields shared by every biclustering method. Enters the "score" stage.
 */
export function payloadFromBiclusters(
  matrix: ExpressionMatrix,
  pre: Preprocessed,
  found: readonly FoundBicluster[],
  options: ScoreOptions,
  ctx: RunContext,
): Pick<BiclusterPayload, "biclusters" | "labels" | "metrics" | "input" | "preprocess"> {
  ctx.enter("score");
  const { values, n, T } = pre;
  const kept = found.filter((b) => b.genes.length >= 1 && b.conditions.length >= 1);
  const labels = firstBiclusterLabels(kept, n);
  const sil = silhouette(values, T, labels, { rng: ctx.rng.fork("silhouette"), sampleSize: 2000 });
  const biclusters: BiclusterRecord[] = kept.map((b, idx) => {
    ctx.throwIfCancelled();
    const genes = [...b.genes].sort((x, y) => x - y);
    const conditions = [...b.conditions].sort((x, y) => x - y);
    const msr = meanSquaredResidue(values, T, genes, conditions);
    const own = genes.filter((g) => labels[g] === idx).map((g) => sil.perPoint[g]!);
    const pValue = msrPValue(values, T, genes.length, conditions.length, msr, {
      rng: ctx.rng.fork(`pvalue/${idx}`),
      permutations: options.permutations,
    });
    ctx.progress((idx + 1) / kept.length);
    return {
      genes: genes.map((g) => pre.keptGenes[g]!),
      conditions,
      msr,
      silhouette: sil.mean === null || own.length === 0 ? null : own.reduce((a, v) => a + v, 0) / own.length,
      pValue,
      meanProfile: meanProfile(values, T, genes),
    };
  });
  const inputLabels = new Array<number>(matrix.genes.length).fill(-1);
  for (let i = 0; i < n; i++) inputLabels[pre.keptGenes[i]!] = labels[i]!;
  return {
    input: inputSummary(matrix),
    preprocess: { report: { ...pre.report }, keptGenes: n },
    metrics: listMetrics(biclusters, inputLabels, sil.mean),
    biclusters,
    labels: inputLabels,
  };
}
