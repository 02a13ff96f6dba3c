import { describe, expect, it } from "vitest";
import { consensusScore, prelicRecovery, prelicRelevance } from "./bicluster-compare.ts";

const A = { genes: [0, 1, 2, 3], conditions: [0, 1] }; // 8 cells
const B = { genes: [2, 3, 4], conditions: [1, 2] }; // 6 cells; A ∩ B = {2,3} x {1} = 2 cells
const C = { genes: [10, 11], conditions: [0] };
const X = { genes: [0, 1], conditions: [1, 0] }; // 4 cells, inside A

describe("consensusScore", () => {
  it("is 1 for identical sets (any order) and 0 for disjoint ones", () => {
    expect(consensusScore([A, B], [B, A])).toBeCloseTo(1, 12);
    expect(consensusScore([A], [C])).toBe(0);
  });
  it("matches hand-computed partial cases", () => {
    expect(consensusScore([A], [B])).toBeCloseTo(2 / 12, 12);
    // sim(A,B)=1/6, sim(A,X)=4/8, sim(B,B)=1, sim(B,X)=0 -> A-X + B-B = 1.5, / 2
    expect(consensusScore([A, B], [B, X])).toBeCloseTo(0.75, 12);
  });
  it("divides by the larger count", () => {
    expect(consensusScore([A, C], [A])).toBeCloseTo(0.5, 12);
    expect(consensusScore([A], [A, B, C])).toBeCloseTo(1 / 3, 12);
    expect(consensusScore([], [A])).toBe(0);
  });
});

describe("Prelic relevance and recovery", () => {
  it("averages the best gene-set Jaccard over found (relevance) or truth (recovery)", () => {
    // gene Jaccard(A, B) = 2/5, C shares nothing
    expect(prelicRelevance([A, C], [B])).toBeCloseTo(0.2, 12);
    expect(prelicRecovery([A, C], [B])).toBeCloseTo(0.4, 12);
    expect(prelicRelevance([A, B], [A, B])).toBeCloseTo(1, 12);
  });
  it("has a cell-based variant", () => {
    expect(prelicRelevance([A, C], [B], "cells")).toBeCloseTo(1 / 12, 12);
    expect(prelicRecovery([X], [A], "cells")).toBeCloseTo(0.5, 12);
    expect(prelicRecovery([X], [A], "genes")).toBeCloseTo(0.5, 12);
  });
});
