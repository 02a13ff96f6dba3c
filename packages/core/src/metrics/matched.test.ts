import { describe, expect, it } from "vitest";
import { matchedScores } from "./matched.ts";

describe("matchedScores", () => {
  const truth = [0, 0, 0, 1, 1, 1, -1, -1];
  const predicted = [5, 5, 7, 7, 7, 7, -1, 5];

  it("matches by the Hungarian algorithm and scores at gene level (hand-computed)", () => {
    const r = matchedScores(truth, predicted);
    // overlaps: class 0 ∩ cluster 5 = 2, class 1 ∩ cluster 7 = 3; background left unmatched
    expect(r.matching).toEqual([
      [0, 5],
      [1, 7],
    ]);
    expect(r.accuracy).toBeCloseTo(5 / 8, 12);
    const c0 = r.perClass.find((c) => c.label === 0)!;
    expect(c0.precision).toBeCloseTo(2 / 3, 12);
    expect(c0.recall).toBeCloseTo(2 / 3, 12);
    const c1 = r.perClass.find((c) => c.label === 1)!;
    expect(c1.precision).toBeCloseTo(0.75, 12);
    expect(c1.recall).toBeCloseTo(1, 12);
    expect(c1.f1).toBeCloseTo(1.5 / 1.75, 12);
    expect(r.perClass.find((c) => c.label === -1)).toEqual({ label: -1, precision: 0, recall: 0, f1: 0 });
    expect(r.precision).toBeCloseTo((2 / 3 + 0.75) / 3, 12);
    expect(r.recall).toBeCloseTo((2 / 3 + 1) / 3, 12);
    expect(r.f1).toBeCloseTo((2 / 3 + 1.5 / 1.75) / 3, 12);
  });

  it("can count unassigned genes as background", () => {
    const r = matchedScores(truth, predicted, { unassignedIsBackground: true });
    expect(r.matching[0]).toEqual([-1, -1]);
    expect(r.accuracy).toBeCloseTo(6 / 8, 12);
    const bg = r.perClass.find((c) => c.label === -1)!;
    expect(bg.precision).toBeCloseTo(1, 12);
    expect(bg.recall).toBeCloseTo(0.5, 12);
  });

  it("is invariant to cluster names and prefers the optimal, not greedy, matching", () => {
    expect(matchedScores([0, 0, 1, 1, 2], [9, 9, 4, 4, 1]).accuracy).toBe(1);
    // greedy on the largest overlap (class 0 -> cluster 1, 3 genes) would leave class 1 with nothing;
    // optimal: class 0 -> cluster 2 (2) + class 1 -> cluster 1 (2) = 4 > 3
    const t = [0, 0, 0, 0, 0, 1, 1];
    const p = [1, 1, 1, 2, 2, 1, 1];
    const r = matchedScores(t, p);
    expect(r.matching).toEqual([
      [0, 2],
      [1, 1],
    ]);
    expect(r.accuracy).toBeCloseTo(4 / 7, 12);
  });

  it("counts surplus clusters as wrong", () => {
    const r = matchedScores([0, 0, 0, 0], [1, 1, 2, 3]);
    expect(r.accuracy).toBeCloseTo(0.5, 12);
    expect(r.perClass[0]!.precision).toBe(1);
    expect(r.perClass[0]!.recall).toBeCloseTo(0.5, 12);
  });
});
