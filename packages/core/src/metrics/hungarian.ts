// Maximum-weight one-to-one matching (Hungarian algorithm) on top of munkres-js.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- consumers (apps/api) typecheck core sources and need the ambient module
/// <reference path="./munkres-js.d.ts" />
import computeMunkres from "munkres-js";

/**
 * Pairs rows with columns so that the sum of `weights[r][c]` over the pairs is maximal; each row
 * and column is used at most once (min(rows, cols) pairs). Weights must be finite and >= 0.
 *
 * munkres-js subtracts minima repeatedly, which is exact on integers but may not terminate
 * cleanly on arbitrary floats, so non-integer weights are scaled by 1e9 and rounded first
 * (optimum exact up to 1e-9 per cell). Returns pairs sorted by row.
 */
export function maxWeightMatching(weights: readonly (readonly number[])[]): [number, number][] {
  const nRows = weights.length;
  const nCols = nRows > 0 ? weights[0]!.length : 0;
  if (nRows === 0 || nCols === 0) return [];
  let max = 0;
  let integral = true;
  for (const row of weights) {
    if (row.length !== nCols) throw new RangeError("maxWeightMatching: ragged weight matrix");
    for (const w of row) {
      if (!Number.isFinite(w) || w < 0) throw new RangeError(`maxWeightMatching: bad weight ${w}`);
      if (w > max) max = w;
      if (!Number.isInteger(w)) integral = false;
    }
  }
  const scale = integral ? 1 : 1e9 / Math.max(max, 1e-300);
  const top = Math.round(max * scale);
  const cost = weights.map((row) => row.map((w) => top - Math.round(w * scale)));
  const pairs = computeMunkres(cost);
  return pairs.filter(([r, c]) => r < nRows && c < nCols).sort((a, b) => a[0] - b[0]);
}
