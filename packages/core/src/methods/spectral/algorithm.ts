// Spectral biclustering (Kluger, Basri, Chang & Gerstein 2003), checkerboard structure, in the
// variant of scikit-learn's SpectralBiclustering (our cross-check, see spectral.test.ts):
//   1. normalise the (non-negative) matrix: "scale" (A -> R^-1/2 A C^-1/2, R/C the row/column
//      sums), "bistochastic" (scale repeatedly until rows and columns have constant sums) or
//      "log" (L = log A; K = L - row means - column means + overall mean);
//   2. SVD of the normalised matrix; keep `components` singular vector pairs after discarding the
//      first (scale, bistochastic: it is the trivial constant pair; log keeps it);
//   3. among the left (right) singular vectors, the `best` that a piecewise-constant vector fits
//      best: 1-D k-means with the number of row (column) clusters, Euclidean distance to it;
//   4. rows are clustered by k-means of the data projected on the best right singular vectors,
//      columns by k-means of the transposed data projected on the best left ones;
//   5. every (row cluster, column cluster) block is a bicluster: the checkerboard.
// As in scikit-learn, the projection in step 4 uses the input matrix itself, not the normalised one.
// Reference: Kluger Y, Basri R, Chang JT, Gerstein M (2003) Spectral biclustering of microarray
// data: coclustering genes and conditions. Genome Research 13:703-716.
import { Matrix, SVD } from "ml-matrix";
import { KMeans } from "../../cluster/index.ts";
import { InputError } from "../../errors.ts";

export type SpectralNormalisation = "bistochastic" | "scale" | "log";

export interface SpectralOptions {
  rowClusters: number;
  colClusters: number;
  normalisation: SpectralNormalisation;
  /** Singular vector pairs kept after the discarded one (scikit-learn: 6). */
  components: number;
  /** Vectors used to project the data (scikit-learn: 3). */
  best: number;
  /** k-means++ restarts of every k-means (scikit-learn: 10). */
  nInit: number;
  seed: number;
  /** Bistochastic normalisation: at most this many scalings (scikit-learn: 1000) ... */
  maxIterations?: number;
  /** ... or until successive matrices differ by less than this (Frobenius norm; scikit-learn: 1e-5). */
  tolerance?: number;
}

export interface SpectralResult {
  rowLabels: Int32Array;
  colLabels: Int32Array;
  /** Indices (0-based, among the kept vectors) of the best left and right singular vectors. */
  bestLeft: number[];
  bestRight: number[];
  /** Value added so the normalisation saw a non-negative (log: >= 1) matrix; 0 when none. */
  shift: number;
  /** Scalings done by the bistochastic normalisation (null for the others). */
  bistochasticIterations: number | null;
}

/** x + (minValue - min x) when min x < minValue (scikit-learn's make_nonnegative). */
function nonNegative(x: Float64Array, minValue: number): { values: Float64Array; shift: number } {
  let min = Infinity;
  for (const v of x) if (v < min) min = v;
  if (!(min < minValue)) return { values: x, shift: 0 };
  const shift = minValue - min;
  return { values: x.map((v) => v + shift), shift };
}

/** A -> diag(1/sqrt(row sums)) A diag(1/sqrt(column sums)); zero sums give zero factors. */
export function scaleNormalise(x: Float64Array, n: number, m: number): Float64Array {
  const row = new Float64Array(n);
  const col = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = x[i * m + j]!;
      row[i]! += v;
      col[j]! += v;
    }
  }
  const r = row.map((s) => (s > 0 ? 1 / Math.sqrt(s) : 0));
  const c = col.map((s) => (s > 0 ? 1 / Math.sqrt(s) : 0));
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[i * m + j] = r[i]! * x[i * m + j]! * c[j]!;
  return out;
}

/** Repeated scaling until rows sum to one constant and columns to another. */
export function bistochasticNormalise(x: Float64Array, n: number, m: number, maxIterations = 1000, tolerance = 1e-5): { values: Float64Array; iterations: number } {
  let current = x;
  let it = 0;
  while (it < maxIterations) {
    const next = scaleNormalise(current, n, m);
    it++;
    let d = 0;
    for (let i = 0; i < next.length; i++) d += (current[i]! - next[i]!) ** 2;
    current = next;
    if (Math.sqrt(d) < tolerance) break;
  }
  return { values: current, iterations: it };
}

/** Kluger's log-interaction matrix: log A minus row and column means plus the overall mean. */
export function logNormalise(x: Float64Array, n: number, m: number): Float64Array {
  const L = x.map(Math.log);
  const row = new Float64Array(n);
  const col = new Float64Array(m);
  let all = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const v = L[i * m + j]!;
      row[i]! += v / m;
      col[j]! += v / n;
      all += v;
    }
  }
  all /= n * m;
  return L.map((v, idx) => v - row[Math.floor(idx / m)]! - col[idx % m]! + all);
}

/** 1-D k-means fit of each vector; indices of the `best` with the smallest distance (stable). */
function bestPiecewise(vectors: number[][], best: number, clusters: number, nInit: number, seed: number): number[] {
  const dist = vectors.map((v, idx) => {
    const k = Math.min(clusters, new Set(v).size);
    const fit = new KMeans({ k, nInit, seed: seed + idx }).fit(v, 1);
    let s = 0;
    v.forEach((x, i) => (s += (x - fit.centroids[fit.labels[i]!]![0]!) ** 2));
    return Math.sqrt(s);
  });
  return dist
    .map((d, idx) => [d, idx] as const)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, best)
    .map(([, idx]) => idx);
}

/** data (rows x dim, row-major) projected on `vectors` (each of length dim), clustered by k-means. */
function projectAndCluster(data: Float64Array, rows: number, dim: number, vectors: number[][], clusters: number, nInit: number, seed: number): Int32Array {
  const q = vectors.length;
  const projected = new Float64Array(rows * q);
  for (let i = 0; i < rows; i++) {
    for (let v = 0; v < q; v++) {
      const vec = vectors[v]!;
      let s = 0;
      for (let t = 0; t < dim; t++) s += data[i * dim + t]! * vec[t]!;
      projected[i * q + v] = s;
    }
  }
  return new KMeans({ k: clusters, nInit, seed }).fit(projected, q).labels;
}

function transpose(x: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = x[i * m + j]!;
  return out;
}

/** Spectral biclustering of the n x m matrix x (row-major, no missing values). */
export function spectralBiclustering(x: Float64Array, n: number, m: number, o: SpectralOptions): SpectralResult {
  const discard = o.normalisation === "log" ? 0 : 1;
  const nsv = o.components + discard;
  if (nsv > Math.min(n, m)) {
    throw new InputError(`${o.components} singular vectors${discard ? " (plus the discarded first)" : ""} need at least ${nsv} genes and conditions, got ${n} x ${m}`, { field: "components" });
  }
  if (o.rowClusters > n) throw new InputError(`${o.rowClusters} gene clusters for ${n} genes`, { field: "k" });
  if (o.colClusters > m) throw new InputError(`${o.colClusters} condition clusters for ${m} conditions`, { field: "columnClusters" });
  if (o.best > o.components) throw new InputError(`best (${o.best}) must not exceed components (${o.components})`, { field: "best" });

  const { values: positive, shift } = nonNegative(x, o.normalisation === "log" ? 1 : 0);
  let normalised: Float64Array;
  let bistochasticIterations: number | null = null;
  if (o.normalisation === "log") normalised = logNormalise(positive, n, m);
  else if (o.normalisation === "scale") normalised = scaleNormalise(positive, n, m);
  else {
    const b = bistochasticNormalise(positive, n, m, o.maxIterations, o.tolerance);
    normalised = b.values;
    bistochasticIterations = b.iterations;
  }

  const rowsOf = (a: Float64Array, r: number, c: number) => Array.from({ length: r }, (_, i) => Array.from(a.subarray(i * c, i * c + c)));
  const svd = new SVD(new Matrix(rowsOf(normalised, n, m)), { autoTranspose: true });
  const U = svd.leftSingularVectors;
  const V = svd.rightSingularVectors;
  const left: number[][] = [];
  const right: number[][] = [];
  for (let c = discard; c < nsv; c++) {
    left.push(U.getColumn(c));
    right.push(V.getColumn(c));
  }
  const bestLeft = bestPiecewise(left, o.best, o.rowClusters, o.nInit, o.seed);
  const bestRight = bestPiecewise(right, o.best, o.colClusters, o.nInit, o.seed + 1000);
  const rowLabels = projectAndCluster(x, n, m, bestRight.map((i) => right[i]!), o.rowClusters, o.nInit, o.seed + 2000);
  const colLabels = projectAndCluster(transpose(x, n, m), m, n, bestLeft.map((i) => left[i]!), o.colClusters, o.nInit, o.seed + 3000);
  return { rowLabels, colLabels, bestLeft, bestRight, shift, bistochasticIterations };
}

/** The checkerboard: every non-empty (row cluster, column cluster) block, row-cluster major. */
export function checkerboardBlocks(r: SpectralResult, rowClusters: number, colClusters: number): { genes: number[]; conditions: number[]; rowCluster: number; colCluster: number }[] {
  const out = [];
  for (let a = 0; a < rowClusters; a++) {
    const genes: number[] = [];
    r.rowLabels.forEach((l, i) => l === a && genes.push(i));
    for (let b = 0; b < colClusters; b++) {
      const conditions: number[] = [];
      r.colLabels.forEach((l, j) => l === b && conditions.push(j));
      if (genes.length > 0 && conditions.length > 0) out.push({ genes, conditions, rowCluster: a, colCluster: b });
    }
  }
  return out;
}
