// Mean squared residue H(I, J) of Cheng & Church (2000), NaN-aware.
import { InputError } from "../errors.ts";

/**
 * H(I,J) = mean over cells (i,j) of (a_ij - a_iJ - a_Ij + a_IJ)^2 for the submatrix rows x cols of
 * a row-major matrix with `nCols` columns. NaN cells are missing: they are skipped, and the row,
 * column and overall means are means over the observed cells only (so with missing values the
 * residues no longer sum to zero per row; this is the usual approximation). Returns NaN when the
 * submatrix has no observed cell. Lower is more coherent; 0 for a purely additive submatrix.
 */
export function meanSquaredResidue(
  values: Float64Array,
  nCols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
): number {
  if (!Number.isInteger(nCols) || nCols < 1 || values.length % nCols !== 0) {
    throw new InputError(`nCols ${nCols} does not divide values.length ${values.length}`, { field: "nCols" });
  }
  const nRows = values.length / nCols;
  const nI = rows.length;
  const nJ = cols.length;
  for (let a = 0; a < nI; a++) {
    const r = rows[a]!;
    if (!(r >= 0 && r < nRows)) throw new InputError(`row index ${r} out of range`, { field: "rows" });
  }
  for (let b = 0; b < nJ; b++) {
    const c = cols[b]!;
    if (!(c >= 0 && c < nCols)) throw new InputError(`column index ${c} out of range`, { field: "cols" });
  }
  const rowMean = new Float64Array(nI);
  const colSum = new Float64Array(nJ);
  const colN = new Float64Array(nJ);
  let total = 0;
  let count = 0;
  for (let a = 0; a < nI; a++) {
    const o = rows[a]! * nCols;
    let s = 0;
    let cnt = 0;
    for (let b = 0; b < nJ; b++) {
      const v = values[o + cols[b]!]!;
      if (v !== v) continue;
      s += v;
      cnt++;
      colSum[b]! += v;
      colN[b]!++;
    }
    rowMean[a] = cnt > 0 ? s / cnt : 0;
    total += s;
    count += cnt;
  }
  if (count === 0) return Number.NaN;
  const all = total / count;
  for (let b = 0; b < nJ; b++) colSum[b] = colN[b]! > 0 ? colSum[b]! / colN[b]! : 0;
  let sq = 0;
  for (let a = 0; a < nI; a++) {
    const o = rows[a]! * nCols;
    const base = all - rowMean[a]!;
    for (let b = 0; b < nJ; b++) {
      const v = values[o + cols[b]!]!;
      if (v !== v) continue;
      const r = v + base - colSum[b]!;
      sq += r * r;
    }
  }
  return sq / count;
}
