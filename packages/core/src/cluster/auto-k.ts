// Automatic K: k-means for every K in a range on a seeded sample, chosen by the elbow of the gap
// statistic (default) or by the highest mean silhouette (criterion "silhouette", the old rule).
//
// Gap: W(K) = k-means inertia (with the null centroid when given, W(0) = sum of squared norms),
// Gap(K) = mean over R reference datasets of log W_ref(K) - log W(K). The references permute each
// point's features independently (destroys temporal patterns, keeps every gene's norm, so with the
// null centroid W_ref(0) = W(0)). Each planted cluster adds a large gap increment (0.03-0.1); an
// extra centroid that carves background noise or splits a cluster adds <= ~0.01. K = the largest K
// whose increment Gap(K) - Gap(K-1) is >= 0.2 x the largest increment.
// Measured (profile features, 9 planted datasets with 3-8 biclusters, 500-2,000 genes, 8-24
// points, noise 0.3/0.5, 5% missing, overlap 0.2): silhouette picked the planted K on 2 of the 8
// (it favours small K: at K < planted, k-means with a null centroid pushes whole clusters into the
// background and the remaining ones are very clean); the gap elbow on 9 of 9. Tibshirani's
// "Gap(K) >= Gap(K+1) - s" rule failed (reference sd ~0.002, far below the k-means noise), and
// column-permuted references were noisier (5 of 9). End to end (runLstmSvm, default settings, K
// scanned on the profile block): the planted K on 9 of 9 (silhouette: 3 of 9);
// on the bench's medium 6,000 x 24 (6 planted, 6% of genes each) 7 (increment 0.007 vs threshold
// 0.0068: small clusters give a weak elbow), consensus 0.74 (K = 6 given: 0.70; silhouette: K 4, 0.24).
// On the planted suite of issue 9 (bench/k-choice.ts: 13 designs x 5 seeds, profile features,
// K 2..10), planted K found / mean consensus of step 6 at the chosen K: the gap 34/65, 0.700; the
// gap checked against the biclusters (the methods' rule, checkKByBiclusters) 42/65, 0.725; BIC
// 28/65, 0.671 (over-picks on short courses: 9-10 of 4 on 8 time points); stability 11/65, 0.565
// (favours small K, and the k-means of a half is itself seed-dependent); silhouette 18/65, 0.487
// (K = 2 on 7 of 13 designs).
import { InputError, CancelledError } from "../errors.ts";
import { adjustedRandIndex, silhouette } from "../metrics/index.ts";
import { createRng } from "../random.ts";
import { clusterMeans, KMeans, type KMeansFit, type KMeansOptions } from "./kmeans.ts";

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
  /**
   * How K is chosen: elbow of the gap statistic (default), highest mean silhouette, highest
   * mixture BIC, or highest stability (adjusted Rand index between the partitions that k-means
   * fits on two seeded halves of the points give all of them, mean of 2 splits; Ben-Hur et al.
   * 2002 style).
   * Compared on the planted suite by bench/k-choice.ts.
   */
  criterion: "gap" | "silhouette" | "bic" | "stability";
  /** Reference (permuted) datasets of the gap statistic. Default 2. */
  references: number;
  /** A K counts when its gap increment is >= this fraction of the largest increment. Default 0.2. */
  elbowFraction: number;
  /**
   * Scan K on these columns only (e.g. the profile block of LSTM embedding + profile features);
   * the chosen K is then fitted on all columns, warm-started from the full-feature means of the
   * scan's clusters. Default: all columns. Measured: with the LSTM embedding block in the scan the
   * gap picked 5 of 4 and 7 of 5 planted clusters (permuting embedding units within a gene does not
   * give a patternless embedding: they are correlated across genes), on the profile block 4 and 5.
   */
  scanColumns?: { start: number; size: number };
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface KScore {
  k: number;
  /** Mean silhouette of the sample (null when undefined). */
  silhouette: number | null;
  inertia: number;
  /** Gap statistic (criterion "gap"; null otherwise). */
  gap?: number | null;
  /** Gap(K) - Gap(K - 1) (criterion "gap"). */
  gapIncrement?: number | null;
  /** BIC of the partition as a spherical Gaussian mixture with one shared variance (higher is better; every criterion reports it). */
  bic?: number | null;
  /** Mean adjusted Rand index between k-means partitions fitted on two halves of the points, over 2 splits (criterion "stability"). */
  stability?: number | null;
  /** Biclusters the K gives in step 6 (set by the method's check of the automatic K, methods/shared/gene-cluster-steps.ts). */
  biclusters?: number | null;
}

/**
 * BIC of a hard k-means partition read as a spherical Gaussian mixture with one shared variance
 * sigma^2 = W / (n d): LL = -n d / 2 (ln(2 pi sigma^2) + 1) + sum_g n_g ln(n_g / n) over the groups
 * (clusters and, with a null centroid, the background), minus (K d + groups - 1 + 1) / 2 ln n.
 */
export function mixtureBic(labels: ArrayLike<number>, k: number, inertia: number, dim: number): number | null {
  const n = labels.length;
  if (n < 2 || !(inertia > 0)) return null;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) counts.set(labels[i]!, (counts.get(labels[i]!) ?? 0) + 1);
  const s2 = inertia / (n * dim);
  let ll = -0.5 * n * dim * (Math.log(2 * Math.PI * s2) + 1);
  for (const c of counts.values()) ll += c * Math.log(c / n);
  const params = k * dim + counts.size - 1 + 1;
  return ll - 0.5 * params * Math.log(n);
}

export interface ChooseKResult {
  k: number;
  fit: KMeansFit;
  scores: KScore[];
  /** One sentence: which K won and why. */
  reason: string;
}

/** Copies of the points with each point's values shuffled independently (a patternless reference). */
function permuteWithinPoints(data: Float64Array, dim: number, rng: ReturnType<typeof createRng>): Float64Array {
  const n = data.length / dim;
  const out = new Float64Array(data.length);
  for (let i = 0; i < n; i++) {
    const p = rng.sample(dim, dim);
    for (let j = 0; j < dim; j++) out[i * dim + j] = data[i * dim + p[j]!]!;
  }
  return out;
}

const STABILITY_SPLITS = 2;

/** The points split into two seeded halves (for the stability criterion). */
function splitHalves(data: Float64Array, dim: number, rng: ReturnType<typeof createRng>): [Float64Array, Float64Array] {
  const n = data.length / dim;
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  const half = Math.floor(n / 2);
  const take = (idx: number[]) => {
    const out = new Float64Array(idx.length * dim);
    idx.forEach((i, a) => out.set(data.subarray(i * dim, (i + 1) * dim), a * dim));
    return out;
  };
  return [take(order.slice(0, half)), take(order.slice(half))];
}

/** Tries K = kMin..kMax; keeps the gap-elbow K (default) or the highest-silhouette K (ties: the smaller K). */
export function chooseK(data: ArrayLike<number>, dim: number, options: Partial<ChooseKOptions> = {}): ChooseKResult {
  const o: ChooseKOptions = {
    kMin: 2,
    kMax: 10,
    sampleSize: 3000,
    silhouetteSample: 2000,
    seed: 0,
    nInit: 10,
    criterion: "gap",
    references: 2,
    elbowFraction: 0.2,
    ...options,
  };
  const n = data.length / dim;
  const kMax = Math.min(o.kMax, n - 1);
  if (!Number.isInteger(o.kMin) || o.kMin < 2 || kMax < o.kMin) {
    throw new InputError(`automatic K needs 2 <= kMin <= kMax < n (kMin ${o.kMin}, kMax ${o.kMax}, n ${n})`, { field: "k" });
  }
  const cols = o.scanColumns ?? { start: 0, size: dim };
  if (!Number.isInteger(cols.start) || !Number.isInteger(cols.size) || cols.start < 0 || cols.size < 1 || cols.start + cols.size > dim) {
    throw new InputError(`scanColumns must lie within the ${dim} columns`, { field: "scanColumns" });
  }
  const sd = cols.size;
  const partial = sd < dim;
  const rng = createRng(o.seed).fork("choose-k");
  const scan = n > o.sampleSize ? rng.sample(n, o.sampleSize).sort((a, b) => a - b) : Array.from({ length: n }, (_, i) => i);
  const m = scan.length;
  const scanData = new Float64Array(m * sd);
  scan.forEach((i, a) => {
    for (let j = 0; j < sd; j++) scanData[a * sd + j] = data[i * dim + cols.start + j]!;
  });
  const silIdx = m > o.silhouetteSample ? rng.sample(m, o.silhouetteSample).sort((a, b) => a - b) : Array.from({ length: m }, (_, i) => i);
  const sub = new Float64Array(silIdx.length * sd);
  silIdx.forEach((i, a) => {
    for (let j = 0; j < sd; j++) sub[a * sd + j] = scanData[i * sd + j]!;
  });
  const scanNull = o.nullCentroid ? o.nullCentroid.slice(cols.start, cols.start + sd) : undefined;
  const nullOpt = scanNull ? { nullCentroid: scanNull } : {};
  // Stability: STABILITY_SPLITS seeded splits into halves, each half clustered from its own seed.
  const splits = o.criterion === "stability" ? Array.from({ length: STABILITY_SPLITS }, (_, r) => splitHalves(scanData, sd, rng.fork(`stability-${r}`))) : [];
  const stabilityOf = (k: number) => {
    if (splits.length === 0) return null;
    const agreement = splits.map((halves, r) => {
      const [a, b] = halves.map((h, i) => {
        const km = new KMeans({ k, seed: o.seed + 2 * r + i, nInit: Math.min(3, o.nInit), ...nullOpt });
        km.fit(h, sd);
        return km.predict(scanData, sd);
      });
      return adjustedRandIndex(a!, b!);
    });
    return agreement.reduce((x, y) => x + y, 0) / agreement.length;
  };
  const useGap = o.criterion === "gap";
  const refs = useGap ? Array.from({ length: o.references }, (_, r) => permuteWithinPoints(scanData, sd, rng.fork(`reference-${r}`))) : [];
  const refInit = Math.min(3, o.nInit);
  const inertiaOf = (d: Float64Array, k: number, nInit: number) => new KMeans({ k, seed: o.seed, nInit, ...nullOpt }).fit(d, sd).inertia;
  const logRef = (k: number) => refs.reduce((a, r) => a + Math.log(inertiaOf(r, k, refInit)), 0) / refs.length;
  // Gap at kMin - 1 (K = 0 is the null centroid alone: W = W_ref, the permutations keep each norm).
  let prevGap: number | null = null;
  if (useGap) {
    const k0 = o.kMin - 1;
    if (k0 >= 1) prevGap = logRef(k0) - Math.log(inertiaOf(scanData, k0, o.nInit));
    else if (scanNull) prevGap = 0;
  }
  const scores: KScore[] = [];
  const fits = new Map<number, KMeansFit>();
  let best: { k: number; fit: KMeansFit; s: number } | null = null;
  for (let k = o.kMin; k <= kMax; k++) {
    if (o.signal?.aborted) throw new CancelledError();
    const km = new KMeans({ k, seed: o.seed, nInit: o.nInit, ...nullOpt } satisfies Partial<KMeansOptions> & { k: number });
    const fit = km.fit(scanData, sd);
    const labels = silIdx.map((i) => fit.labels[i]!);
    const s = silhouette(sub, sd, labels, { sampleSize: Math.max(2, silIdx.length) }).mean;
    const bic = mixtureBic(fit.labels, k, fit.inertia, sd);
    if (useGap) {
      const gap = logRef(k) - Math.log(fit.inertia);
      const gapIncrement = prevGap === null ? null : gap - prevGap;
      prevGap = gap;
      fits.set(k, fit);
      scores.push({ k, silhouette: s, inertia: fit.inertia, gap, gapIncrement, bic });
    } else if (o.criterion === "bic") {
      scores.push({ k, silhouette: s, inertia: fit.inertia, bic });
      if (bic !== null && (!best || bic > best.s)) best = { k, fit, s: bic };
    } else if (o.criterion === "stability") {
      const stability = stabilityOf(k);
      scores.push({ k, silhouette: s, inertia: fit.inertia, bic, stability });
      if (stability !== null && (!best || stability > best.s)) best = { k, fit, s: stability };
    } else {
      scores.push({ k, silhouette: s, inertia: fit.inertia, bic });
      if (s !== null && (!best || s > best.s)) best = { k, fit, s };
    }
    o.onProgress?.((k - o.kMin + 1) / (kMax - o.kMin + 1));
  }
  let why: string;
  if (useGap) {
    const top = Math.max(...scores.map((r) => r.gapIncrement ?? Number.NEGATIVE_INFINITY));
    let kBest = o.kMin;
    if (Number.isFinite(top) && top > 0) for (const r of scores) if ((r.gapIncrement ?? Number.NEGATIVE_INFINITY) >= o.elbowFraction * top) kBest = r.k;
    const chosen = scores.find((r) => r.k === kBest)!;
    const next = scores.find((r) => r.k === kBest + 1);
    best = { k: kBest, fit: fits.get(kBest)!, s: chosen.silhouette ?? Number.NaN };
    why =
      `K = ${kBest} is the largest K in ${o.kMin}..${kMax} whose gap-statistic increment ` +
      `(${(chosen.gapIncrement ?? 0).toFixed(3)}) is >= ${o.elbowFraction} x the largest increment (${top.toFixed(3)})` +
      (next ? `; K = ${next.k} adds only ${(next.gapIncrement ?? 0).toFixed(3)}` : "") +
      ` (${o.references} references with each point's values permuted)`;
  } else if (o.criterion === "stability") {
    if (!best) throw new InputError("stability undefined for every K tried", { field: "k" });
    why = `K = ${best.k} has the highest stability (adjusted Rand index ${best.s.toFixed(3)} between k-means on two halves of the points, mean of ${STABILITY_SPLITS} splits) over K = ${o.kMin}..${kMax}`;
  } else if (o.criterion === "bic") {
    if (!best) throw new InputError("BIC undefined for every K tried", { field: "k" });
    const b = best;
    why = `K = ${b.k} has the highest mixture BIC (${b.s.toFixed(1)}) over K = ${o.kMin}..${kMax}`;
  } else {
    if (!best) throw new InputError("silhouette undefined for every K tried", { field: "k" });
    const b = best;
    const runnerUp = scores.filter((r) => r.k !== b.k && r.silhouette !== null).sort((x, y) => y.silhouette! - x.silhouette!)[0];
    why =
      `K = ${b.k} has the highest mean silhouette (${b.s.toFixed(3)}) over K = ${o.kMin}..${kMax}` +
      (runnerUp ? `; runner-up K = ${runnerUp.k} (${runnerUp.silhouette!.toFixed(3)})` : "");
  }
  if (!best) throw new InputError("no K could be chosen", { field: "k" });
  if (m < n || partial) {
    // Warm start on all points and columns: the scan clusters' means in the full feature space.
    const sample = new Float64Array(m * dim);
    scan.forEach((i, a) => {
      for (let j = 0; j < dim; j++) sample[a * dim + j] = data[i * dim + j]!;
    });
    const means = clusterMeans(sample, dim, best.fit.labels, best.k);
    const init = partial ? means.filter((c): c is number[] => c !== null) : best.fit.centroids;
    const fullNull = o.nullCentroid ? { nullCentroid: o.nullCentroid } : {};
    best.fit = new KMeans({ k: init.length, seed: o.seed, initialCentroids: init, ...fullNull }).fit(data, dim);
  }
  const reason =
    why +
    (partial ? `; K scanned on columns ${cols.start + 1}..${cols.start + sd} of ${dim}` : "") +
    (m < n ? `; K scanned on a seeded sample of ${m} of ${n} points` : "") +
    (silIdx.length < m ? `, silhouettes on ${silIdx.length} of them` : "");
  return { k: best.fit.centroids.length, fit: best.fit, scores, reason };
}
