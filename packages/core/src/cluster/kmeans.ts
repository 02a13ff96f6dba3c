// k-means over ml-kmeans (k-means++ init, seeded), estimator style, with warm starts and restarts.
import { kmeans } from "ml-kmeans";
import { InputError, NotFittedError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";

export interface KMeansOptions {
  /** Number of clusters. Required. */
  k: number;
  /** Seed of the k-means++ initialisation. Default 0. */
  seed: number;
  /** Restarts from different k-means++ seeds; the lowest inertia wins (ignored with initialCentroids). Default 10 (3 merged two planted clusters on 2 of 3 test datasets; 10 did not). */
  nInit: number;
  /** Lloyd iterations per run. Default 100. */
  maxIterations: number;
  /** Convergence tolerance on centroid movement. Default 1e-6. */
  tolerance: number;
  /**
   * With more points than this, the nInit restarts run on a seeded sample of this many points and
   * the best centroids then seed one run on all points (restarts on 20,000 x 114 would take minutes;
   * the sample finds the same basin). Default 3000.
   */
  restartSample: number;
  /** Warm start: k centroids of dimension `dim` (e.g. the previous clusters' means). Default none. */
  initialCentroids?: number[][];
  /**
   * A fixed "background" centroid (e.g. the features of a flat profile). When given, points
   * closer to it than to every cluster centroid get label -1 and it never moves ("k-means with a
   * noise cluster"): genes without a pattern do not pull the K centroids towards the middle nor
   * make k-means merge two real clusters to give the noise its own cluster. k-means++ then starts
   * with this centroid already chosen, so the first real centres are the points farthest from it.
   * Lloyd iterations are our own in this mode (ml-kmeans cannot hold a centroid fixed). Default none.
   */
  nullCentroid?: number[];
}

export const KMEANS_DEFAULTS = Object.freeze({ seed: 0, nInit: 10, restartSample: 3000, maxIterations: 100, tolerance: 1e-6 });

export interface KMeansFit {
  /** Cluster per point; -1 = nearest to the null centroid (only with nullCentroid). */
  labels: Int32Array;
  centroids: number[][];
  /** Sum of squared distances of points to their centroid. */
  inertia: number;
  iterations: number;
  converged: boolean;
}

export interface KMeansJson {
  name: "KMeans";
  version: 1;
  options: KMeansOptions;
  centroids: number[][] | null;
}

/** Row-major float data -> rows as number[][] (what ml-kmeans takes). */
export function toRows(data: ArrayLike<number>, dim: number): number[][] {
  if (!Number.isInteger(dim) || dim < 1 || data.length % dim !== 0) {
    throw new InputError(`data length ${data.length} is not a multiple of dim ${dim}`, { field: "dim" });
  }
  const n = data.length / dim;
  const rows: number[][] = new Array<number[]>(n);
  for (let i = 0; i < n; i++) {
    const r = new Array<number>(dim);
    for (let j = 0; j < dim; j++) r[j] = data[i * dim + j]!;
    rows[i] = r;
  }
  return rows;
}

/** Points as one row-major Float64Array (typed loops; the same values and order of addition as number[][]). */
interface Points {
  data: Float64Array;
  n: number;
  dim: number;
}

function toPoints(data: ArrayLike<number>, dim: number): Points {
  if (!Number.isInteger(dim) || dim < 1 || data.length % dim !== 0) {
    throw new InputError(`data length ${data.length} is not a multiple of dim ${dim}`, { field: "dim" });
  }
  return { data: Float64Array.from(data), n: data.length / dim, dim };
}

function subsetPoints(p: Points, idx: readonly number[]): Points {
  const data = new Float64Array(idx.length * p.dim);
  idx.forEach((i, a) => data.set(p.data.subarray(i * p.dim, (i + 1) * p.dim), a * p.dim));
  return { data, n: idx.length, dim: p.dim };
}

function rowsOf(flat: Float64Array, dim: number): number[][] {
  return Array.from({ length: flat.length / dim }, (_, c) => Array.from(flat.subarray(c * dim, (c + 1) * dim)));
}

/**
 * Squared distance of row i of a to row c of b, or any value >= `bound` once the partial sum
 * reaches it. The terms are non-negative, so a sum cut short could only have grown: callers that
 * keep the smaller of this and `bound` get exactly what the full sum gives.
 */
function sqDistBelow(a: Float64Array, i: number, b: Float64Array, c: number, dim: number, bound: number): number {
  let s = 0;
  const ai = i * dim;
  const bi = c * dim;
  let j = 0;
  while (j < dim) {
    const end = Math.min(dim, j + 8);
    for (; j < end; j++) {
      const d = a[ai + j]! - b[bi + j]!;
      s += d * d;
    }
    if (s >= bound) return s;
  }
  return s;
}

function sqDist(a: Float64Array, i: number, b: Float64Array, c: number, dim: number): number {
  return sqDistBelow(a, i, b, c, dim, Infinity);
}

/** Means of the points of each label 0..k-1 (labels < 0 ignored); null for an empty label. */
export function clusterMeans(data: ArrayLike<number>, dim: number, labels: ArrayLike<number>, k: number): (number[] | null)[] {
  const sums = Array.from({ length: k }, () => new Float64Array(dim));
  const counts = new Int32Array(k);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l < 0 || l >= k) continue;
    counts[l]!++;
    const s = sums[l]!;
    for (let j = 0; j < dim; j++) s[j]! += data[i * dim + j]!;
  }
  return sums.map((s, c) => (counts[c]! > 0 ? Array.from(s, (v) => v / counts[c]!) : null));
}

/**
 * Nearest centroid of each point and the total squared distance. With a null (background)
 * centroid, points closer to it than to every centroid get label -1. Ties go to the null
 * centroid, then to the lower index.
 *
 * `hint` (e.g. the previous iteration's labels) only makes it faster: the distance to the hinted
 * centroid h is computed first and bounds every other sum, which stops as soon as it exceeds that
 * bound (strictly for c < h, which would win a tie; at equality for c > h). A cut-short sum means
 * "not nearest", so the labels and distances are exactly those of the full scan.
 */
function nearest(p: Points, centroids: Float64Array, nullC?: Float64Array, hint?: Int32Array): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(p.n);
  const scratch = new Float64Array(2);
  let inertia = 0;
  for (let i = 0; i < p.n; i++) {
    labels[i] = nearestOne(p, i, centroids, nullC, hint ? hint[i]! : -1, scratch);
    inertia += scratch[0]!;
  }
  return { labels, inertia };
}

/**
 * nearest() for point i: returns its label; scratch[0] = its squared distance, scratch[1] = a
 * lower bound of the squared distance to every other candidate (the smallest of their sums,
 * complete or cut short: a cut-short sum is below the full one).
 */
function nearestOne(p: Points, i: number, centroids: Float64Array, nullC: Float64Array | undefined, h: number, scratch: Float64Array): number {
  const { dim, data } = p;
  const k = centroids.length / dim;
  let best = nullC ? -1 : 0;
  let bestD = nullC ? sqDist(data, i, nullC, 0, dim) : Infinity;
  let second = Infinity;
  const dh = h >= 0 ? sqDistBelow(data, i, centroids, h, dim, bestD) : Infinity;
  for (let c = 0; c < k; c++) {
    let d: number;
    if (c === h) d = dh;
    else if (c < h) {
      // must beat bestD and not lose to h: stop once s >= bestD or s > dh
      d = sqDistBelow(data, i, centroids, c, dim, Math.min(bestD, nextUp(dh)));
      if (d > dh) {
        second = Math.min(second, d);
        continue;
      }
    } else d = sqDistBelow(data, i, centroids, c, dim, bestD);
    if (d < bestD) {
      second = Math.min(second, bestD);
      bestD = d;
      best = c;
    } else second = Math.min(second, d);
  }
  scratch[0] = bestD;
  scratch[1] = second;
  return best;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
/** The smallest double above x (x finite and >= 0), so that "s >= nextUp(x)" means "s > x". */
function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  f64[0] = x;
  u64[0]! += 1n;
  return f64[0]!;
}

/** k-means++ seeding (D^2 sampling) with the null centroid counted as already chosen. */
function kmeansppWithNull(p: Points, k: number, nullC: Float64Array, rng: Rng): Float64Array {
  const { n, dim, data } = p;
  const d2 = new Float64Array(n);
  for (let i = 0; i < n; i++) d2[i] = sqDist(data, i, nullC, 0, dim);
  const centres = new Float64Array(k * dim);
  for (let c = 0; c < k; c++) {
    let total = 0;
    for (const v of d2) total += v;
    let pick = n - 1;
    if (total > 0) {
      let u = rng.next() * total;
      for (let i = 0; i < n; i++) {
        u -= d2[i]!;
        if (u < 0) {
          pick = i;
          break;
        }
      }
    } else pick = rng.int(n);
    centres.set(data.subarray(pick * dim, (pick + 1) * dim), c * dim);
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i]!, sqDistBelow(data, i, centres, c, dim, d2[i]!));
  }
  return centres;
}

/** Relative safety margin of the bounds below against rounding (distances carry ~1e-16 relative error). */
const BOUND_MARGIN = 1e-9;

/**
 * Lloyd iterations with a fixed null centroid; an emptied cluster keeps its previous centre.
 * Assignment with Hamerly-style lower bounds: each point keeps a lower bound of its distance to
 * every centroid but its own, lowered by the largest centroid move of each iteration. When its
 * exact distance to its own centroid is below that bound (with a margin), no other centroid can
 * be as close, so the scan is skipped: labels and inertia are exactly those of a full scan.
 */
function lloydWithNull(p: Points, k: number, nullC: Float64Array, init: Float64Array, maxIterations: number, tolerance: number): KMeansFit {
  const { n, dim, data } = p;
  let centroids = Float64Array.from(init);
  const labels = new Int32Array(n);
  const lower = new Float64Array(n); // lower bound of the distance (not squared) to the other candidates
  const scratch = new Float64Array(2);
  let inertia = 0;
  let iterations = 0;
  let converged = false;
  let moved = Infinity; // largest centroid move of the last update (not squared)
  const sums = new Float64Array(k * dim);
  const counts = new Int32Array(k);
  const assign = () => {
    inertia = 0;
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(moved)) {
        lower[i] = lower[i]! - moved;
        const l = labels[i]!;
        const d = l < 0 ? sqDist(data, i, nullC, 0, dim) : sqDist(data, i, centroids, l, dim);
        if (Math.sqrt(d) * (1 + BOUND_MARGIN) < lower[i]! * (1 - BOUND_MARGIN)) {
          inertia += d;
          continue;
        }
      }
      labels[i] = nearestOne(p, i, centroids, nullC, Number.isFinite(moved) ? labels[i]! : -1, scratch);
      inertia += scratch[0]!;
      lower[i] = Math.sqrt(scratch[1]!);
    }
  };
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    assign();
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const l = labels[i]!;
      if (l < 0) continue;
      counts[l]!++;
      const at = l * dim;
      const r = i * dim;
      for (let j = 0; j < dim; j++) sums[at + j]! += data[r + j]!;
    }
    const next = new Float64Array(k * dim);
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < dim; j++) next[c * dim + j] = counts[c]! > 0 ? sums[c * dim + j]! / counts[c]! : centroids[c * dim + j]!;
    }
    let shift = 0;
    for (let c = 0; c < k; c++) shift = Math.max(shift, sqDist(next, c, centroids, c, dim));
    centroids = next;
    moved = Math.sqrt(shift);
    if (shift <= tolerance) {
      converged = true;
      break;
    }
  }
  assign();
  return { labels: Int32Array.from(labels), centroids: rowsOf(centroids, dim), inertia, iterations, converged };
}

export class KMeans {
  readonly options: KMeansOptions;
  private centroids: number[][] | null = null;

  constructor(options: Partial<KMeansOptions> & { k: number }) {
    this.options = { ...KMEANS_DEFAULTS, ...options };
  }

  private validate(n: number, dim: number): void {
    const { k, nInit, maxIterations, initialCentroids } = this.options;
    if (!Number.isInteger(k) || k < 1) throw new InputError(`k must be an integer >= 1, got ${k}`, { field: "k" });
    if (k > n) throw new InputError(`k = ${k} exceeds the number of points (${n})`, { field: "k" });
    if (!Number.isInteger(nInit) || nInit < 1) throw new InputError(`nInit must be >= 1`, { field: "nInit" });
    if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new InputError(`maxIterations must be >= 1`, { field: "maxIterations" });
    if (this.options.nullCentroid && this.options.nullCentroid.length !== dim) {
      throw new InputError(`nullCentroid must have length ${dim}`, { field: "nullCentroid" });
    }
    if (initialCentroids && (initialCentroids.length !== k || initialCentroids.some((c) => c.length !== dim))) {
      throw new InputError(`initialCentroids must be ${k} vectors of length ${dim}`, { field: "initialCentroids" });
    }
  }

  /** Clusters n points (row-major `data`, `dim` values each). */
  fit(data: ArrayLike<number>, dim: number): KMeansFit {
    const points = toPoints(data, dim);
    this.validate(points.n, dim);
    const { k, nInit, restartSample, initialCentroids } = this.options;
    const rng = createRng(this.options.seed).fork("kmeans");
    let best: KMeansFit;
    if (!initialCentroids && nInit > 1 && points.n > restartSample && restartSample >= k) {
      const idx = rng.sample(points.n, restartSample).sort((a, b) => a - b);
      const onSample = this.restarts(subsetPoints(points, idx), nInit, undefined, rng);
      best = this.restarts(points, 1, onSample.centroids, rng);
    } else {
      best = this.restarts(points, initialCentroids ? 1 : nInit, initialCentroids, rng);
    }
    this.centroids = best.centroids;
    return best;
  }

  private restarts(points: Points, runs: number, init: number[][] | undefined, rng: Rng): KMeansFit {
    const { k, maxIterations, tolerance, nullCentroid } = this.options;
    const nullC = nullCentroid ? Float64Array.from(nullCentroid) : undefined;
    const initFlat = init ? Float64Array.from(init.flat()) : undefined;
    const rows = nullC ? null : rowsOf(points.data, points.dim);
    let best: KMeansFit | null = null;
    for (let r = 0; r < runs; r++) {
      let res: KMeansFit;
      if (nullC) {
        res = lloydWithNull(points, k, nullC, initFlat ?? kmeansppWithNull(points, k, nullC, rng.fork(`init-${r}`)), maxIterations, tolerance);
      } else {
        const out = kmeans(rows!, k, {
          initialization: init ? init.map((c) => [...c]) : "kmeans++",
          seed: rng.seed32(),
          maxIterations,
          tolerance,
        });
        const { labels, inertia } = nearest(points, Float64Array.from(out.centroids.flat()));
        res = { labels, centroids: out.centroids, inertia, iterations: out.iterations, converged: out.converged };
      }
      if (!best || res.inertia < best.inertia) best = res;
    }
    return best!;
  }

  /** Nearest centroid of each point (-1 when the null centroid is nearest). */
  predict(data: ArrayLike<number>, dim: number): Int32Array {
    if (!this.centroids) throw new NotFittedError("KMeans");
    const nullC = this.options.nullCentroid ? Float64Array.from(this.options.nullCentroid) : undefined;
    return nearest(toPoints(data, dim), Float64Array.from(this.centroids.flat()), nullC).labels;
  }

  toJSON(): KMeansJson {
    return { name: "KMeans", version: 1, options: { ...this.options }, centroids: this.centroids };
  }

  static load(json: KMeansJson): KMeans {
    if (json.name !== "KMeans" || json.version !== 1) throw new InputError("not a KMeans v1 model");
    const km = new KMeans(json.options);
    km.centroids = json.centroids;
    return km;
  }
}
