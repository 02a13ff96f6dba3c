// Automatic K on planted time-course data (profile features, flat-profile null centroid, as in the
// k-means baseline). The old rule (highest mean silhouette) picked 2 on the 3- and 4-cluster
// datasets below (K = 2 on both); the gap elbow must find the planted count.
import { describe, expect, it } from "vitest";
import { preprocess } from "../preprocess/index.ts";
import { buildFeatures } from "../methods/lstm-svm/features.ts";
import { generateSynthetic, type SynthOptions } from "../synth/index.ts";
import { createRng } from "../random.ts";
import { chooseK } from "./auto-k.ts";

function autoK(synth: SynthOptions) {
  const { matrix, truth } = generateSynthetic(synth);
  const pre = preprocess(matrix, { transform: "none", impute: "knn", seed: 1, zscore: true });
  const f = buildFeatures(pre.matrix.values, pre.matrix.conditions.length, null, "profile", 0.1);
  return { planted: truth.biclusters.length, res: chooseK(f.data, f.dim, { kMin: 2, kMax: 10, seed: 1, nullCentroid: f.nullVector }) };
}

describe("chooseK (gap elbow) on planted biclusters", () => {
  it.each([
    ["600 x 20, 5 biclusters", { seed: 31, genes: 600, timePoints: 20, biclusters: 5 }],
    ["600 x 20, 3 biclusters", { seed: 32, genes: 600, timePoints: 20, biclusters: 3 }],
    ["500 x 20, 4 biclusters, noise 0.5", { seed: 22, noiseSd: 0.5 }],
  ] as [string, SynthOptions][])("%s -> the planted K, and says why", (_name, synth) => {
    const { planted, res } = autoK(synth);
    expect(res.k).toBe(planted);
    expect(res.reason).toMatch(new RegExp(`^K = ${planted} is the largest K .* gap-statistic increment`));
    expect(res.scores.every((s) => typeof s.gap === "number")).toBe(true);
    // the increment of the chosen K clears the elbow threshold and every larger K's does not
    const incs = res.scores.map((s) => s.gapIncrement ?? -Infinity);
    const top = Math.max(...incs);
    expect(res.scores.find((s) => s.k === planted)!.gapIncrement!).toBeGreaterThanOrEqual(0.2 * top);
    for (const s of res.scores.filter((x) => x.k > planted)) expect(s.gapIncrement!).toBeLessThan(0.2 * top);
  });
});

describe("mixture BIC per K", () => {
  it("is reported for every K, rises up to the planted K; criterion bic picks the highest (it over-picks: why gap stays the default)", () => {
    const { matrix } = generateSynthetic({ seed: 31, genes: 600, timePoints: 20, biclusters: 5, noiseSd: 0.15 });
    const pre = preprocess(matrix, { seed: 1, zscore: true });
    const null20 = new Array<number>(20).fill(0);
    const gap = chooseK(pre.matrix.values, 20, { kMin: 2, kMax: 8, seed: 1, nullCentroid: null20 });
    expect(gap.scores.every((s) => typeof s.bic === "number")).toBe(true);
    const b = (k: number) => gap.scores.find((s) => s.k === k)!.bic!;
    for (let k = 3; k <= 5; k++) expect(b(k)).toBeGreaterThan(b(k - 1) + 100);
    const bic = chooseK(pre.matrix.values, 20, { kMin: 2, kMax: 8, seed: 1, nullCentroid: null20, criterion: "bic" });
    const top = Math.max(...bic.scores.map((s) => s.bic!));
    expect(bic.scores.find((s) => s.k === bic.k)!.bic).toBe(top);
    expect(bic.k).toBeGreaterThanOrEqual(5);
    expect(bic.reason).toMatch(new RegExp(`^K = ${bic.k} has the highest mixture BIC`));
  });
});

describe("stability per K", () => {
  it("is the agreement of k-means on two halves of the points; criterion stability picks the highest", () => {
    // Four tight blobs on a square: any two halves find the same four clusters, while 2 or 3
    // clusters can merge the blobs in several equally good ways (stability's known bias: it also
    // rewards a K whose merges happen to be the same every time, e.g. 2 of 3 blobs in a triangle).
    const rng = createRng(4);
    const centres = [[0, 0], [10, 0], [0, 10], [10, 10]];
    const data = Float64Array.from(Array.from({ length: 400 }, (_, i) => centres[i % 4]!.map((c) => c + 0.5 * rng.normal())).flat());
    const res = chooseK(data, 2, { kMin: 2, kMax: 6, seed: 1, criterion: "stability" });
    const st = res.scores.map((s) => s.stability!);
    expect(st.every((v) => typeof v === "number" && v <= 1)).toBe(true);
    expect(res.k).toBe(4);
    expect(res.scores.find((s) => s.k === 4)!.stability!).toBeGreaterThan(0.99);
    expect(res.scores.find((s) => s.k === 4)!.stability).toBe(Math.max(...st));
    expect(res.reason).toMatch(/^K = 4 has the highest stability/);
    // Other criteria do not compute it.
    expect(chooseK(data, 2, { kMin: 2, kMax: 4, seed: 1 }).scores.every((s) => s.stability === undefined)).toBe(true);
  });
});
