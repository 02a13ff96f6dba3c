import { describe, expect, it } from "vitest";
import { clusterOrder, correlationDistance, TopK, variance, zscore } from "./order-heatmap.ts";

describe("heatmap ordering helpers", () => {
  it("variance skips missing values", () => {
    // Population variance (as everywhere in core): [1, 2, 3] -> 2 / 3.
    expect(variance([1, 2, 3, NaN])).toBeCloseTo(2 / 3, 10);
    expect(variance([5])).toBe(0);
  });

  it("z-scores a row with the population sd and keeps missing values missing", () => {
    const z = zscore([1, 3, NaN]);
    expect(z[0]).toBeCloseTo(-1, 10);
    expect(z[1]).toBeCloseTo(1, 10);
    expect(Number.isNaN(z[2])).toBe(true);
    expect([...zscore([2, 2, 2])]).toEqual([0, 0, 0]);
  });

  it("correlation distance: 0 for parallel, 2 for opposite profiles", () => {
    expect(correlationDistance([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 10);
    expect(correlationDistance([1, 2, 3], [3, 2, 1])).toBeCloseTo(2, 10);
  });

  it("places correlated rows next to each other", () => {
    const up = [1, 2, 3, 4];
    const down = [4, 3, 2, 1];
    const rows = [up, down, up.map((x) => x * 2 + 1), down.map((x) => x + 0.5), up.map((x) => x + 0.1)];
    const order = clusterOrder(rows);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    const positions = order.map((i) => (i === 1 || i === 3 ? "d" : "u")).join("");
    expect(["uuudd", "dduuu"]).toContain(positions);
  });

  it("TopK keeps the largest scores, earlier index first on ties", () => {
    const top = new TopK<string>(2);
    [3, 9, 1, 9, 5].forEach((s, i) => top.offer(s, i, `v${i}`));
    expect(top.result().map((r) => r.index)).toEqual([1, 3]);
  });
});
