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
  const o: ChooseKOptions = { kMin: 2, kMax: 10, silhouetteSample: 2000, seed: 0, nInit: 10, ...options };
  const n = data.length / dim;
  const kMax = Math.min(o.kMax, n - 1);
  if (!Number.isInteger(o.kMin) || o.kMin < 2 || kMax < o.kMin) {
    throw new InputError(`automatic K needs 2 <= kMin <= kMax < n (kMin ${o.kMin}, kMax ${o.kMax}, n ${n})`, { field: "k" });
  }
  const rng = createRng(o.seed).fork("choose-k");
  const sample = n > o.silhouetteSample ? rng.sample(n, o.silhouetteSample).sort((a, b) => a - b) : Array.from({ length: n }, (_, i) => i);
  const sub = new Float64Array(sample.length * dim);
  sample.forEach((i, a) => {
    for (let j = 0; j < dim; j++) sub[a * dim + j] = data[i * dim + j]!;
  });
  const scores: KScore[] = [];
  let best: { k: number; fit: KMeansFit; s: number } | null = null;
  for (let k = o.kMin; k <= kMax; k++) {
    if (o.signal?.aborted) throw new CancelledError();
    const km = new KMeans({ k, seed: o.seed, nInit: o.nInit, ...(o.nullCentroid ? { nullCentroid: o.nullCentroid } : {}) } satisfies Partial<KMeansOptions> & { k: number });
    const fit = km.fit(data, dim);
    const labels = sample.map((i) => fit.labels[i]!);
    const s = silhouette(sub, dim, labels, { sampleSize: Math.max(2, sample.length) }).mean;
    scores.push({ k, silhouette: s, inertia: fit.inertia });
    if (s !== null && (!best || s > best.s)) best = { k, fit, s };
    o.onProgress?.((k - o.kMin + 1) / (kMax - o.kMin + 1));
  }
  if (!best) throw new InputError("silhouette undefined for every K tried", { field: "k" });
  const runnerUp = scores.filter((r) => r.k !== best.k && r.silhouette !== null).sort((a, b) => b.silhouette! - a.silhouette!)[0];
  const reason =
    `K = ${best.k} has the highest mean silhouette (${best.s.toFixed(3)}) over K = ${o.kMin}..${kMax}` +
    (runnerUp ? `; runner-up K = ${runnerUp.k} (${runnerUp.silhouette!.toFixed(3)})` : "") +
    (sample.length < n ? `; silhouettes on a seeded sample of ${sample.length} of ${n} points` : "");
  return { k: best.k, fit: best.fit, scores, reason };
}
