// The one definition of a row's mean, variance and standard deviation in core: over the FINITE
// values only (NaN = missing is skipped), POPULATION variance (divide by n, not n - 1), as
// preprocess's z-score uses. Heatmaps, profiles and z-scores all go through these functions so
// that a gene's z-scores look the same on every page.

export interface Moments {
  /** Number of finite values. */
  n: number;
  /** Mean of the finite values (NaN when there are none). */
  mean: number;
  /** Population variance of the finite values (NaN when there are none). */
  variance: number;
}

/** Mean and population variance of the finite values of `row` (two passes, so no cancellation). */
export function moments(row: ArrayLike<number>): Moments {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i]!;
    if (Number.isFinite(x)) {
      n++;
      sum += x;
    }
  }
  if (n === 0) return { n, mean: Number.NaN, variance: Number.NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i]!;
    if (Number.isFinite(x)) ss += (x - mean) * (x - mean);
  }
  return { n, mean, variance: ss / n };
}

/** Population variance of the finite values (0 when fewer than two, so it can rank rows). */
export function populationVariance(row: ArrayLike<number>): number {
  const m = moments(row);
  return m.n < 2 ? 0 : m.variance;
}

/** Population standard deviation of the finite values (0 when fewer than two). */
export function populationSd(row: ArrayLike<number>): number {
  return Math.sqrt(populationVariance(row));
}

/**
 * The row z-scored with the population sd over its finite values. Missing values stay NaN;
 * a constant row (sd 0) becomes 0s, so it shows as "average" rather than disappearing.
 */
export function zscoreRow(row: ArrayLike<number>): Float64Array {
  const { n, mean, variance } = moments(row);
  const sd = n > 1 ? Math.sqrt(variance) : 0;
  const out = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const x = row[i]!;
    out[i] = Number.isFinite(x) ? (sd > 0 ? (x - mean) / sd : 0) : Number.NaN;
  }
  return out;
}
