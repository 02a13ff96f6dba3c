import { describe, expect, it } from "vitest";
import { CancelledError, InputError, NotFittedError } from "../errors.ts";
import { createRng } from "../random.ts";
import { chooseK } from "./auto-k.ts";
import { KMeans } from "./kmeans.ts";
import { SvmRefiner } from "./svm.ts";

/** k Gaussian blobs in `dim` dimensions, `per` points each, centres 6 apart on the axes. */
function blobs(k: number, per: number, dim: number, sd: number, seed = 1) {
  const rng = createRng(seed);
  const data = new Float64Array(k * per * dim);
  const truth = new Int32Array(k * per);
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < per; p++) {
      const i = c * per + p;
      truth[i] = c;
      for (let j = 0; j < dim; j++) data[i * dim + j] = (j === c % dim ? 6 : 0) + sd * rng.normal();
    }
  }
  return { data, truth };
}

/** Fraction of pairs on which two labelings agree (Rand index). */
function rand(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let agree = 0;
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      total++;
      if ((a[i] === a[j]) === (b[i] === b[j])) agree++;
    }
  }
  return agree / total;
}

describe("KMeans", () => {
  it("finds well separated blobs, deterministically under a seed", () => {
    const { data, truth } = blobs(3, 40, 3, 0.5);
    const a = new KMeans({ k: 3, seed: 2 }).fit(data, 3);
    const b = new KMeans({ k: 3, seed: 2 }).fit(data, 3);
    expect(rand(a.labels, truth)).toBe(1);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBeGreaterThan(0);
  });

  it("warm-starts from given centroids and predicts after fit only", () => {
    const { data } = blobs(2, 20, 2, 0.3);
    const km = new KMeans({ k: 2 });
    expect(() => km.predict(data, 2)).toThrow(NotFittedError);
    const fit = new KMeans({ k: 2, initialCentroids: [[0, 6], [6, 0]] }).fit(data, 2);
    // the point at index 0 is near (6, 0): warm start keeps centroid order, so it gets label 1
    expect(fit.labels[0]).toBe(1);
    expect(() => new KMeans({ k: 50 }).fit(data, 2)).toThrow(InputError);
    const copy = KMeans.load(JSON.parse(JSON.stringify(new KMeans({ k: 2, seed: 1 }).toJSON())) as ReturnType<KMeans["toJSON"]>);
    expect(() => copy.predict(data, 2)).toThrow(NotFittedError);
  });
});

describe("chooseK", () => {
  it("picks the planted K by silhouette and says why", () => {
    const { data } = blobs(4, 30, 4, 0.6);
    const res = chooseK(data, 4, { kMin: 2, kMax: 7, seed: 1, criterion: "silhouette" });
    expect(res.k).toBe(4);
    expect(res.scores.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7]);
    const best = Math.max(...res.scores.map((s) => s.silhouette ?? -1));
    expect(res.scores.find((s) => s.k === 4)!.silhouette).toBe(best);
    expect(res.reason).toMatch(/K = 4 has the highest mean silhouette/);
  });
});

describe("SvmRefiner", () => {
  it("repairs mislabelled points and is deterministic", async () => {
    const { data, truth } = blobs(3, 60, 3, 0.7, 4);
    const noisy = Int32Array.from(truth);
    const rng = createRng(9);
    const flipped = rng.sample(noisy.length, 30);
    for (const i of flipped) noisy[i] = (noisy[i]! + 1) % 3;
    const refiner = new SvmRefiner({ seed: 1, maxPerCluster: 40 });
    const a = await refiner.refine(data, 3, noisy);
    const b = await new SvmRefiner({ seed: 1, maxPerCluster: 40 }).refine(data, 3, noisy);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    let wrongBefore = 0;
    let wrongAfter = 0;
    for (let i = 0; i < truth.length; i++) {
      if (noisy[i] !== truth[i]) wrongBefore++;
      if (a.labels[i] !== truth[i]) wrongAfter++;
    }
    expect(wrongBefore).toBe(30);
    expect(wrongAfter).toBeLessThanOrEqual(5);
    expect(a.report.iterations).toBeGreaterThanOrEqual(1);
    expect(a.report.iterations).toBeLessThanOrEqual(20);
    expect(a.report.reassigned[0]).toBeGreaterThan(15);
    expect(a.report.trainingGenes[0]).toBe(120);
  });

  it("runs until assignments are stable: a change first seen in iteration 2 is made in iteration 3 (fixture of the one-pass bug)", async () => {
    // Two overlapping blobs: boundary points get cross-predicted elsewhere again in iteration 2
    // (parked), so the loop must go on; before the fix every pending change counted as none and
    // every run stopped at iteration 2 with converged = true.
    const { data, truth } = blobs(2, 80, 2, 1.6, 21);
    const noisy = Int32Array.from(truth);
    for (const i of createRng(3).sample(noisy.length, 40)) noisy[i] = 1 - noisy[i]!;
    const res = await new SvmRefiner({ seed: 2, maxPerCluster: 60, tolerance: 0, confidence: 0, backgroundClass: false, margin: 0 }).refine(data, 2, noisy);
    const r = res.report;
    expect(r.iterations).toBeGreaterThanOrEqual(3);
    expect(r.parked[1]).toBeGreaterThan(0);
    // Every iteration before the last had pending work; the last one none (or the cap was hit).
    for (let it = 0; it < r.iterations - 1; it++) expect(r.reassigned[it]! + r.toBackground[it]! + r.readmitted[it]! + r.parked[it]!).toBeGreaterThan(0);
    const last = r.iterations - 1;
    if (r.converged) expect(r.reassigned[last]! + r.parked[last]!).toBe(0);
    else expect(r.iterations).toBe(20);
  });

  it("with a margin, moves the genes beyond it and keeps those inside the band, without hysteresis", async () => {
    // Two well separated blobs with 20 labels flipped: the flipped points lie far beyond the
    // margin on their true side and move in iteration 1; nothing is parked.
    const { data, truth } = blobs(2, 80, 2, 0.8, 21);
    const noisy = Int32Array.from(truth);
    for (const i of createRng(4).sample(noisy.length, 20)) noisy[i] = 1 - noisy[i]!;
    const res = await new SvmRefiner({ seed: 2, maxPerCluster: 80, confidence: 0, backgroundClass: false, margin: 1 }).refine(data, 2, noisy);
    expect(res.report.reassigned[0]).toBeGreaterThanOrEqual(15);
    expect(res.report.parked.every((x) => x === 0)).toBe(true);
    const agree = res.labels.reduce((a, l, i) => a + (l === truth[i] ? 1 : 0), 0);
    expect(agree / truth.length).toBeGreaterThan(0.95);
    // An enormous margin moves nobody: every gene "fits" its own cluster.
    const none = await new SvmRefiner({ seed: 2, maxPerCluster: 80, confidence: 0, backgroundClass: false, margin: 10 }).refine(data, 2, noisy);
    expect(Array.from(none.labels)).toEqual(Array.from(noisy));
  });

  it("puts genes below the confidence threshold in the background, none at threshold 0", async () => {
    const { data, truth } = blobs(2, 50, 2, 0.5, 5);
    // ten points scattered around the midpoint of the blobs (centres (6, 0) and (0, 6)): ambiguous
    const r = createRng(11);
    const mid = new Float64Array(10 * 2).map(() => 3 + 0.3 * r.normal());
    const all = new Float64Array([...data, ...mid]);
    const labels = new Int32Array([...truth, ...Array.from({ length: 10 }, (_, i) => i % 2)]);
    const strict = await new SvmRefiner({ confidence: 0.97, seed: 2 }).refine(all, 2, labels);
    expect(strict.report.unassigned).toBeGreaterThan(0);
    expect(strict.report.belowConfidence).toBe(strict.report.unassigned);
    for (let i = 0; i < all.length / 2; i++) {
      if (strict.labels[i]! >= 0) expect(strict.confidence[i]).toBeGreaterThanOrEqual(0.97);
      else expect(strict.confidence[i]).toBe(0);
    }
    expect(Array.from(strict.labels.slice(0, 100)).filter((l, i) => l >= 0 && l !== truth[i]).length).toBe(0);
    const keepAll = await new SvmRefiner({ confidence: 0, seed: 2 }).refine(all, 2, labels);
    expect(keepAll.report.unassigned).toBe(0);
    expect(keepAll.report.belowConfidence).toBe(0);
  });

  it("cancels with CancelledError", async () => {
    const { data, truth } = blobs(2, 20, 2, 0.5);
    const ac = new AbortController();
    ac.abort();
    await expect(new SvmRefiner().refine(data, 2, truth, { signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
  });
});

describe("KMeans with a null centroid", () => {
  it("keeps patternless points in the background and does not merge the real clusters", () => {
    // 3 blobs of 30 at distance 6 from the origin + 150 noise points around the origin
    const { data, truth } = blobs(3, 30, 3, 0.8, 7);
    const rng = createRng(8);
    const noise = Float64Array.from({ length: 150 * 3 }, () => 1.2 * rng.normal());
    const all = new Float64Array([...data, ...noise]);
    const plain = new KMeans({ k: 3, seed: 1 }).fit(all, 3);
    const withNull = new KMeans({ k: 3, seed: 1, nullCentroid: [0, 0, 0] }).fit(all, 3);
    const bg = Array.from(withNull.labels.slice(90)).filter((l) => l === -1).length;
    expect(bg).toBeGreaterThan(120);
    expect(rand(withNull.labels.slice(0, 90), truth)).toBe(1);
    expect(Array.from(withNull.labels.slice(0, 90)).every((l) => l >= 0)).toBe(true);
    // plain k-means has no background label at all
    expect(Array.from(plain.labels).every((l) => l >= 0)).toBe(true);
  });
});
