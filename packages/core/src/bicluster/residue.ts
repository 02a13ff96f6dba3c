// Incremental mean squared residue over column subsets for a fixed set of genes.
//
// With column means c_k over the genes (observed cells only), B_ik = a_ik - c_k and, for the current
// column set J, per-row sums n_i, SA_i = sum a_ik, SB_i = sum B_ik, SB2_i = sum B_ik^2 (observed k in J):
//   residue r_ik = B_ik - t_i, t_i = SA_i / n_i - mu, mu = sum SA / N
//   N * H(J) = Q + 2 mu TSB - mu^2 N, Q = sum_i (SB2_i - 2 SA_i SB_i / n_i + SA_i^2 / n_i)
// so H after removing or adding one column costs O(genes), not O(genes x columns). Column means
// do not depend on J, so this is exact (NaN-aware, same definition as metrics/meanSquaredResidue).

/** The genes' rows gathered into a contiguous m x C block, plus the column-centred copy. */
export interface SubMatrix {
  m: number;
  nCols: number;
  a: Float64Array;
  b: Float64Array;
}

export function gatherRows(values: Float64Array, nCols: number, genes: ArrayLike<number>): SubMatrix {
  const m = genes.length;
  const a = new Float64Array(m * nCols);
  const colSum = new Float64Array(nCols);
  const colN = new Float64Array(nCols);
  for (let i = 0; i < m; i++) {
    const src = genes[i]! * nCols;
    const dst = i * nCols;
    for (let k = 0; k < nCols; k++) {
      const v = values[src + k]!;
      a[dst + k] = v;
      if (v === v) {
        colSum[k]! += v;
        colN[k]!++;
      }
    }
  }
  const b = new Float64Array(m * nCols);
  for (let k = 0; k < nCols; k++) colSum[k] = colN[k]! > 0 ? colSum[k]! / colN[k]! : 0;
  for (let p = 0; p < a.length; p++) b[p] = a[p]! - colSum[p % nCols]!;
  return { m, nCols, a, b };
}

function rowQ(n: number, sa: number, sb: number, sb2: number): number {
  return n > 0 ? sb2 - (2 * sa * sb) / n + (sa * sa) / n : 0;
}

function msrFromTotals(q: number, tsa: number, tsb: number, n: number): number {
  if (n <= 0) return Number.NaN;
  const mu = tsa / n;
  return Math.max(0, (q + 2 * mu * tsb - mu * mu * n) / n);
}

/** Per-row sums over the active columns (n, SA, SB, SB2). */
interface RowSums {
  rn: Float64Array;
  rsa: Float64Array;
  rsb: Float64Array;
  rsb2: Float64Array;
}

/** Q, TSA, TSB and N over the columns flagged in `active`; the per-row sums go to `rows` when given. */
function activeSums(sub: SubMatrix, active: Uint8Array, rows?: RowSums): { q: number; tsa: number; tsb: number; tn: number } {
  const { m, nCols, a, b } = sub;
  let q = 0;
  let tsa = 0;
  let tsb = 0;
  let tn = 0;
  for (let i = 0; i < m; i++) {
    let n = 0;
    let sa = 0;
    let sb = 0;
    let sb2 = 0;
    for (let k = 0, o = i * nCols; k < nCols; k++, o++) {
      const v = a[o]!;
      if (active[k] === 0 || v !== v) continue;
      const w = b[o]!;
      n++;
      sa += v;
      sb += w;
      sb2 += w * w;
    }
    if (rows) {
      rows.rn[i] = n;
      rows.rsa[i] = sa;
      rows.rsb[i] = sb;
      rows.rsb2[i] = sb2;
    }
    q += rowQ(n, sa, sb, sb2);
    tsa += sa;
    tsb += sb;
    tn += n;
  }
  return { q, tsa, tsb, tn };
}

/** H for the columns flagged in `active` (1 = in). */
export function msrOfColumns(sub: SubMatrix, active: Uint8Array): number {
  const { q, tsa, tsb, tn } = activeSums(sub, active);
  return msrFromTotals(q, tsa, tsb, tn);
}

export interface GreedyPath {
  /** Columns in the order they were removed (first = least coherent). */
  removed: number[];
  /** msr[s] = H with s columns left, for s from nCols down to minConditions (NaN elsewhere). */
  msr: Float64Array;
}

/**
 * Cheng & Church single node deletion on columns, exact version: at each step remove the column
 * whose removal gives the lowest H, down to `minConditions` columns. O(m C^2).
 */
export function greedyColumnPath(sub: SubMatrix, minConditions: number): GreedyPath {
  const { m, nCols, a, b } = sub;
  const active = new Uint8Array(nCols).fill(1);
  const msr = new Float64Array(nCols + 1).fill(Number.NaN);
  const removed: number[] = [];
  const rn = new Float64Array(m);
  const rsa = new Float64Array(m);
  const rsb = new Float64Array(m);
  const rsb2 = new Float64Array(m);
  const cSA = new Float64Array(nCols);
  const cSB = new Float64Array(nCols);
  const cN = new Float64Array(nCols);
  const dq = new Float64Array(nCols);
  for (let s = nCols; ; s--) {
    // Row and column totals over the active columns.
    let q = 0;
    let tsa = 0;
    let tsb = 0;
    let tn = 0;
    cSA.fill(0);
    cSB.fill(0);
    cN.fill(0);
    for (let i = 0; i < m; i++) {
      let n = 0;
      let sa = 0;
      let sb = 0;
      let sb2 = 0;
      for (let k = 0, o = i * nCols; k < nCols; k++, o++) {
        const v = a[o]!;
        if (active[k] === 0 || v !== v) continue;
        const w = b[o]!;
        n++;
        sa += v;
        sb += w;
        sb2 += w * w;
        cSA[k]! += v;
        cSB[k]! += w;
        cN[k]!++;
      }
      rn[i] = n;
      rsa[i] = sa;
      rsb[i] = sb;
      rsb2[i] = sb2;
      q += rowQ(n, sa, sb, sb2);
      tsa += sa;
      tsb += sb;
      tn += n;
    }
    msr[s] = msrFromTotals(q, tsa, tsb, tn);
    if (s <= minConditions) break;
    // Change of Q when each active column is dropped.
    dq.fill(0);
    for (let i = 0; i < m; i++) {
      const n = rn[i]!;
      const sa = rsa[i]!;
      const sb = rsb[i]!;
      const sb2 = rsb2[i]!;
      const q0 = rowQ(n, sa, sb, sb2);
      for (let k = 0, o = i * nCols; k < nCols; k++, o++) {
        const v = a[o]!;
        if (active[k] === 0 || v !== v) continue;
        const w = b[o]!;
        dq[k]! += rowQ(n - 1, sa - v, sb - w, sb2 - w * w) - q0;
      }
    }
    let best = -1;
    let bestH = Infinity;
    for (let k = 0; k < nCols; k++) {
      if (active[k] === 0) continue;
      const h = msrFromTotals(q + dq[k]!, tsa - cSA[k]!, tsb - cSB[k]!, tn - cN[k]!);
      const hh = Number.isNaN(h) ? Infinity : h;
      if (best < 0 || hh < bestH) {
        best = k;
        bestH = hh;
      }
    }
    active[best] = 0;
    removed.push(best);
  }
  return { removed, msr };
}

/** Per-window tables, indexed [start * (C + 1) + len]; NaN where len < minLen. */
export interface WindowStats {
  /** H of the window. */
  msr: Float64Array;
  /** Observed cells in the window. */
  nIn: Float64Array;
  /** Mean squared residue of the cells OUTSIDE the window under the window's row model (see splitStats). */
  outMsr: Float64Array;
  /** Observed cells outside the window. */
  nOut: Float64Array;
}

/** windowStats for every contiguous window [start, start + len) with len >= minLen, in O(m C^2). */
export function windowStats(sub: SubMatrix, minLen: number): WindowStats {
  const { m, nCols, a, b } = sub;
  const size = nCols * (nCols + 1);
  const res: WindowStats = {
    msr: new Float64Array(size).fill(Number.NaN),
    nIn: new Float64Array(size).fill(Number.NaN),
    outMsr: new Float64Array(size).fill(Number.NaN),
    nOut: new Float64Array(size).fill(Number.NaN),
  };
  const tot = rowTotals(sub);
  const rn = new Float64Array(m);
  const rsa = new Float64Array(m);
  const rsb = new Float64Array(m);
  const rsb2 = new Float64Array(m);
  for (let start = 0; start + minLen <= nCols; start++) {
    rn.fill(0);
    rsa.fill(0);
    rsb.fill(0);
    rsb2.fill(0);
    let q = 0;
    let tsa = 0;
    let tsb = 0;
    let tn = 0;
    for (let end = start; end < nCols; end++) {
      for (let i = 0; i < m; i++) {
        const o = i * nCols + end;
        const v = a[o]!;
        if (v !== v) continue;
        const w = b[o]!;
        const before = rowQ(rn[i]!, rsa[i]!, rsb[i]!, rsb2[i]!);
        rn[i]!++;
        rsa[i]! += v;
        rsb[i]! += w;
        rsb2[i]! += w * w;
        q += rowQ(rn[i]!, rsa[i]!, rsb[i]!, rsb2[i]!) - before;
        tsa += v;
        tsb += w;
        tn++;
      }
      const len = end - start + 1;
      if (len < minLen) continue;
      const at = start * (nCols + 1) + len;
      res.msr[at] = msrFromTotals(q, tsa, tsb, tn);
      res.nIn[at] = tn;
      const out = outResidue(tot, rn, rsa, rsb, rsb2, tn > 0 ? tsa / tn : 0);
      res.outMsr[at] = out.n > 0 ? out.ss / out.n : Number.NaN;
      res.nOut[at] = out.n;
    }
  }
  return res;
}

interface RowTotals {
  n: Float64Array;
  sb: Float64Array;
  sb2: Float64Array;
}

function rowTotals(sub: SubMatrix): RowTotals {
  const { m, nCols, b } = sub;
  const t: RowTotals = { n: new Float64Array(m), sb: new Float64Array(m), sb2: new Float64Array(m) };
  for (let i = 0; i < m; i++) {
    for (let k = 0, o = i * nCols; k < nCols; k++, o++) {
      const w = b[o]!;
      if (w !== w) continue;
      t.n[i]!++;
      t.sb[i]! += w;
      t.sb2[i]! += w * w;
    }
  }
  return t;
}

/**
 * Sum of squared residues of the cells outside the in-set, using the in-set's row model
 * (r_ik = B_ik - t_i, t_i = in-row mean - in-overall mean), from row totals minus in-set sums.
 */
function outResidue(
  tot: RowTotals,
  rn: Float64Array,
  rsa: Float64Array,
  rsb: Float64Array,
  rsb2: Float64Array,
  mu: number,
): { ss: number; n: number } {
  let ss = 0;
  let n = 0;
  for (let i = 0; i < rn.length; i++) {
    const nIn = rn[i]!;
    const nOut = tot.n[i]! - nIn;
    if (nIn === 0 || nOut === 0) continue;
    const t = rsa[i]! / nIn - mu;
    ss += tot.sb2[i]! - rsb2[i]! - 2 * t * (tot.sb[i]! - rsb[i]!) + nOut * t * t;
    n += nOut;
  }
  return { ss: Math.max(0, ss), n };
}

/** In-set H and out-of-set residues (under the in-set's row model) with their observed cell counts. */
export function splitStats(sub: SubMatrix, active: Uint8Array): { msr: number; nIn: number; outMsr: number; nOut: number } {
  const { m } = sub;
  const rows: RowSums = { rn: new Float64Array(m), rsa: new Float64Array(m), rsb: new Float64Array(m), rsb2: new Float64Array(m) };
  const { q, tsa, tsb, tn } = activeSums(sub, active, rows);
  const { rn, rsa, rsb, rsb2 } = rows;
  const out = outResidue(rowTotals(sub), rn, rsa, rsb, rsb2, tn > 0 ? tsa / tn : 0);
  return { msr: msrFromTotals(q, tsa, tsb, tn), nIn: tn, outMsr: out.n > 0 ? out.ss / out.n : Number.NaN, nOut: out.n };
}

/** Mean squared residue of each row over the active columns (NaN when a row has no observed cell). */
export function rowResidues(sub: SubMatrix, active: Uint8Array): Float64Array {
  const { m, nCols, a } = sub;
  // Column means, row means and overall mean over the active columns, as in the MSR definition.
  const colSum = new Float64Array(nCols);
  const colN = new Float64Array(nCols);
  const rowMean = new Float64Array(m);
  const rowN = new Float64Array(m);
  let total = 0;
  let count = 0;
  for (let i = 0; i < m; i++) {
    let s = 0;
    let n = 0;
    for (let k = 0, o = i * nCols; k < nCols; k++, o++) {
      const v = a[o]!;
      if (active[k] === 0 || v !== v) continue;
      s += v;
      n++;
      colSum[k]! += v;
      colN[k]!++;
    }
    rowMean[i] = n > 0 ? s / n : 0;
    rowN[i] = n;
    total += s;
    count += n;
  }
  const mu = count > 0 ? total / count : 0;
  for (let k = 0; k < nCols; k++) colSum[k] = colN[k]! > 0 ? colSum[k]! / colN[k]! : 0;
  const out = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let s = 0;
    for (let k = 0, o = i * nCols; k < nCols; k++, o++) {
      const v = a[o]!;
      if (active[k] === 0 || v !== v) continue;
      const r = v - rowMean[i]! - colSum[k]! + mu;
      s += r * r;
    }
    out[i] = rowN[i]! > 0 ? s / rowN[i]! : Number.NaN;
  }
  return out;
}
