// Cheng & Church (2000) delta-biclusters, the classic reference of biclustering benchmarks.
//
// Mean squared residue of a submatrix (I, J): H = mean over cells of
// (a_ij - a_iJ - a_Ij + a_IJ)^2, with row means a_iJ, column means a_Ij and overall mean a_IJ;
// d(i) and d(j) are the means of the squared residues of row i and column j. For each bicluster
// (Algorithm 4 of the paper), starting from the whole masked matrix A':
//   1. multiple node deletion (Algorithm 2): while H > delta, drop every row with d(i) > alpha H,
//      recompute, drop every column with d(j) > alpha H; only along a dimension with more than
//      `multipleDeletionMin` (paper: 100) nodes; ends when a pass removes nothing;
//   2. single node deletion (Algorithm 1): while H > delta, drop the row or column with the
//      largest d (never below 2 rows or 2 columns; if H is still > delta the search ends);
//   3. node addition (Algorithm 3) on the ORIGINAL matrix A: add columns with d(j) <= H,
//      recompute, add rows with d(i) <= H and, optionally, "inverted" rows whose mirror image
//      fits (d'(i) of -a_ij + a_iJ - a_Ij + a_IJ <= H), repeated until nothing is added;
//   4. the bicluster's cells of A' are replaced by random values uniform over the range of A,
//      so the next search does not find it again.
// Reference: Cheng Y, Church GM. Biclustering of expression data. ISMB 2000:93-103.
// (R's biclust::BCCC follows the same algorithm; it adds nodes on the masked matrix, we follow
// the paper and add on the original.)
import { CancelledError } from "../../errors.ts";
import type { Rng } from "../../random.ts";

export interface ChengChurchOptions {
  /** MSR threshold delta (absolute, in the units of the data). */
  delta: number;
  /** Multiple node deletion threshold alpha > 1 (paper: 1.2). */
  alpha: number;
  /** Number of biclusters to find. */
  count: number;
  /** Multiple node deletion runs along a dimension only while it has more nodes than this (paper: 100). */
  multipleDeletionMin: number;
  /** Node addition may add inverted (mirror-image) rows (paper: yes). */
  invertedRows: boolean;
  /** Masks; one fork per bicluster (`mask/<index>`) so a resumed search reproduces them. */
  rng: Rng;
  signal?: AbortSignal | undefined;
  /** Called after each bicluster with the number found so far. */
  onBicluster?: (found: ChengChurchBicluster[]) => void;
}

export interface ChengChurchBicluster {
  rows: number[];
  cols: number[];
  /** Rows added inverted by node addition (a subset of rows). */
  invertedRows: number[];
  /** H on the original matrix, inverted rows mirrored. */
  msr: number;
}

interface Residues {
  H: number;
  rowMean: Float64Array;
  colMean: Float64Array;
  all: number;
  /** d(i), aligned with rows. */
  rowScore: Float64Array;
  /** d(j), aligned with cols. */
  colScore: Float64Array;
}

/** Residue statistics of rows x cols of the row-major matrix `a` (m columns); sign flips rows. */
export function residues(a: Float64Array, m: number, rows: readonly number[], cols: readonly number[], sign?: Int8Array): Residues {
  const nI = rows.length;
  const nJ = cols.length;
  const rowMean = new Float64Array(nI);
  const colMean = new Float64Array(nJ);
  let all = 0;
  for (let r = 0; r < nI; r++) {
    const o = rows[r]! * m;
    const s = sign ? sign[rows[r]!]! : 1;
    let sum = 0;
    for (let c = 0; c < nJ; c++) {
      const v = s * a[o + cols[c]!]!;
      sum += v;
      colMean[c]! += v;
    }
    rowMean[r] = sum / nJ;
    all += sum;
  }
  for (let c = 0; c < nJ; c++) colMean[c]! /= nI;
  all /= nI * nJ;
  const rowScore = new Float64Array(nI);
  const colScore = new Float64Array(nJ);
  let total = 0;
  for (let r = 0; r < nI; r++) {
    const o = rows[r]! * m;
    const s = sign ? sign[rows[r]!]! : 1;
    const base = all - rowMean[r]!;
    let rs = 0;
    for (let c = 0; c < nJ; c++) {
      const e = s * a[o + cols[c]!]! + base - colMean[c]!;
      const e2 = e * e;
      rs += e2;
      colScore[c]! += e2;
    }
    rowScore[r] = rs / nJ;
    total += rs;
  }
  for (let c = 0; c < nJ; c++) colScore[c]! /= nI;
  return { H: total / (nI * nJ), rowMean, colMean, all, rowScore, colScore };
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Algorithm 2: multiple node deletion on `a`. */
function multipleDeletion(a: Float64Array, m: number, block: { rows: number[]; cols: number[] }, o: ChengChurchOptions): void {
  for (;;) {
    checkSignal(o.signal);
    let s = residues(a, m, block.rows, block.cols);
    if (s.H <= o.delta) return;
    let removed = false;
    if (block.rows.length > o.multipleDeletionMin) {
      const cut = o.alpha * s.H;
      const keep = block.rows.filter((_, r) => s.rowScore[r]! <= cut);
      if (keep.length < block.rows.length && keep.length >= 2) {
        block.rows = keep;
        removed = true;
        s = residues(a, m, block.rows, block.cols);
      }
    }
    if (block.cols.length > o.multipleDeletionMin) {
      const cut = o.alpha * s.H;
      const keep = block.cols.filter((_, c) => s.colScore[c]! <= cut);
      if (keep.length < block.cols.length && keep.length >= 2) {
        block.cols = keep;
        removed = true;
      }
    }
    if (!removed) return;
  }
}

/** Algorithm 1: single node deletion; false when H cannot reach delta with >= 2 rows and columns. */
function singleDeletion(a: Float64Array, m: number, block: { rows: number[]; cols: number[] }, o: ChengChurchOptions): boolean {
  for (let step = 0; ; step++) {
    if (step % 64 === 0) checkSignal(o.signal);
    const s = residues(a, m, block.rows, block.cols);
    if (s.H <= o.delta) return true;
    let bestRow = -1;
    let bestCol = -1;
    if (block.rows.length > 2) for (let r = 0; r < block.rows.length; r++) if (bestRow < 0 || s.rowScore[r]! > s.rowScore[bestRow]!) bestRow = r;
    if (block.cols.length > 2) for (let c = 0; c < block.cols.length; c++) if (bestCol < 0 || s.colScore[c]! > s.colScore[bestCol]!) bestCol = c;
    if (bestRow < 0 && bestCol < 0) return false;
    if (bestCol < 0 || (bestRow >= 0 && s.rowScore[bestRow]! > s.colScore[bestCol]!)) block.rows.splice(bestRow, 1);
    else block.cols.splice(bestCol, 1);
  }
}

/** Algorithm 3: node addition on the original matrix, until nothing is added. */
function nodeAddition(
  a: Float64Array,
  n: number,
  m: number,
  block: { rows: number[]; cols: number[] },
  o: ChengChurchOptions,
): { sign: Int8Array; inverted: number[] } {
  const sign = new Int8Array(n).fill(1);
  const inRow = new Uint8Array(n);
  const inCol = new Uint8Array(m);
  for (const r of block.rows) inRow[r] = 1;
  for (const c of block.cols) inCol[c] = 1;
  const inverted: number[] = [];
  for (let pass = 0; pass < n + m; pass++) {
    checkSignal(o.signal);
    let added = 0;
    let s = residues(a, m, block.rows, block.cols, sign);
    // Columns: the column's mean over I, then its mean squared residue against the block.
    const newCols: number[] = [];
    for (let j = 0; j < m; j++) {
      if (inCol[j]) continue;
      let cm = 0;
      for (const r of block.rows) cm += sign[r]! * a[r * m + j]!;
      cm /= block.rows.length;
      let d = 0;
      block.rows.forEach((r, idx) => {
        const e = sign[r]! * a[r * m + j]! - s.rowMean[idx]! - cm + s.all;
        d += e * e;
      });
      if (d / block.rows.length <= s.H) newCols.push(j);
    }
    if (newCols.length > 0) {
      for (const j of newCols) inCol[j] = 1;
      block.cols = [...block.cols, ...newCols].sort((x, y) => x - y);
      added += newCols.length;
      s = residues(a, m, block.rows, block.cols, sign);
    }
    // Rows, then inverted rows, against the same statistics.
    const nJ = block.cols.length;
    const newRows: number[] = [];
    for (let i = 0; i < n; i++) {
      if (inRow[i]) continue;
      const o2 = i * m;
      let rm = 0;
      for (const c of block.cols) rm += a[o2 + c]!;
      rm /= nJ;
      let d = 0;
      let dInv = 0;
      for (let c = 0; c < nJ; c++) {
        const v = a[o2 + block.cols[c]!]!;
        const e = v - rm - s.colMean[c]! + s.all;
        const f = -v + rm - s.colMean[c]! + s.all;
        d += e * e;
        dInv += f * f;
      }
      if (d / nJ <= s.H) newRows.push(i);
      else if (o.invertedRows && dInv / nJ <= s.H) {
        sign[i] = -1;
        inverted.push(i);
        newRows.push(i);
      }
    }
    if (newRows.length > 0) {
      for (const i of newRows) inRow[i] = 1;
      block.rows = [...block.rows, ...newRows].sort((x, y) => x - y);
      added += newRows.length;
    }
    if (added === 0) break;
  }
  return { sign, inverted: inverted.sort((x, y) => x - y) };
}

/** Replaces the block's cells of `masked` by values uniform in [lo, hi]. */
export function maskBlock(masked: Float64Array, m: number, b: { rows: readonly number[]; cols: readonly number[] }, lo: number, hi: number, rng: Rng): void {
  for (const r of b.rows) for (const c of b.cols) masked[r * m + c] = lo + (hi - lo) * rng.next();
}

function range(a: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of a) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}

/**
 * Finds up to `count` delta-biclusters in the n x m matrix `a` (row-major, no missing values).
 * `done` continues an earlier search: its biclusters are masked again (same random values) and
 * the search resumes after them. Stops early when no delta-bicluster of at least 2 x 2 remains.
 */
export function chengChurch(a: Float64Array, n: number, m: number, o: ChengChurchOptions, done: readonly ChengChurchBicluster[] = []): ChengChurchBicluster[] {
  const [lo, hi] = range(a);
  const masked = Float64Array.from(a);
  const found: ChengChurchBicluster[] = [...done];
  found.forEach((b, idx) => maskBlock(masked, m, b, lo, hi, o.rng.fork(`mask/${idx}`)));
  while (found.length < o.count) {
    const block = { rows: Array.from({ length: n }, (_, i) => i), cols: Array.from({ length: m }, (_, j) => j) };
    multipleDeletion(masked, m, block, o);
    if (!singleDeletion(masked, m, block, o)) break;
    const { sign, inverted } = nodeAddition(a, n, m, block, o);
    const msr = residues(a, m, block.rows, block.cols, sign).H;
    const b: ChengChurchBicluster = { rows: block.rows, cols: block.cols, invertedRows: inverted, msr };
    maskBlock(masked, m, b, lo, hi, o.rng.fork(`mask/${found.length}`));
    found.push(b);
    o.onBicluster?.(found);
  }
  return found;
}

/** MSR of the whole matrix (the scale of a relative delta). */
export function matrixMsr(a: Float64Array, n: number, m: number): number {
  return residues(a, m, Array.from({ length: n }, (_, i) => i), Array.from({ length: m }, (_, j) => j)).H;
}
