// Automatic K: k-means for every K in a range, scored by the mean silhouette of a seeded sample.
import { InputError, CancelledError } from "../errors.ts";
import { silhouette } from "../metrics/index.ts";
import { createRng } from "../random.ts";
import { KMeans, type KMeansFit, type KMeansOptions } from "./kmeans.ts";

export interface ChooseKOptions {
  /** Smallest K tried. Default 2. */
  kMin: number;
  /** Largest K tried (capped at n - 1). Default 10. */
  kMax: number;
  /**
   * K is scanned on a seeded sample of at most this many points (k-means and silhouette); the
   * winner is then fitted on all points, warm-started from its sample centroids. Default 3000.
   */
  sampleSize: number;
  /** Points whose silhouette is computed (exact, O(m^2 d)); a seeded sample when n is larger. Default 2000. */
  silhouetteSample: number;
  seed: number;
  /** Passed to KMeans. Default 10. */
  nInit: number;
  /** Fixed background centroid passed to KMeans (see KMeansOptions.nullCentroid). Default none. */
  nullCentroid?: number[];
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface KScore {
  k: number;
  /** Mean silhouette of the sample (null when undefined). */
  silhouette: number | null;
  inertia: number;
}

export interface ChooseKResult {
  k: number;
  fit: KMeansFit;
  scores: KScore[];
  /** One sentence: which K won and why. */
  reason: string;
}

/** Tries K = kMin..kMax and keeps the K with the highest sample silhouette (ties: the smaller K). */
export function chooseK(data: ArrayLike<number>, dim: number, options: Partial<ChooseKOptions> = {}): ChooseKResult {
  const o: ChooseKOptions = { kMin: 2, kMax: 10, sampleSize: 3000, silhouetteSample: 2000, seed: 0, nInit: 10, ...options };
  const n = data.length / dim;
  const kMax = Math.min(o.kMax, n - 1);
  if (!Number.isInteger(o.kMin) || o.kMin < 2 || kMax < o.kMin) {
    throw new InputError(`automatic K needs 2 <= kMin <= kMax < n (kMin ${o.kMin}, kMax ${o.kMax}, n ${n})`, { field: "k" });
  }
  const rng = createRng(o.seed).fork("choose-k");
  const scan = n > o.sampleSize ? rng.sample(n, o.sampleSize).sort((a, b) => a - b) : Array.from({ length: n }, (_, i) => i);
  const m = scan.length;
  const scanData = new Float64Array(m * dim);
  scan.forEach((i, a) => {
    for (let j = 0; j < dim; j++) scanData[a * dim + j] = data[i * dim + j]!;
  });
  const silIdx = m > o.silhouetteSample ? rng.sample(m, o.silhouetteSample).sort((a, b) => a - b) : Array.from({ length: m }, (_, i) => i);
  const sub = new Float64Array(silIdx.length * dim);
  silIdx.forEach((i, a) => {
    for (let j = 0; j < dim; j++) sub[a * dim + j] = scanData[i * dim + j]!;
  });
  const nullOpt = o.nullCentroid ? { nullCentroid: o.nullCentroid } : {};
  const scores: KScore[] = [];
  let best: { k: number; fit: KMeansFit; s: number } | null = null;
  for (let k = o.kMin; k <= kMax; k++) {
    if (o.signal?.aborted) throw new CancelledError();
    const km = new KMeans({ k, seed: o.seed, nInit: o.nInit, ...nullOpt } satisfies Partial<KMeansOptions> & { k: number });
    const fit = km.fit(scanData, dim);
    const labels = silIdx.map((i) => fit.labels[i]!);
    const s = silhouette(sub, dim, labels, { sampleSize: Math.max(2, silIdx.length) }).mean;
    scores.push({ k, silhouette: s, inertia: fit.inertia });
    if (s !== null && (!best || s > best.s)) best = { k, fit, s };
    o.onProgress?.((k - o.kMin + 1) / (kMax - o.kMin + 1));
  }
  if (!best) throw new InputError("silhouette undefined for every K tried", { field: "k" });
  if (m < n) {
    const centroids = best.fit.centroids;
    best.fit = new KMeans({ k: best.k, seed: o.seed, initialCentroids: centroids, ...nullOpt }).fit(data, dim);
  }
  const runnerUp = scores.filter((r) => r.k !== best.k && r.silhouette !== null).sort((a, b) => b.silhouette! - a.silhouette!)[0];
  const reason =
    `K = ${best.k} has the highest mean silhouette (${best.s.toFixed(3)}) over K = ${o.kMin}..${kMax}` +
    (runnerUp ? `; runner-up K = ${runnerUp.k} (${runnerUp.silhouette!.toFixed(3)})` : "") +
    (m < n ? `; K scanned on a seeded sample of ${m} of ${n} points` : "") +
    (silIdx.length < m ? `, silhouettes on ${silIdx.length} of them` : "");
  return { k: best.k, fit: best.fit, scores, reason };
}
