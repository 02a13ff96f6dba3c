import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { createRng } from "../random.ts";
import type { ExpressionMatrix } from "../types.ts";
import { preprocess } from "./index.ts";

const NA = Number.NaN;

function mat(rows: number[][], genes?: string[]): ExpressionMatrix {
  const m = rows[0]!.length;
  return {
    genes: genes ?? rows.map((_, i) => `g${i}`),
    conditions: Array.from({ length: m }, (_, j) => ({ id: `t${j}`, time: j })),
    values: Float64Array.from(rows.flat()),
  };
}

function row(x: ExpressionMatrix, i: number): number[] {
  const m = x.conditions.length;
  return Array.from(x.values.subarray(i * m, i * m + m));
}

function closeTo(actual: number[], expected: number[], digits = 6): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, j) => expect(v).toBeCloseTo(expected[j]!, digits));
}

describe("preprocess", () => {
  it("log2(x + 1) without z-score", () => {
    const { matrix } = preprocess(mat([[0, 1, 3, 7]]), { transform: "log2", zscore: false });
    closeTo(row(matrix, 0), [0, 1, 2, 3]);
  });

  it("cpm-log2 uses column sums of observed values", () => {
    const { matrix } = preprocess(mat([[1, 3], [3, 1]]), { transform: "cpm-log2", zscore: false });
    // column sums 4 and 4: CPM 250000 / 750000, then log2(x + 1)
    closeTo(row(matrix, 0), [17.931574340092798, 19.516532993637437]);
    closeTo(row(matrix, 1), [19.516532993637437, 17.931574340092798]);
  });

  it("log transforms reject negative values", () => {
    expect(() => preprocess(mat([[1, -2, 3]]), { transform: "log2" })).toThrow(InputError);
    expect(() => preprocess(mat([[0, 1], [0, 2]]), { transform: "cpm-log2" })).toThrow(/library size/);
  });

  it("z-scores with the population sd", () => {
    const { matrix } = preprocess(mat([[1, 2, 3, 4]]));
    closeTo(row(matrix, 0), [-1.3416407865, -0.4472135955, 0.4472135955, 1.3416407865]);
  });

  it("drops genes with more missing than maxMissingFraction, and all-missing genes", () => {
    const input = mat([
      [1, NA, NA, NA], // 75% missing: dropped
      [1, NA, NA, 4], // 50%: kept (not more than 0.5)
      [NA, NA, NA, NA], // none observed: dropped
      [1, 2, 3, 5],
    ]);
    const { report, keptGenes, matrix } = preprocess(input, { impute: "row-mean", zscore: false });
    expect(keptGenes).toEqual([1, 3]);
    expect(report).toMatchObject({ genesIn: 4, droppedMissing: 2, missingIn: 9, valuesImputed: 2, genesOut: 2 });
    closeTo(row(matrix, 0), [1, 2.5, 2.5, 4]);
    expect(preprocess(input, { impute: "row-mean", maxMissingFraction: 0.8 }).report.droppedMissing).toBe(1);
  });

  it("kNN imputation: mean of the k nearest genes on shared columns", () => {
    const input = mat([
      [1, 2, 3, NA],
      [1, 2, 3, 4], // distance 0
      [1, 2, 4, 6], // distance^2 = 1/3
      [10, 20, 30, 40], // far
    ]);
    const k1 = preprocess(input, { impute: "knn", knnK: 1, zscore: false });
    expect(k1.matrix.values[3]).toBeCloseTo(4, 10);
    const k2 = preprocess(input, { impute: "knn", knnK: 2, zscore: false });
    expect(k2.matrix.values[3]).toBeCloseTo(5, 10);
    expect(k2.report.valuesImputed).toBe(1);
    const k3 = preprocess(input, { impute: "knn", knnK: 3, zscore: false });
    expect(k3.matrix.values[3]).toBeCloseTo((4 + 6 + 40) / 3, 10);
  });

  it("kNN skips neighbours missing the column and falls back to the row mean", () => {
    const input = mat([
      [1, 2, NA],
      [1, 2, NA], // nearest but missing the column
      [1, 3, 9],
      [5, 5, NA],
    ]);
    const { matrix, report } = preprocess(input, { impute: "knn", knnK: 1, zscore: false });
    expect(matrix.values[2]).toBeCloseTo(9, 10); // from g2, skipping g1
    expect(report.imputeFallbacks).toBe(0);
    const lonely = preprocess(mat([[1, 2, NA], [3, 5, NA]]), { impute: "knn", zscore: false });
    expect(lonely.report.imputeFallbacks).toBe(2);
    closeTo(row(lonely.matrix, 0), [1, 2, 1.5]);
    closeTo(row(lonely.matrix, 1), [3, 5, 4]);
  });

  it("imputes from un-imputed neighbours only (order does not matter)", () => {
    const a = mat([
      [1, 2, NA],
      [1, 2, NA],
      [1, 2, 7],
    ]);
    const { matrix } = preprocess(a, { impute: "knn", knnK: 1, zscore: false });
    expect(matrix.values[2]).toBe(7);
    expect(matrix.values[5]).toBe(7);
  });

  it("drops unexpressed and constant genes, then keeps the top-N most variable", () => {
    const input = mat([
      [2, 2, 2, 2], // constant
      [0.1, 0.2, 0.1, 0.3], // max 0.3 < minExpression 1
      [1, 2, 3, 4], // variance 1.25
      [1, 5, 1, 5], // variance 4
      [3, 3.5, 3, 3.5], // variance 0.0625
    ]);
    const { report, keptGenes, matrix } = preprocess(input, { minExpression: 1, topVariance: 2, zscore: false });
    expect(report).toMatchObject({ droppedConstant: 1, droppedUnexpressed: 1, droppedByVariance: 1, genesOut: 2 });
    expect(keptGenes).toEqual([2, 3]);
    expect(matrix.genes).toEqual(["g2", "g3"]);
    const mv = preprocess(input, { minVariance: 0.1, zscore: false });
    expect(mv.keptGenes).toEqual([2, 3]);
    expect(mv.report.droppedConstant).toBe(3);
  });

  it("never mutates the input and keeps annotations aligned", () => {
    const input = mat([
      [1, NA, 3],
      [4, 4, 4],
      [2, 3, 9],
    ]);
    input.annotations = { columns: ["symbol"], rows: [["A"], ["B"], ["C"]] };
    const before = Array.from(input.values);
    const { matrix, keptGenes } = preprocess(input, { transform: "log2" });
    expect(Array.from(input.values)).toEqual(before);
    expect(keptGenes).toEqual([0, 2]);
    expect(matrix.annotations?.rows).toEqual([["A"], ["C"]]);
    expect(matrix.conditions).not.toBe(input.conditions);
  });

  it("impute none keeps NaN and z-scores the observed values", () => {
    const { matrix } = preprocess(mat([[1, NA, 3]]), { impute: "none" });
    expect(matrix.values[0]).toBeCloseTo(-1, 10);
    expect(Number.isNaN(matrix.values[1])).toBe(true);
    expect(matrix.values[2]).toBeCloseTo(1, 10);
  });

  it("validates options with the field name", () => {
    expect(() => preprocess(mat([[1, 2]]), { knnK: 0 })).toThrow(InputError);
    expect(() => preprocess(mat([[1, 2]]), { maxMissingFraction: 2 })).toThrow(/maxMissingFraction/);
  });

  it("kNN with a seeded candidate subsample recovers values in a clustered matrix", () => {
    const rng = createRng(9);
    const n = 3000;
    const m = 12;
    const centres = Array.from({ length: 5 }, () => Array.from({ length: m }, () => 5 * rng.normal()));
    const rows = Array.from({ length: n }, (_, i) => centres[i % 5]!.map((c) => c + 0.1 * rng.normal()));
    const truth = rows.map((r) => [...r]);
    const holes: [number, number][] = [];
    for (let i = 0; i < n; i += 10) {
      const j = rng.int(m);
      rows[i]![j] = NA;
      holes.push([i, j]);
    }
    const t0 = performance.now();
    const opts = { impute: "knn" as const, knnCandidates: 500, zscore: false };
    const a = preprocess(mat(rows), opts);
    const ms = performance.now() - t0;
    const b = preprocess(mat(rows), opts);
    expect(Array.from(a.matrix.values)).toEqual(Array.from(b.matrix.values));
    expect(a.report.valuesImputed).toBe(holes.length);
    let maxErr = 0;
    for (const [i, j] of holes) maxErr = Math.max(maxErr, Math.abs(a.matrix.values[i * m + j]! - truth[i]![j]!));
    expect(maxErr).toBeLessThan(0.5);
    expect(ms).toBeLessThan(5000);
  });
});
