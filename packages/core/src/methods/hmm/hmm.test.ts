import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import { NotFittedError } from "../../errors.ts";
import { consensusScore, matchedScores } from "../../metrics/index.ts";
import { createRng } from "../../random.ts";
import { generateSynthetic } from "../../synth/index.ts";
import { HmmMixture, type GaussianHmm } from "./model.ts";
import { hmmBaseline } from "./index.ts";

/** log p(x) by summing over every state path (tiny models only). */
function bruteForce(m: GaussianHmm, x: number[]): number {
  const S = m.means.length;
  const T = x.length;
  const density = (s: number, v: number) => Math.exp(-((v - m.means[s]!) ** 2) / (2 * m.variances[s]!)) / Math.sqrt(2 * Math.PI * m.variances[s]!);
  let total = 0;
  for (let code = 0; code < S ** T; code++) {
    const path = Array.from({ length: T }, (_, t) => Math.floor(code / S ** t) % S);
    let p = m.start[path[0]!]! * density(path[0]!, x[0]!);
    for (let t = 1; t < T; t++) p *= m.transitions[path[t - 1]! * S + path[t]!]! * density(path[t]!, x[t]!);
    total += p;
  }
  return Math.log(total);
}

/** Genes of three groups peaking early, in the middle and late (plus noise), z-scored later by nobody: already ~ unit scale. */
function temporalGroups(perGroup: number, T: number, seed: number): { x: Float64Array; labels: number[] } {
  const rng = createRng(seed);
  const x = new Float64Array(3 * perGroup * T);
  const labels: number[] = [];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < perGroup; i++) {
      const row = (g * perGroup + i) * T;
      for (let t = 0; t < T; t++) x[row + t] = (Math.floor((3 * t) / T) === g ? 1.5 : -0.75) + 0.4 * rng.normal();
      labels.push(g);
    }
  }
  return { x, labels };
}

describe("HmmMixture", () => {
  it("computes a sequence's log-likelihood exactly (forward algorithm vs the sum over all paths)", () => {
    const { x } = temporalGroups(4, 6, 1);
    const mixture = new HmmMixture({ k: 2, states: 3, topology: "ergodic", maxIterations: 3, background: false });
    mixture.fit(x, 12, 6, { initialLabels: [0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 1] });
    const seq = [0.3, -1.2, 2.5, 0.1, 1.9, -0.4];
    for (let c = 0; c < 2; c++) expect(mixture.sequenceLogLikelihood(c, seq)).toBeCloseTo(bruteForce(mixture.fittedModels[c]!, seq), 9);
    // extreme values do not underflow (per-step max-log shift)
    expect(Number.isFinite(mixture.sequenceLogLikelihood(0, [40, -40, 40, -40, 40, -40]))).toBe(true);
  });

  it.each(["left-right", "ergodic"] as const)("%s: the log-likelihood never decreases over EM iterations", (topology) => {
    const { x } = temporalGroups(20, 12, 2);
    const report = new HmmMixture({ k: 3, states: 4, topology, maxIterations: 25, tolerance: 0, background: true, seed: 3 }).fit(x, 60, 12);
    expect(report.logLikelihood).toHaveLength(26);
    for (let i = 1; i < report.logLikelihood.length; i++) expect(report.logLikelihood[i]!).toBeGreaterThanOrEqual(report.logLikelihood[i - 1]! - 1e-7);
    expect(report.logLikelihood.at(-1)! - report.logLikelihood[0]!).toBeGreaterThan(1);
  });

  it("separates temporal groups a left-right HMM can tell apart, round-trips through JSON, refuses to predict unfitted", () => {
    const { x, labels } = temporalGroups(15, 12, 4);
    expect(() => new HmmMixture({ k: 3 }).predict(x, 45, 12)).toThrow(NotFittedError);
    // start from a noisy split: a third of the genes in a wrong initial cluster
    const mixture = new HmmMixture({ k: 3, states: 12, background: false });
    const report = mixture.fit(x, 45, 12, { initialLabels: labels.map((l, i) => (i % 3 === 0 ? (l + 1) % 3 : l)) });
    const predicted = mixture.predict(x, 45, 12);
    expect(matchedScores(labels, predicted).accuracy).toBe(1);
    expect(report.converged).toBe(true);
    const again = HmmMixture.load(JSON.parse(JSON.stringify(mixture.toJSON())) as ReturnType<HmmMixture["toJSON"]>);
    expect(Array.from(again.predict(x, 45, 12))).toEqual(Array.from(predicted));
  });
});

describe("hmm method", () => {
  it("recovers planted temporal biclusters, background genes to the null component", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 300, timePoints: 16, biclusters: 3 });
    const res = await runMethod(hmmBaseline, { matrix }, { k: 3, permutations: 19 }, { seed: 1 });
    expect(res.stages.map((s) => s.id)).toEqual(["preprocess", "kmeans", "hmm-fit", "bicluster", "score"]);
    // Genes (F1) and windows (consensus; measured 0.96 with the zero background level of the
    // likelihood selection, 0.73 with the column means, which the planted patterns move).
    expect(consensusScore(res.payload.biclusters, truth.biclusters)).toBeGreaterThan(0.85);
    expect(matchedScores(truth.labels, res.payload.labels, { unassignedIsBackground: true }).f1).toBeGreaterThan(0.9);
    const hmm = res.payload.details.hmm as { logLikelihood: number[] };
    for (let i = 1; i < hmm.logLikelihood.length; i++) expect(hmm.logLikelihood[i]!).toBeGreaterThanOrEqual(hmm.logLikelihood[i - 1]! - 1e-6);
    expect(res.payload.kChoice?.k).toBe(3);
  });
});
