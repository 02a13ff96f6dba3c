// Silhouette coefficients (Rousseeuw 1987) with Euclidean distance, exact for small inputs and
// against a seeded stratified reference sample for large ones (20,000 genes).
import { InputError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";

export interface SilhouetteOptions {
  /**
   * Size of the reference sample. When the number of non-background points is <= sampleSize the
   * result is exact (O(n^2 d / 2)). Otherwise a stratified random sample of about `sampleSize`
   * points (proportional per cluster, at least min(size, 2) per cluster) is drawn and a(i), b(i)
   * of EVERY point are computed as mean distances to the sampled members of each cluster
   * (O(n * sampleSize * d)); the mean is the mean of those per-point values, which varies far
   * less than the silhouettes of the sample alone (scikit-learn's sample_size). Default 2000:
   * measured ~2.7 s for 20,000 points x 64 dims on one core (1000: ~1.4 s, 4000: ~6 s), with a
   * mean within ~0.001 of the 4000-point estimate.
   */
  sampleSize?: number;
  /** Generator for the reference sample; default createRng(0) so results are deterministic. */
  rng?: Rng;
}

export interface SilhouetteResult {
  /** Mean over non-background points (singletons count as 0); null when fewer than 2 clusters. */
  mean: number | null;
  /** Per point, aligned with `labels`; NaN for background (label < 0) or when undefined (< 2 clusters). */
  perPoint: Float64Array;
  /** Mean silhouette per cluster label (empty when fewer than 2 clusters). */
  perCluster: Map<number, number>;
}

interface Compact {
  /** Original indices of the non-background points. */
  index: Int32Array;
  /** Compact cluster id (0..k-1) per included point. */
  cluster: Int32Array;
  /** Original label per compact id, ascending. */
  labelOf: number[];
  /** Size per compact id. */
  size: Int32Array;
}

function compact(labels: ArrayLike<number>): Compact {
  const ids = new Map<number, number>();
  const sorted = [...new Set(Array.from(labels).filter((l) => l >= 0))].sort((a, b) => a - b);
  sorted.forEach((l, i) => ids.set(l, i));
  let m = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]! >= 0) m++;
  const index = new Int32Array(m);
  const cluster = new Int32Array(m);
  const size = new Int32Array(sorted.length);
  let p = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (!(l >= 0)) continue;
    const c = ids.get(l)!;
    index[p] = i;
    cluster[p] = c;
    size[c]!++;
    p++;
  }
  return { index, cluster, labelOf: sorted, size };
}

function checkShape(data: ArrayLike<number>, dim: number, n: number): void {
  if (!Number.isInteger(dim) || dim < 1) throw new InputError(`dim must be a positive integer, got ${dim}`, { field: "dim" });
  if (data.length !== n * dim) {
    throw new InputError(`data has ${data.length} values, expected labels.length * dim = ${n * dim}`, { field: "data" });
  }
}

/** Copies the rows `rows` of a row-major matrix into a contiguous Float64Array. */
function gather(data: ArrayLike<number>, dim: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * dim);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r]! * dim;
    const dst = r * dim;
    for (let j = 0; j < dim; j++) out[dst + j] = data[src + j]!;
  }
  return out;
}

function rowNorms(x: Float64Array, rows: number, dim: number): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let t = r * dim, e = t + dim; t < e; t++) s += x[t]! * x[t]!;
    out[r] = s;
  }
  return out;
}

/**
 * Euclidean distances from row i of `x` to rows [from, to) of `y`, into out[from..to).
 * Uses |x|^2 + |y|^2 - 2 x.y with four y rows per pass (one load of x[t] feeds four products),
 * about twice as fast as the difference loop; clamped at 0 against rounding.
 */
function distancesFrom(
  x: Float64Array,
  xNorms: Float64Array,
  i: number,
  y: Float64Array,
  yNorms: Float64Array,
  from: number,
  to: number,
  dim: number,
  out: Float64Array,
): void {
  const oi = i * dim;
  const ni = xNorms[i]!;
  let r = from;
  for (; r + 3 < to; r += 4) {
    const o0 = r * dim;
    const o1 = o0 + dim;
    const o2 = o1 + dim;
    const o3 = o2 + dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < dim; t++) {
      const v = x[oi + t]!;
      s0 += v * y[o0 + t]!;
      s1 += v * y[o1 + t]!;
      s2 += v * y[o2 + t]!;
      s3 += v * y[o3 + t]!;
    }
    out[r] = Math.sqrt(Math.max(0, ni + yNorms[r]! - 2 * s0));
    out[r + 1] = Math.sqrt(Math.max(0, ni + yNorms[r + 1]! - 2 * s1));
    out[r + 2] = Math.sqrt(Math.max(0, ni + yNorms[r + 2]! - 2 * s2));
    out[r + 3] = Math.sqrt(Math.max(0, ni + yNorms[r + 3]! - 2 * s3));
  }
  for (; r < to; r++) {
    const o = r * dim;
    let s = 0;
    for (let t = 0; t < dim; t++) s += x[oi + t]! * y[o + t]!;
    out[r] = Math.sqrt(Math.max(0, ni + yNorms[r]! - 2 * s));
  }
}

function finish(c: Compact, n: number, perPointCompact: Float64Array): SilhouetteResult {
  const perPoint = new Float64Array(n).fill(Number.NaN);
  const k = c.labelOf.length;
  const sum = new Float64Array(k);
  let total = 0;
  for (let p = 0; p < c.index.length; p++) {
    const s = perPointCompact[p]!;
    perPoint[c.index[p]!] = s;
    sum[c.cluster[p]!]! += s;
    total += s;
  }
  const perCluster = new Map<number, number>();
  for (let q = 0; q < k; q++) perCluster.set(c.labelOf[q]!, sum[q]! / c.size[q]!);
  return { mean: c.index.length > 0 ? total / c.index.length : null, perPoint, perCluster };
}

/**
 * Silhouette of each point: s(i) = (b - a) / max(a, b), a = mean distance to the other members of
 * its cluster, b = smallest mean distance to another cluster. Labels < 0 are background and
 * excluded from everything; a point alone in its cluster gets 0 (scikit-learn convention).
 * `data` is row-major (point i at i * dim). See SilhouetteOptions.sampleSize for large inputs.
 */
export function silhouette(
  data: Float64Array | Float32Array,
  dim: number,
  labels: ArrayLike<number>,
  options: SilhouetteOptions = {},
): SilhouetteResult {
  const n = labels.length;
  checkShape(data, dim, n);
  const sampleSize = options.sampleSize ?? 2000;
  if (!Number.isInteger(sampleSize) || sampleSize < 2) {
    throw new InputError(`sampleSize must be an integer >= 2, got ${sampleSize}`, { field: "sampleSize" });
  }
  const c = compact(labels);
  const k = c.labelOf.length;
  const m = c.index.length;
  if (k < 2) {
    return { mean: null, perPoint: new Float64Array(n).fill(Number.NaN), perCluster: new Map() };
  }
  const x = gather(data, dim, c.index);
  const sums = new Float64Array(m * k);
  // Reference points (compact indices) and how many of each cluster are in the reference.
  let refCount: Int32Array;
  let inRef: Uint8Array;
  if (m <= sampleSize) {
    refCount = c.size;
    inRef = new Uint8Array(m).fill(1);
    // Exact: each unordered pair once.
    const norms = rowNorms(x, m, dim);
    const dist = new Float64Array(m);
    for (let i = 0; i < m - 1; i++) {
      distancesFrom(x, norms, i, x, norms, i + 1, m, dim, dist);
      const ci = c.cluster[i]!;
      const row = i * k;
      for (let j = i + 1; j < m; j++) {
        const d = dist[j]!;
        sums[row + c.cluster[j]!]! += d;
        sums[j * k + ci]! += d;
      }
    }
  } else {
    const rng = options.rng ?? createRng(0);
    // Stratified sample: proportional quota per cluster, at least min(size, 2).
    const members: number[][] = Array.from({ length: k }, () => []);
    for (let p = 0; p < m; p++) members[c.cluster[p]!]!.push(p);
    const ref: number[] = [];
    refCount = new Int32Array(k);
    inRef = new Uint8Array(m);
    for (let q = 0; q < k; q++) {
      const list = members[q]!;
      const quota = Math.min(list.length, Math.max(2, Math.round((sampleSize * list.length) / m)));
      for (const pos of rng.sample(list.length, quota)) {
        const p = list[pos]!;
        ref.push(p);
        inRef[p] = 1;
      }
      refCount[q] = quota;
    }
    const refIdx = Int32Array.from(ref);
    const rx = gather(x, dim, refIdx);
    const refCluster = new Int32Array(refIdx.length);
    for (let r = 0; r < refIdx.length; r++) refCluster[r] = c.cluster[refIdx[r]!]!;
    const nRef = refIdx.length;
    const xNorms = rowNorms(x, m, dim);
    const rNorms = rowNorms(rx, nRef, dim);
    const dist = new Float64Array(nRef);
    for (let i = 0; i < m; i++) {
      distancesFrom(x, xNorms, i, rx, rNorms, 0, nRef, dim, dist);
      const row = i * k;
      for (let r = 0; r < nRef; r++) sums[row + refCluster[r]!]! += dist[r]!; // the point itself adds ~0
    }
  }
  const per = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const ci = c.cluster[i]!;
    const own = refCount[ci]! - inRef[i]!;
    if (c.size[ci]! <= 1 || own <= 0) {
      per[i] = 0;
      continue;
    }
    const a = sums[i * k + ci]! / own;
    let b = Infinity;
    for (let q = 0; q < k; q++) {
      if (q === ci || refCount[q]! === 0) continue;
      const v = sums[i * k + q]! / refCount[q]!;
      if (v < b) b = v;
    }
    const den = Math.max(a, b);
    per[i] = den > 0 ? (b - a) / den : 0;
  }
  return finish(c, n, per);
}

/**
 * Simplified silhouette (Hruschka et al. 2004): a = distance to the own cluster's centroid,
 * b = distance to the nearest other centroid. O(n k d), so cheap enough to score every K in an
 * automatic K search. Same conventions as `silhouette` (background excluded, singleton -> 0,
 * mean null with fewer than 2 clusters).
 */
export function simplifiedSilhouette(
  data: Float64Array | Float32Array,
  dim: number,
  labels: ArrayLike<number>,
): SilhouetteResult {
  const n = labels.length;
  checkShape(data, dim, n);
  const c = compact(labels);
  const k = c.labelOf.length;
  const m = c.index.length;
  if (k < 2) return { mean: null, perPoint: new Float64Array(n).fill(Number.NaN), perCluster: new Map() };
  const x = gather(data, dim, c.index);
  const cent = new Float64Array(k * dim);
  for (let i = 0; i < m; i++) {
    const o = c.cluster[i]! * dim;
    for (let t = 0; t < dim; t++) cent[o + t]! += x[i * dim + t]!;
  }
  for (let q = 0; q < k; q++) for (let t = 0; t < dim; t++) cent[q * dim + t]! /= c.size[q]!;
  const per = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const ci = c.cluster[i]!;
    if (c.size[ci]! <= 1) continue;
    let a = 0;
    let b = Infinity;
    for (let q = 0; q < k; q++) {
      let s = 0;
      for (let t = 0; t < dim; t++) {
        const d = x[i * dim + t]! - cent[q * dim + t]!;
        s += d * d;
      }
      const dist = Math.sqrt(s);
      if (q === ci) a = dist;
      else if (dist < b) b = dist;
    }
    const den = Math.max(a, b);
    per[i] = den > 0 ? (b - a) / den : 0;
  }
  return finish(c, n, per);
}
