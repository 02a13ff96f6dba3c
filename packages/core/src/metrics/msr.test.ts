import { describe, expect, it } from "vitest";
import { meanSquaredResidue } from "./msr.ts";

describe("meanSquaredResidue", () => {
  it("matches a hand-computed 2 x 3 case inside a larger matrix", () => {
    // rows 1 and 3, columns 0, 2, 3 hold [[1,2,3],[2,4,9]]: residues ±1, ±0.5, ±1.5 -> 7/6
    const v = Float64Array.from([
      9, 9, 9, 9,
      1, 9, 2, 3,
      9, 9, 9, 9,
      2, 9, 4, 9,
    ]);
    expect(meanSquaredResidue(v, 4, [1, 3], [0, 2, 3])).toBeCloseTo(7 / 6, 12);
  });

  it("is 0 for an additive (shifted) submatrix", () => {
    const v = Float64Array.from([1, 2, 5, 11, 12, 15, -3, -2, 1]);
    expect(meanSquaredResidue(v, 3, [0, 1, 2], [0, 1, 2])).toBeCloseTo(0, 12);
  });

  it("ignores missing cells, with means over observed cells", () => {
    // [[1,2,NaN],[2,4,9]]: row means 1.5, 5; column means 1.5, 3, 9; overall 3.6 -> 6.7 / 5
    const v = Float64Array.from([1, 2, Number.NaN, 2, 4, 9]);
    expect(meanSquaredResidue(v, 3, [0, 1], [0, 1, 2])).toBeCloseTo(1.34, 12);
    expect(Number.isNaN(meanSquaredResidue(v, 3, [0], [2]))).toBe(true);
  });

  it("rejects out-of-range indices", () => {
    expect(() => meanSquaredResidue(new Float64Array(6), 3, [2], [0])).toThrow(/row index/);
  });
});
