import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import { createRng } from "../../random.ts";
import { bestJaccard, noiseMatrix, plant, strided } from "../test-fixtures.ts";
import { chengChurch, residues } from "./algorithm.ts";
import { chengChurchMethod } from "./index.ts";

describe("Cheng-Church residues", () => {
  it("computes H, d(i) and d(j) by hand on a 2 x 3 matrix", () => {
    // [[1, 2, 6], [3, 4, 2]]: row means 3, 3; column means 2, 3, 4; overall 3.
    // residues: [[1-3-2+3, 2-3-3+3, 6-3-4+3], [3-3-2+3, 4-3-3+3, 2-3-4+3]] = [[-1, -1, 2], [1, 1, -2]]
    const a = Float64Array.from([1, 2, 6, 3, 4, 2]);
    const s = residues(a, 3, [0, 1], [0, 1, 2]);
    expect(s.H).toBeCloseTo(12 / 6, 12);
    expect(Array.from(s.rowScore)).toEqual([2, 2]);
    expect(Array.from(s.colScore)).toEqual([1, 1, 4]);
    // a purely additive block has H = 0; an inverted row mirrors it
    const add = Float64Array.from([1, 2, 4, 3, 4, 6, -1, -2, -4]);
    expect(residues(add, 3, [0, 1], [0, 1, 2]).H).toBeCloseTo(0, 12);
    expect(residues(add, 3, [0, 1, 2], [0, 1, 2], Int8Array.from([1, 1, -1])).H).toBeCloseTo(0, 12);
  });
});

describe("cheng-church method", () => {
  it("recovers a planted constant block (on the z-scored matrix, the default)", async () => {
    const matrix = noiseMatrix(200, 20, 1);
    const constant = { genes: strided(0, 3, 30), conditions: [2, 3, 5, 7, 11, 12, 15, 18] };
    plant(matrix, constant, () => 3, 0.2, 2);
    const res = await runMethod(chengChurchMethod, { matrix }, { k: 2, delta: 0.02, permutations: 19 }, { seed: 1 });
    const found = res.payload.biclusters;
    expect(found).toHaveLength(2);
    expect(bestJaccard(constant, found)).toBeGreaterThan(0.95);
    expect(res.payload.labels[constant.genes[0]!]).toBe(0);
    expect(res.payload.kChoice).toBeNull();
    expect(found[0]!.pValue).toBeLessThan(0.1);
  });

  it("recovers an additive block (gene + condition effects) in the untransformed values (standardize off)", async () => {
    // background N(0, 2^2); block genes: a gene effect everywhere, plus a condition effect of the
    // smaller spread than the noise, so that deletion keeps the block's genes
    const matrix = noiseMatrix(200, 20, 3);
    for (let i = 0; i < matrix.values.length; i++) matrix.values[i]! *= 2;
    const block = { genes: strided(1, 4, 25), conditions: [0, 1, 4, 6, 9, 10, 13] };
    const effects = createRng(4);
    const geneEffect = new Map(block.genes.map((g) => [g, 3 * effects.normal()]));
    const condEffect = new Map(block.conditions.map((c) => [c, effects.normal()]));
    for (const g of block.genes) for (let c = 0; c < 20; c++) matrix.values[g * 20 + c]! += geneEffect.get(g)!;
    plant(matrix, block, (g, c) => geneEffect.get(g)! + condEffect.get(c)!, 0.2, 5);
    const res = await runMethod(chengChurchMethod, { matrix }, { k: 1, delta: 0.02, standardize: false, permutations: 19 }, { seed: 1 });
    // exactly the block's conditions and only block genes; node addition takes a new gene only
    // when its residue is <= H, which the block's own genes (fitted) undercut: about 2 in 3 join
    const [found] = res.payload.biclusters;
    expect(found!.conditions).toEqual(block.conditions);
    expect(found!.genes.every((g) => block.genes.includes(g))).toBe(true);
    expect(found!.genes.length).toBeGreaterThanOrEqual(15);
  });

  it("adds a mirror-image gene as an inverted row, and only when asked", () => {
    // 12 genes following a column pattern over 6 conditions (+ noise), gene 12 its mirror image, 30 noise genes
    const rng = createRng(5);
    const n = 43;
    const m = 6;
    const pattern = [2, -1, 0.5, -2, 1, -0.5];
    const a = new Float64Array(n * m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        a[i * m + j] = i < 12 ? pattern[j]! + 0.1 * rng.normal() : i === 12 ? -pattern[j]! + 0.02 * rng.normal() : 2 * rng.normal();
      }
    }
    const options = { delta: 0.05, alpha: 1.2, count: 1, multipleDeletionMin: 100, rng: createRng(1) };
    const withInv = chengChurch(a, n, m, { ...options, invertedRows: true })[0]!;
    const without = chengChurch(a, n, m, { ...options, invertedRows: false })[0]!;
    expect(withInv.rows.slice(0, 13)).toEqual(strided(0, 1, 13));
    expect(withInv.invertedRows).toEqual([12]);
    expect(without.rows).not.toContain(12);
    expect(without.invertedRows).toEqual([]);
  });

  it("continues an interrupted search with the same biclusters (masks are reproduced)", () => {
    const matrix = noiseMatrix(60, 10, 7);
    const values = matrix.values;
    const o = { delta: 0.3, alpha: 1.2, count: 3, multipleDeletionMin: 100, invertedRows: true, rng: createRng(9) };
    const all = chengChurch(values, 60, 10, o);
    const firstOnly = chengChurch(values, 60, 10, { ...o, count: 1 });
    expect(chengChurch(values, 60, 10, o, firstOnly)).toEqual(all);
  });
});
