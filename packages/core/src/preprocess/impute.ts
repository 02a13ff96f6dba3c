// Missing-value imputation on rows of a row-major values array.
import { createRng } from "../random.ts";

export interface ImputeResult {
  /** Values filled. */
  imputed: number;
  /** kNN cells that fell back to the row mean (no candidate neighbour observed the column). */
  fallbacks: number;
}

function rowMean(values: Float64Array, row: number, m: number): number {
  let s = 0;
  let c = 0;
  for (let j = 0; j < m; j++) {
    const v = values[row * m + j]!;
    if (v === v) {
      s += v;
      c++;
    }
  }
  return c > 0 ? s / c : Number.NaN;
}

/** Fill NaN of the given rows with the row's mean (in place). */
export function imputeRowMean(values: Float64Array, rows: readonly number[], m: number): ImputeResult {
  let imputed = 0;
  for (const r of rows) {
    let mean: number | undefined;
    for (let j = 0; j < m; j++) {
      const k = r * m + j;
      if (values[k]! !== values[k]!) {
        mean ??= rowMean(values, r, m);
        values[k] = mean;
        imputed++;
      }
    }
  }
  return { imputed, fallbacks: 0 };
}

/**
 * k-nearest-gene imputation (in place) over `rows`. Only rows with missing values are
 * searched; neighbours come from `rows` (or a seeded subsample of `maxCandidates` of them).
 * Distances use the un-imputed values: d^2 = sum over columns both observe of the squared
 * difference, divided by the number of such columns. Each missing cell gets the plain mean of
 * the k nearest neighbours that observe its column; the row mean when none does.
 */
export function imputeKnn(
  values: Float64Array,
  rows: readonly number[],
  m: number,
  k: number,
  maxCandidates: number,
  seed: number | string,
): ImputeResult {
  const targets = rows.filter((r) => {
    for (let j = 0; j < m; j++) if (values[r * m + j]! !== values[r * m + j]!) return true;
    return false;
  });
  if (targets.length === 0) return { imputed: 0, fallbacks: 0 };
  const candidates =
    rows.length > maxCandidates ? createRng(`${String(seed)}/knn-candidates`).sample(rows.length, maxCandidates).map((i) => rows[i]!) : [...rows];
  const fills: { index: number; value: number }[] = [];
  let fallbacks = 0;
  const dist = new Float64Array(candidates.length);
  const order = new Int32Array(candidates.length);
  const missingCols: number[] = [];
  for (const t of targets) {
    missingCols.length = 0;
    for (let j = 0; j < m; j++) if (values[t * m + j]! !== values[t * m + j]!) missingCols.push(j);
    let nValid = 0;
    for (let c = 0; c < candidates.length; c++) {
      const r = candidates[c]!;
      if (r === t) continue;
      let s = 0;
      let shared = 0;
      for (let j = 0; j < m; j++) {
        const a = values[t * m + j]!;
        const b = values[r * m + j]!;
        if (a === a && b === b) {
          const d = a - b;
          s += d * d;
          shared++;
        }
      }
      if (shared === 0) continue;
      dist[c] = s / shared;
      order[nValid++] = c;
    }
    const sorted = Array.from(order.subarray(0, nValid)).sort((a, b) => dist[a]! - dist[b]! || candidates[a]! - candidates[b]!);
    let mean: number | undefined;
    for (const j of missingCols) {
      let s = 0;
      let used = 0;
      for (let q = 0; q < sorted.length && used < k; q++) {
        const v = values[candidates[sorted[q]!]! * m + j]!;
        if (v === v) {
          s += v;
          used++;
        }
      }
      if (used > 0) fills.push({ index: t * m + j, value: s / used });
      else {
        mean ??= rowMean(values, t, m);
        fills.push({ index: t * m + j, value: mean });
        fallbacks++;
      }
    }
  }
  for (const f of fills) values[f.index] = f.value;
  return { imputed: fills.length, fallbacks };
}
