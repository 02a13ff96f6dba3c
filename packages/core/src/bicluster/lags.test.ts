// Time-lagged biclusters (RefineOptions.maxLag): a group of genes following one pattern, each
// delayed by 0-3 time points, among noise genes.
import { describe, expect, it } from "vitest";
import { runMethod } from "../analysis/run-method.ts";
import { METHODS } from "../methods/index.ts";
import { createRng } from "../random.ts";
import { zscoredBackground, geneEvidence, memberModel, selectByLikelihood } from "./likelihood.ts";
import { memberEvidence, refineCluster } from "./refine.ts";

const C = 20;
const N = 300;
const M = 40;
const START = 5;
const PATTERN = [0, 1, 2, 3, 2, 1, 0, -1, -2, -1];

/** z-scored genes; genes 0..M-1 carry PATTERN from START + lag, lag = i % 4; the rest are noise. */
function laggedGroup(): { values: Float64Array; lag: number[] } {
  const rng = createRng("lags");
  const values = new Float64Array(N * C);
  const lag = Array.from({ length: M }, (_, i) => i % 4);
  for (let i = 0; i < N; i++) {
    const row = Array.from({ length: C }, () => 0.3 * rng.normal());
    if (i < M) PATTERN.forEach((v, k) => (row[START + lag[i]! + k]! += 0.6 * v));
    const m = row.reduce((a, b) => a + b, 0) / C;
    const sd = Math.sqrt(row.reduce((a, b) => a + (b - m) ** 2, 0) / C);
    row.forEach((v, j) => (values[i * C + j] = (v - m) / sd));
  }
  return { values, lag };
}

describe("time-lagged biclusters", () => {
  const { values, lag } = laggedGroup();
  const planted = Array.from({ length: M }, (_, i) => i);

  it("keeps the lagged genes with their lags, and only those; without lags it loses most of them", () => {
    const lagged = refineCluster(values, C, 0, planted, { mode: "window", maxLag: 3 })!;
    const inGroup = lagged.genes.filter((g) => g < M);
    expect(inGroup.length).toBeGreaterThanOrEqual(38);
    expect(lagged.genes.length - inGroup.length).toBeLessThanOrEqual(3);
    // Lags are relative to the pattern: true lag minus found lag is one constant for the members.
    const offsets = new Map<number, number>();
    lagged.genes.forEach((g, k) => {
      if (g < M) offsets.set(lag[g]! - lagged.lags[k]!, (offsets.get(lag[g]! - lagged.lags[k]!) ?? 0) + 1);
    });
    expect(Math.max(...offsets.values())).toBeGreaterThanOrEqual(36);
    // The conditions: the pattern's window at every lag (START .. START + 9 + 3).
    expect(lagged.conditions[0]).toBeLessThanOrEqual(START + 1);
    expect(lagged.conditions.at(-1)).toBeGreaterThanOrEqual(START + PATTERN.length + 1);

    const plain = refineCluster(values, C, 0, planted, { mode: "window" })!;
    expect(plain.genes.filter((g) => g < M).length).toBeLessThan(30);
    expect(plain.lags.every((d) => d === 0)).toBe(true);
  });

  it("charges for the lag: with maxLag 0 memberEvidence is geneEvidence; a lag's choice costs ln(maxLag + 1)", () => {
    const bg = zscoredBackground(values, C);
    const sel = selectByLikelihood(values, C, planted, { mode: "window" }, bg);
    const model = memberModel(values, C, planted, sel.conditions, sel.residualVariance);
    const plain = geneEvidence(values, C, model, bg);
    expect(Array.from(memberEvidence(values, C, model, bg, 0).evidence)).toEqual(Array.from(plain));
    const lagged = memberEvidence(values, C, model, bg, 3);
    // At least as good as lag 0 less the cost, for every gene (lag 0 is one of the choices).
    for (let g = 0; g < N; g++) expect(lagged.evidence[g]!).toBeGreaterThanOrEqual(plain[g]! - Math.log(4) - 1e-9);
    expect(lagged.lag.every((d) => d >= -1 && d <= 2)).toBe(true);
  });

  it("refuses a largest gene lag on samples without times, naming the field", async () => {
    const genes = Array.from({ length: 30 }, (_, i) => `g${i}`);
    const conditions = Array.from({ length: 6 }, (_, j) => ({ id: `s${j}` }));
    const rng = createRng(2);
    const matrix = { genes, conditions, values: Float64Array.from({ length: 180 }, () => rng.normal()) };
    await expect(runMethod(METHODS.require("kmeans"), { matrix }, { k: 2, maxLag: 2, permutations: 0 }, { seed: 1 })).rejects.toMatchObject({
      location: { field: "maxLag" },
      detail: expect.stringContaining("time course"),
    });
  });
});
