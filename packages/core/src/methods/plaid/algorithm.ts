// The plaid model (Lazzeroni & Owen 2002) fitted layer by layer with binary memberships, as in
// Turner, Bailey & Krzanowski 2005 and R's biclust::BCPlaid:
//   Z_ij = (mu_0 + a_i0 + b_j0) + sum_k (mu_k + a_ik + b_jk) rho_ik kappa_jk + e_ij,
// so biclusters (layers) may overlap and their effects add up where they do.
//   - background layer: mu + a_i + b_j fitted on the whole matrix and subtracted;
//   - each new layer, on the residual matrix Z: starting rows (columns) = the smaller of two
//     k-means clusters of the rows (columns) of Z; then `iterLayer` rounds of [effects of the
//     layer by least squares on its cells; rho_i = 1 iff the layer lowers row i's sum of squares
//     over the layer's columns; kappa_j likewise over the layer's rows], stopping early once the
//     memberships repeat; then as many rounds alternating row and column release (pruning): a
//     row stays when its residual mean square per degree of freedom is below (1 - rowRelease)
//     times its raw mean square per degree of freedom (an adjusted R^2 above rowRelease);
//   - significance: the same search on `shuffle` copies of Z with all cells permuted; the
//     layer is kept only when its sum of squares of fitted values beats every permuted one;
//     otherwise (or when the layer is empty) the search ends. Kept layers are subtracted from Z.
// Effects follow the model: "m+a+b" (default), "m+a", "m+b" or "m" (constant layers).
import { KMeans } from "../../cluster/index.ts";
import { CancelledError } from "../../errors.ts";
import type { Rng } from "../../random.ts";

export type PlaidModel = "m+a+b" | "m+a" | "m+b" | "m";

export interface PlaidOptions {
  maxLayers: number;
  model: PlaidModel;
  /** Fit and subtract a background layer first (biclust: TRUE). */
  background: boolean;
  /** Row release threshold in [0, 1] (biclust: 0.7). */
  rowRelease: number;
  /** Column release threshold in [0, 1] (biclust: 0.7). */
  colRelease: number;
  /** Permuted layers of the significance test (biclust: 3; 0 keeps every non-empty layer). */
  shuffle: number;
  /** Lloyd iterations of the two-cluster k-means starts (biclust: 5). */
  iterStartup: number;
  /** Membership update rounds per layer (biclust: 10); as many release rounds follow. */
  iterLayer: number;
  /** Each layer forks `layer/<index>` so a resumed search repeats it exactly. */
  rng: Rng;
  signal?: AbortSignal | undefined;
  onLayer?: (layers: PlaidLayer[]) => void;
  /** Fraction of the current layer's search done. */
  onProgress?: (layerIndex: number, fraction: number) => void;
}

export interface PlaidLayer {
  rows: number[];
  cols: number[];
  mu: number;
  /** Row effects aligned with `rows` (0 when the model has none). */
  rowEffects: number[];
  /** Column effects aligned with `cols`. */
  colEffects: number[];
  /** Sum of squares of the layer's fitted values. */
  ss: number;
  /** The same for each permuted copy. */
  permutedSs: number[];
  /** Memberships stopped changing before the last update round. */
  converged: boolean;
  rowsReleased: number;
  colsReleased: number;
}

interface Effects {
  m: number;
  /** Per row (0 outside the layer). */
  a: Float64Array;
  /** Per column (0 outside the layer). */
  b: Float64Array;
}

function hasRow(model: PlaidModel): boolean {
  return model === "m+a+b" || model === "m+a";
}
function hasCol(model: PlaidModel): boolean {
  return model === "m+a+b" || model === "m+b";
}

function count(x: Uint8Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s;
}

/** Least-squares effects of the layer rows r x columns k: mu = mean, a_i, b_j = row/column means minus mu. */
function fitEffects(Z: Float64Array, n: number, p: number, r: Uint8Array, k: Uint8Array, model: PlaidModel): Effects {
  const a = new Float64Array(n);
  const b = new Float64Array(p);
  const rowSum = new Float64Array(n);
  const colSum = new Float64Array(p);
  let total = 0;
  let nr = 0;
  const nk = count(k);
  for (let i = 0; i < n; i++) {
    if (!r[i]) continue;
    nr++;
    let s = 0;
    for (let j = 0; j < p; j++) {
      if (!k[j]) continue;
      const v = Z[i * p + j]!;
      s += v;
      colSum[j]! += v;
    }
    rowSum[i] = s;
    total += s;
  }
  const m = nr > 0 && nk > 0 ? total / (nr * nk) : 0;
  if (hasRow(model)) for (let i = 0; i < n; i++) if (r[i]) a[i] = rowSum[i]! / nk - m;
  if (hasCol(model)) for (let j = 0; j < p; j++) if (k[j]) b[j] = colSum[j]! / nr - m;
  return { m, a, b };
}

/** Rows whose sum of squares over columns k drops when the layer is subtracted. */
function updateRows(Z: Float64Array, n: number, p: number, k: Uint8Array, e: Effects): Uint8Array {
  const r = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let fit = 0;
    let raw = 0;
    for (let j = 0; j < p; j++) {
      if (!k[j]) continue;
      const z = Z[i * p + j]!;
      const d = z - (e.m + e.a[i]! + e.b[j]!);
      fit += d * d;
      raw += z * z;
    }
    r[i] = fit < raw ? 1 : 0;
  }
  return r;
}

function updateCols(Z: Float64Array, n: number, p: number, r: Uint8Array, e: Effects): Uint8Array {
  const fit = new Float64Array(p);
  const raw = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    if (!r[i]) continue;
    for (let j = 0; j < p; j++) {
      const z = Z[i * p + j]!;
      const d = z - (e.m + e.a[i]! + e.b[j]!);
      fit[j]! += d * d;
      raw[j]! += z * z;
    }
  }
  return Uint8Array.from(fit, (f, j) => (f < raw[j]! ? 1 : 0));
}

/** Release: keep members whose adjusted R^2 within the layer exceeds the threshold. */
function release(Z: Float64Array, n: number, p: number, r: Uint8Array, k: Uint8Array, e: Effects, byRow: boolean, threshold: number, resdf: number, totdf: number): Uint8Array {
  const len = byRow ? n : p;
  const fit = new Float64Array(len);
  const raw = new Float64Array(len);
  for (let i = 0; i < n; i++) {
    if (!r[i]) continue;
    for (let j = 0; j < p; j++) {
      if (!k[j]) continue;
      const z = Z[i * p + j]!;
      const d = z - (e.m + e.a[i]! + e.b[j]!);
      const idx = byRow ? i : j;
      fit[idx]! += d * d;
      raw[idx]! += z * z;
    }
  }
  const members = byRow ? r : k;
  return Uint8Array.from(members, (v, idx) => (v && fit[idx]! / resdf < ((1 - threshold) / totdf) * raw[idx]! ? 1 : 0));
}

/** The smaller of two k-means clusters of the rows (or, transposed, the columns) of Z. */
function kmeansStart(Z: Float64Array, n: number, p: number, transpose: boolean, iterations: number, seed: number): Uint8Array {
  const points = transpose ? p : n;
  const dim = transpose ? n : p;
  if (points < 2) return new Uint8Array(points);
  let data = Z;
  if (transpose) {
    data = new Float64Array(n * p);
    for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) data[j * n + i] = Z[i * p + j]!;
  }
  const labels = new KMeans({ k: 2, nInit: 1, maxIterations: iterations, seed }).fit(data, dim).labels;
  let ones = 0;
  for (const l of labels) ones += l;
  const smaller = ones <= points - ones ? 1 : 0;
  return Uint8Array.from(labels, (l) => (l === smaller ? 1 : 0));
}

function sameMembers(a: Uint8Array | null, b: Uint8Array): boolean {
  if (!a) return false;
  for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface LayerSearch {
  r: Uint8Array;
  k: Uint8Array;
  e: Effects;
  ss: number;
  converged: boolean;
  rowsReleased: number;
  colsReleased: number;
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** One layer search on Z (biclust's updatePlaid for one data set); null when the layer empties. */
function searchLayer(Z: Float64Array, n: number, p: number, o: PlaidOptions, rng: Rng): LayerSearch | null {
  let r = kmeansStart(Z, n, p, false, o.iterStartup, rng.seed32());
  let k = kmeansStart(Z, n, p, true, o.iterStartup, rng.seed32());
  if (count(r) > n / 2) r = r.map((v) => 1 - v);
  if (count(k) > p / 2) k = k.map((v) => 1 - v);
  const extra = Math.round(o.iterLayer / 2) * 2;
  let e = fitEffects(Z, n, p, r, k, o.model);
  let prevR: Uint8Array | null = null;
  let prevK: Uint8Array | null = null;
  let converged = false;
  let nRows = 0;
  let nCols = 0;
  let resdf = 0;
  let totdf = 0;
  for (let j = 0; j <= o.iterLayer + extra; j++) {
    checkSignal(o.signal);
    if (j >= 1 && j <= o.iterLayer) {
      r = updateRows(Z, n, p, k, e);
      if (count(r) === 0) return null;
      k = updateCols(Z, n, p, r, e);
    }
    if (j > o.iterLayer) {
      const rowStep = (j - o.iterLayer) % 2 === 1;
      if (resdf <= 0) return null;
      if (rowStep) r = release(Z, n, p, r, k, e, true, o.rowRelease, resdf, totdf);
      else k = release(Z, n, p, r, k, e, false, o.colRelease, resdf, totdf);
    }
    const n2 = count(r);
    const p2 = count(k);
    if (n2 === 0 || p2 === 0) return null;
    // Skip ahead once the memberships repeat (update rounds: every round; release: after each pair).
    if (j <= o.iterLayer || (j - o.iterLayer) % 2 === 0) {
      if (sameMembers(prevR, r) && sameMembers(prevK, k)) {
        if (j <= o.iterLayer) {
          converged = true;
          j = o.iterLayer;
        } else j = o.iterLayer + extra;
      }
      prevR = r;
      prevK = k;
    }
    if (j === o.iterLayer) {
      nRows = n2;
      nCols = p2;
    }
    if (j >= o.iterLayer) {
      totdf = n2 * p2;
      resdf = totdf - (1 + (hasRow(o.model) ? n2 - 1 : 0) + (hasCol(o.model) ? p2 - 1 : 0));
    }
    e = fitEffects(Z, n, p, r, k, o.model);
  }
  let ss = 0;
  for (let i = 0; i < n; i++) {
    if (!r[i]) continue;
    for (let j = 0; j < p; j++) if (k[j]) ss += (e.m + e.a[i]! + e.b[j]!) ** 2;
  }
  return { r, k, e, ss, converged, rowsReleased: nRows - count(r), colsReleased: nCols - count(k) };
}

function permuted(Z: Float64Array, rng: Rng): Float64Array {
  const out = Float64Array.from(Z);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

function subtractLayer(Z: Float64Array, p: number, layer: PlaidLayer): void {
  layer.rows.forEach((i, ri) => {
    layer.cols.forEach((j, ci) => {
      Z[i * p + j]! -= layer.mu + layer.rowEffects[ri]! + layer.colEffects[ci]!;
    });
  });
}

/** The background layer's fitted values subtracted from a copy of `values`. */
function residualAfterBackground(values: Float64Array, n: number, p: number, o: PlaidOptions): Float64Array {
  const Z = Float64Array.from(values);
  if (!o.background) return Z;
  const e = fitEffects(Z, n, p, new Uint8Array(n).fill(1), new Uint8Array(p).fill(1), "m+a+b");
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) Z[i * p + j]! -= e.m + e.a[i]! + e.b[j]!;
  return Z;
}

/**
 * Fits up to `maxLayers` plaid layers to the n x p matrix `values` (row-major, no missing values).
 * `done` continues an earlier search: its layers are subtracted and the search goes on after them.
 */
export function plaid(values: Float64Array, n: number, p: number, o: PlaidOptions, done: readonly PlaidLayer[] = []): { layers: PlaidLayer[]; stopped: "max-layers" | "empty" | "not-significant" } {
  const Z = residualAfterBackground(values, n, p, o);
  const layers: PlaidLayer[] = [...done];
  for (const l of layers) subtractLayer(Z, p, l);
  while (layers.length < o.maxLayers) {
    const rng = o.rng.fork(`layer/${layers.length}`);
    o.onProgress?.(layers.length, 0);
    const real = searchLayer(Z, n, p, o, rng.fork("real"));
    if (!real) return { layers, stopped: "empty" };
    const permutedSs: number[] = [];
    for (let s = 0; s < o.shuffle; s++) {
      o.onProgress?.(layers.length, (s + 1) / (o.shuffle + 1));
      const shuffledRng = rng.fork(`shuffle/${s}`);
      permutedSs.push(searchLayer(permuted(Z, shuffledRng), n, p, o, shuffledRng)?.ss ?? 0);
    }
    if (permutedSs.some((ss) => ss >= real.ss)) return { layers, stopped: "not-significant" };
    const rows: number[] = [];
    const cols: number[] = [];
    for (let i = 0; i < n; i++) if (real.r[i]) rows.push(i);
    for (let j = 0; j < p; j++) if (real.k[j]) cols.push(j);
    const layer: PlaidLayer = {
      rows,
      cols,
      mu: real.e.m,
      rowEffects: rows.map((i) => real.e.a[i]!),
      colEffects: cols.map((j) => real.e.b[j]!),
      ss: real.ss,
      permutedSs,
      converged: real.converged,
      rowsReleased: real.rowsReleased,
      colsReleased: real.colsReleased,
    };
    subtractLayer(Z, p, layer);
    layers.push(layer);
    o.onLayer?.(layers);
  }
  return { layers, stopped: "max-layers" };
}
