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

function sqDist(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) {
    const d = a[j]! - b[j]!;
    s += d * d;
  }
  return s;
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
 * Nearest centroid of each row and the total squared distance. With a null (background)
 * centroid, rows closer to it than to every centroid get label -1.
 */
function nearest(rows: number[][], centroids: number[][], nullC?: number[]): { labels: Int32Array; inertia: number } {
  const labels = new Int32Array(rows.length);
  let inertia = 0;
  for (let i = 0; i < rows.length; i++) {
    let best = nullC ? -1 : 0;
    let bestD = nullC ? sqDist(rows[i]!, nullC) : Infinity;
    for (let c = 0; c < centroids.length; c++) {
      const d = sqDist(rows[i]!, centroids[c]!);
      if (d < bestD) {
        bestD = d;
        best = c;
      }
    }
    labels[i] = best;
    inertia += bestD;
  }
  return { labels, inertia };
}

/** k-means++ seeding (D^2 sampling) with the null centroid counted as already chosen. */
function kmeansppWithNull(rows: number[][], k: number, nullC: number[], rng: Rng): number[][] {
  const n = rows.length;
  const d2 = rows.map((r) => sqDist(r, nullC));
  const centres: number[][] = [];
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
    const centre = [...rows[pick]!];
    centres.push(centre);
    for (let i = 0; i < n; i++) d2[i] = Math.min(d2[i]!, sqDist(rows[i]!, centre));
  }
  return centres;
}

/** Lloyd iterations with a fixed null centroid; an emptied cluster keeps its previous centre. */
function lloydWithNull(rows: number[][], k: number, nullC: number[], init: number[][], maxIterations: number, tolerance: number): KMeansFit {
  const dim = nullC.length;
  let centroids = init.map((c) => [...c]);
  let labels: Int32Array = new Int32Array(rows.length);
  let inertia = 0;
  let iterations = 0;
  let converged = false;
  for (let it = 1; it <= maxIterations; it++) {
    iterations = it;
    ({ labels, inertia } = nearest(rows, centroids, nullC));
    const sums = Array.from({ length: k }, () => new Float64Array(dim));
    const counts = new Int32Array(k);
    for (let i = 0; i < rows.length; i++) {
      const l = labels[i]!;
      if (l < 0) continue;
      counts[l]!++;
      const s = sums[l]!;
      const r = rows[i]!;
      for (let j = 0; j < dim; j++) s[j]! += r[j]!;
    }
    let shift = 0;
    const next = centroids.map((old, c) => (counts[c]! > 0 ? Array.from(sums[c]!, (v) => v / counts[c]!) : old));
    for (let c = 0; c < k; c++) shift = Math.max(shift, sqDist(next[c]!, centroids[c]!));
    centroids = next;
    if (shift <= tolerance) {
      converged = true;
      break;
    }
  }
  ({ labels, inertia } = nearest(rows, centroids, nullC));
  return { labels, centroids, inertia, iterations, converged };
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
    const rows = toRows(data, dim);
    this.validate(rows.length, dim);
    const { k, nInit, restartSample, initialCentroids } = this.options;
    const rng = createRng(this.options.seed).fork("kmeans");
    let best: KMeansFit;
    if (!initialCentroids && nInit > 1 && rows.length > restartSample && restartSample >= k) {
      const idx = rng.sample(rows.length, restartSample).sort((a, b) => a - b);
      const onSample = this.restarts(idx.map((i) => rows[i]!), nInit, undefined, rng);
      best = this.restarts(rows, 1, onSample.centroids, rng);
    } else {
      best = this.restarts(rows, initialCentroids ? 1 : nInit, initialCentroids, rng);
    }
    this.centroids = best.centroids;
    return best;
  }

  private restarts(rows: number[][], runs: number, init: number[][] | undefined, rng: Rng): KMeansFit {
    const { k, maxIterations, tolerance, nullCentroid } = this.options;
    let best: KMeansFit | null = null;
    for (let r = 0; r < runs; r++) {
      let res: KMeansFit;
      if (nullCentroid) {
        res = lloydWithNull(rows, k, nullCentroid, init ?? kmeansppWithNull(rows, k, nullCentroid, rng.fork(`init-${r}`)), maxIterations, tolerance);
      } else {
        const out = kmeans(rows, k, {
          initialization: init ? init.map((c) => [...c]) : "kmeans++",
          seed: rng.seed32(),
          maxIterations,
          tolerance,
        });
        const { labels, inertia } = nearest(rows, out.centroids);
        res = { labels, centroids: out.centroids, inertia, iterations: out.iterations, converged: out.converged };
      }
      if (!best || res.inertia < best.inertia) best = res;
    }
    return best!;
  }

  /** Nearest centroid of each point (-1 when the null centroid is nearest). */
  predict(data: ArrayLike<number>, dim: number): Int32Array {
    if (!this.centroids) throw new NotFittedError("KMeans");
    const rows = toRows(data, dim);
    return nearest(rows, this.centroids, this.options.nullCentroid).labels;
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
