// checkKByBiclusters: an automatic K is checked against the biclusters step 6 makes of it.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createRunContext } from "../../analysis/context.ts";
import { KMeans } from "../../cluster/index.ts";
import { generateSynthetic } from "../../synth/index.ts";
import { biclustersFromGeneClusters, checkKByBiclusters, preprocessForClustering } from "./gene-cluster-steps.ts";
import { extractionParams, kParams, preprocessParams } from "./gene-cluster-params.ts";

const params = z.object({ ...preprocessParams, ...kParams, ...extractionParams }).parse({});
const ctx = createRunContext({ seed: 1, stages: [{ id: "kmeans", label: "k" }], plan: [] }).ctx;

function handedK(k: number) {
  const { matrix } = generateSynthetic({ genes: 400, timePoints: 16, biclusters: 4, genesPerBicluster: 40, seed: 3 });
  const pre = preprocessForClustering(matrix, params, 1);
  const features = { data: pre.values, dim: pre.T, nullVector: new Array<number>(pre.T).fill(0) };
  const fit = new KMeans({ k, seed: 1, nInit: 10, nullCentroid: features.nullVector }).fit(features.data, features.dim);
  const scores = [2, 3, 4, 5, 6, 7].map((kk) => ({ k: kk, silhouette: null, inertia: 0 }));
  return checkKByBiclusters(features, pre, { k, fit, scores, reason: `K = ${k} from the elbow` }, params, 1, ctx);
}

describe("checkKByBiclusters", () => {
  it("moves a K that merges two of 4 planted groups to 4, and says why", () => {
    const r = handedK(3);
    expect(r.k).toBe(4);
    expect(r.fit.centroids).toHaveLength(4);
    expect(r.reason).toMatch(/^K = 3 from the elbow; checked against the biclusters \(K 2, 3, 4, 5 give .*K = 4 chosen instead$/);
    // The counts per K tried are kept with the scan's scores (the run page plots them).
    const counts = r.scores.map((s) => s.biclusters ?? null);
    expect(counts.slice(0, 4).every((c) => c !== null)).toBe(true);
    expect(counts.slice(4)).toEqual([null, null]);
    expect(counts[2]).toBe(Math.max(...counts.slice(0, 4).map(Number)));
  });

  it("keeps the planted K when it is handed in (a K that splits a group adds no bicluster)", () => {
    const r = handedK(4);
    expect(r.k).toBe(4);
    expect(r.reason).toMatch(/K = 4 kept$/);
  });
});

describe("biclustersFromGeneClusters with an automatic K", () => {
  it("keeps at most the chosen K biclusters, as with K given", () => {
    const { matrix } = generateSynthetic({ genes: 400, timePoints: 16, biclusters: 4, genesPerBicluster: 40, seed: 3 });
    const pre = preprocessForClustering(matrix, params, 1);
    const features = { data: pre.values, dim: pre.T, nullVector: new Array<number>(pre.T).fill(0) };
    const labels = new KMeans({ k: 4, seed: 1, nInit: 10, nullCentroid: features.nullVector }).fit(features.data, features.dim).labels;
    const auto = { ...params, k: "auto" as const, permutations: 0 };
    const run = (chosenK?: number) =>
      biclustersFromGeneClusters(matrix, pre, labels, features, auto, createRunContext({ seed: 1, stages: [{ id: "bicluster", label: "b" }, { id: "score", label: "s" }], plan: [] }).ctx, chosenK === undefined ? {} : { k: chosenK });
    expect(run().biclusters).toHaveLength(4);
    expect(run(2).biclusters).toHaveLength(2);
  });
});
