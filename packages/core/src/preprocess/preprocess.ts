// The preprocessing pipeline: transform, missing-fraction filter, imputation, expression and
// constant filters, top-N variance, z-score. Works on a copy; every step is counted.
import { moments, zscoreRow } from "../stats/moments.ts";
import type { ExpressionMatrix } from "../types.ts";
import { CONSTANT_VARIANCE, resolveOptions } from "./options.ts";
import type { Impute, PreprocessOptions, Transform } from "./options.ts";
import { imputeKnn, imputeRowMean } from "./impute.ts";
import { transformValues } from "./transform.ts";

export interface PreprocessReport {
  genesIn: number;
  conditions: number;
  transform: Transform;
  impute: Impute;
  /** Missing values in the input. */
  missingIn: number;
  /** Genes dropped for too many missing values (or none observed). */
  droppedMissing: number;
  /** Values filled by imputation. */
  valuesImputed: number;
  /** kNN cells that fell back to the row mean. */
  imputeFallbacks: number;
  /** Genes dropped by `minExpression`. */
  droppedUnexpressed: number;
  /** Genes dropped as constant (variance < 1e-12) or below `minVariance`. */
  droppedConstant: number;
  /** Genes dropped by `topVariance`. */
  droppedByVariance: number;
  genesOut: number;
  zscore: boolean;
}

/** Moments (core's one definition: finite values, population variance) and the maximum of row r. */
function rowStats(values: Float64Array, r: number, m: number): { mean: number; variance: number; max: number; n: number } {
  const row = values.subarray(r * m, r * m + m);
  let max = Number.NEGATIVE_INFINITY;
  for (const v of row) if (v > max) max = v;
  return { ...moments(row), max };
}

/**
 * Preprocess an expression matrix (never mutated). Returns the new matrix, a report of every
 * step, and `keptGenes`: for each output gene, its index in the input.
 */
export function preprocess(
  matrix: ExpressionMatrix,
  options: PreprocessOptions = {},
): { matrix: ExpressionMatrix; report: PreprocessReport; keptGenes: number[] } {
  const o = resolveOptions(options);
  const n = matrix.genes.length;
  const m = matrix.conditions.length;
  const values = transformValues(matrix, o.transform);

  // Missing fraction.
  let missingIn = 0;
  let kept: number[] = [];
  let droppedMissing = 0;
  for (let i = 0; i < n; i++) {
    let miss = 0;
    for (let j = 0; j < m; j++) if (values[i * m + j]! !== values[i * m + j]!) miss++;
    missingIn += miss;
    if (miss === m || miss / m > o.maxMissingFraction) droppedMissing++;
    else kept.push(i);
  }

  // Imputation.
  const imp =
    o.impute === "knn"
      ? imputeKnn(values, kept, m, o.knnK, o.knnCandidates, o.seed)
      : o.impute === "row-mean"
        ? imputeRowMean(values, kept, m)
        : { imputed: 0, fallbacks: 0 };

  // Unexpressed and constant genes.
  let droppedUnexpressed = 0;
  let droppedConstant = 0;
  const minVar = Math.max(o.minVariance, CONSTANT_VARIANCE);
  const variance = new Map<number, number>();
  const next: number[] = [];
  for (const i of kept) {
    const st = rowStats(values, i, m);
    if (o.minExpression !== undefined && st.max < o.minExpression) droppedUnexpressed++;
    else if (!(st.variance >= minVar)) droppedConstant++;
    else {
      variance.set(i, st.variance);
      next.push(i);
    }
  }
  kept = next;

  // Top-N by variance (original order kept).
  let droppedByVariance = 0;
  if (o.topVariance !== undefined && kept.length > o.topVariance) {
    const top = [...kept].sort((a, b) => variance.get(b)! - variance.get(a)! || a - b).slice(0, o.topVariance);
    droppedByVariance = kept.length - top.length;
    kept = top.sort((a, b) => a - b);
  }

  // Output rows (z-scored).
  const out = new Float64Array(kept.length * m);
  kept.forEach((i, r) => {
    const row = values.subarray(i * m, i * m + m);
    if (!o.zscore) {
      out.set(row, r * m);
      return;
    }
    out.set(zscoreRow(row), r * m);
  });

  const result: ExpressionMatrix = {
    genes: kept.map((i) => matrix.genes[i]!),
    conditions: matrix.conditions.map((c) => ({ ...c })),
    values: out,
  };
  if (matrix.annotations) {
    result.annotations = { columns: [...matrix.annotations.columns], rows: kept.map((i) => [...(matrix.annotations!.rows[i] ?? [])]) };
  }
  const report: PreprocessReport = {
    genesIn: n,
    conditions: m,
    transform: o.transform,
    impute: o.impute,
    missingIn,
    droppedMissing,
    valuesImputed: imp.imputed,
    imputeFallbacks: imp.fallbacks,
    droppedUnexpressed,
    droppedConstant,
    droppedByVariance,
    genesOut: kept.length,
    zscore: o.zscore,
  };
  return { matrix: result, report, keptGenes: kept };
}
