// Leakage tests: every data-dependent step must be learned from the training samples only. Each
// test plants a signal that exists ONLY in the test samples; a pipeline that looked at them would
// select or be shifted by it, and the test fails.
import { describe, expect, it } from "vitest";
import { runMethod } from "../analysis/run-method.ts";
import { svmClassifier } from "../methods/svm-classifier/index.ts";
import { createRng } from "../random.ts";
import type { ExpressionMatrix } from "../types.ts";
import { FeaturePipeline, parseFeatureSet, sampleRows } from "./features.ts";

function noiseMatrix(genes: number, samples: number, seed: number): ExpressionMatrix {
  const rng = createRng(seed);
  return {
    genes: Array.from({ length: genes }, (_, g) => `g${g}`),
    conditions: Array.from({ length: samples }, (_, j) => ({ id: `s${j}` })),
    values: Float64Array.from({ length: genes * samples }, () => 5 + rng.normal()),
  };
}

const S = 40;
const y = Int32Array.from({ length: S }, (_, i) => i % 2);
const train = Array.from({ length: 28 }, (_, i) => i);
const test = Array.from({ length: 12 }, (_, i) => 28 + i);

describe("FeaturePipeline fits on training samples only", () => {
  it("top-variance ignores a gene that varies only in the test samples", () => {
    const m = noiseMatrix(30, S, 1);
    for (const j of test) m.values[7 * S + j] = j % 2 ? 50 : -50; // huge variance, test samples only
    const data = sampleRows(m, Array.from({ length: S }, (_, j) => j), false);
    const p = new FeaturePipeline({ features: { mode: "top-variance", n: 3 } }).fit(data, y, train);
    expect(p.fitted.genes).not.toContain(7);
    // Sanity: fitted on all samples it WOULD pick gene 7, so the test can fail.
    const leaky = new FeaturePipeline({ features: { mode: "top-variance", n: 3 } }).fit(data, y, [...train, ...test]);
    expect(leaky.fitted.genes).toContain(7);
  });

  it("correlation selection ignores a gene that tracks the class only in the test samples", () => {
    const m = noiseMatrix(30, S, 2);
    for (const j of test) m.values[11 * S + j] = 5 + (y[j] === 1 ? 4 : -4);
    const data = sampleRows(m, Array.from({ length: S }, (_, j) => j), false);
    const p = new FeaturePipeline({ features: { mode: "correlation", n: 2 } }).fit(data, y, train);
    expect(p.fitted.genes).not.toContain(11);
    const leaky = new FeaturePipeline({ features: { mode: "correlation", n: 2 } }).fit(data, y, [...train, ...test]);
    expect(leaky.fitted.genes).toContain(11);
  });

  it("scaling and imputation use training means and sds; counts drop genes unexpressed in training", () => {
    const m = noiseMatrix(4, S, 3);
    for (const j of test) m.values[0 * S + j] = 1000; // shifts the all-sample mean, not the training one
    m.values[1 * S + 0] = Number.NaN;
    const data = sampleRows(m, Array.from({ length: S }, (_, j) => j), false);
    const p = new FeaturePipeline({ features: { mode: "all" } }).fit(data, y, train);
    let mean0 = 0;
    for (const j of train) mean0 += m.values[j]!;
    expect(p.fitted.mean[0]).toBeCloseTo(mean0 / train.length, 10);
    expect(p.fitted.fittedOn).toEqual(train);
    const x = p.transform(data, train);
    let sum = 0;
    for (let a = 0; a < train.length; a++) sum += x[a * 4]!;
    expect(sum / train.length).toBeCloseTo(0, 5);
    expect(Number.isFinite(p.transform(data, [0])[1]!)).toBe(true); // imputed
    // counts: a gene with counts only in test samples is dropped
    const c = noiseMatrix(3, S, 4);
    for (let j = 0; j < S; j++) c.values[2 * S + j] = test.includes(j) ? 10 : 0;
    const cd = sampleRows(c, Array.from({ length: S }, (_, j) => j), true);
    const cp = new FeaturePipeline({ counts: true }).fit(cd, y, train);
    expect(cp.fitted.genes).toEqual([0, 1]);
    expect(cp.fitted.droppedUnexpressed).toBe(1);
  });

  it("parses feature-set strings", () => {
    expect(parseFeatureSet("top-variance:50")).toEqual({ mode: "top-variance", n: 50 });
    expect(parseFeatureSet("correlation:236")).toEqual({ mode: "correlation", n: 236 });
    expect(() => parseFeatureSet("best:3")).toThrow(/features must be/);
  });
});

describe("a classifier run never selects genes on its test samples", () => {
  it("planting a class signal in the test samples of a run does not change the selected genes", async () => {
    const matrix = noiseMatrix(40, 48, 5);
    const labels = matrix.conditions.map((_, j) => (j % 2 ? "T" : "B"));
    const params = { featureSet: "correlation", featureCount: 3 } as const;
    const first = await runMethod(svmClassifier, { matrix, labels }, params, { seed: 9 });
    const testIds = new Set(first.payload.predictions.map((p) => p.sample));
    // The split depends on labels and seed only: plant gene 20 = class, in the test samples only.
    const planted = { ...matrix, values: Float64Array.from(matrix.values) };
    matrix.conditions.forEach((c, j) => {
      if (testIds.has(c.id)) planted.values[20 * 48 + j] = labels[j] === "T" ? 15 : -5;
    });
    const second = await runMethod(svmClassifier, { matrix: planted, labels }, params, { seed: 9 });
    expect(new Set(second.payload.predictions.map((p) => p.sample))).toEqual(testIds);
    expect(second.payload.features.genes).toEqual(first.payload.features.genes);
    expect(second.payload.features.genes).not.toContain("g20");
  });
});
