import { describe, expect, it } from "vitest";
import { createRng } from "../random.ts";
import { preprocess } from "../preprocess/index.ts";
import { moments, populationSd, populationVariance, zscoreRow } from "../stats/index.ts";
import { clusterOrder, correlationDistance, TopK } from "./index.ts";
import { fastCorrelation } from "./order.ts";

describe("moments: one definition of the sd (population, finite values only)", () => {
  it("hand-computed values", () => {
    // [1, 2, 3, 4]: mean 2.5, squared deviations 2.25 + 0.25 + 0.25 + 2.25 = 5, / 4 = 1.25.
    expect(moments([1, 2, 3, NaN, 4])).toEqual({ n: 4, mean: 2.5, variance: 1.25 });
    expect(populationSd([1, 3])).toBe(1);
    expect(populationVariance([5])).toBe(0);
    expect(Number.isNaN(moments([NaN]).mean)).toBe(true);
  });

  it("z-scores keep missing values missing; a constant row becomes 0s", () => {
    const z = zscoreRow([1, 3, NaN]);
    expect(z[0]).toBe(-1);
    expect(z[1]).toBe(1);
    expect(Number.isNaN(z[2])).toBe(true);
    expect([...zscoreRow([2, 2, 2])]).toEqual([0, 0, 0]);
  });

  it("matches preprocess's z-score on a complete row", () => {
    const values = Float64Array.from([1, 4, 2, 8, 5, 7]);
    const { matrix } = preprocess(
      { genes: ["g"], conditions: ["a", "b", "c", "d", "e", "f"].map((id) => ({ id })), values },
      { transform: "none", impute: "none" },
    );
    const mine = zscoreRow(values);
    matrix.values.forEach((v, j) => expect(v).toBeCloseTo(mine[j]!, 12));
  });
});

describe("correlation distance", () => {
  it("0 for parallel, 2 for opposite, 1 when undefined; missing positions skipped", () => {
    expect(correlationDistance([1, 2, 3], [2, 4, 6])).toBeCloseTo(0, 12);
    expect(correlationDistance([1, 2, 3], [3, 2, 1])).toBeCloseTo(2, 12);
    expect(correlationDistance([1, 1, 1], [1, 2, 3])).toBe(1);
    expect(correlationDistance([1, NaN, 2, 3], [2, 100, 4, 6])).toBeCloseTo(0, 12);
  });
});

/** Three groups of profiles (up, down, peak), shuffled, with noise. */
function groups(n: number, seed: number): { items: Float64Array[]; group: number[] } {
  const rng = createRng(seed);
  const shapes = [
    [0, 1, 2, 3, 4, 5],
    [5, 4, 3, 2, 1, 0],
    [0, 2, 5, 5, 2, 0],
  ];
  const group = Array.from({ length: n }, (_, i) => i % 3);
  rng.shuffle(group);
  const items = group.map((g) => Float64Array.from(shapes[g]!, (x) => x + 0.2 * rng.normal()));
  return { items, group };
}

/** Number of places where consecutive items in `order` belong to different groups. */
function switches(order: number[], group: number[]): number {
  let s = 0;
  for (let i = 1; i < order.length; i++) if (group[order[i]!] !== group[order[i - 1]!]) s++;
  return s;
}

describe("clusterOrder (UPGMA via ml-hclust)", () => {
  it("places correlated rows next to each other", () => {
    const up = [1, 2, 3, 4];
    const down = [4, 3, 2, 1];
    const rows = [up, down, up.map((x) => x * 2 + 1), down.map((x) => x + 0.5), up.map((x) => x + 0.1)];
    const order = clusterOrder(rows);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4]);
    const positions = order.map((i) => (i === 1 || i === 3 ? "d" : "u")).join("");
    expect(["uuudd", "dduuu"]).toContain(positions);
  });

  it("is deterministic and groups three noisy shapes into three runs", () => {
    const { items, group } = groups(60, 7);
    const a = clusterOrder(items);
    expect(a).toEqual(clusterOrder(items));
    expect([...a].sort((x, y) => x - y)).toEqual(items.map((_, i) => i));
    expect(switches(a, group)).toBe(2);
  });

  it("stays bounded on many items: representatives clustered, the rest next to their nearest", () => {
    const { items, group } = groups(300, 11);
    const order = clusterOrder(items, { maxExact: 30 });
    expect([...order].sort((x, y) => x - y)).toEqual(items.map((_, i) => i));
    expect(switches(order, group)).toBe(2);
    // Representatives are items 0, 10, 20, ...: each is followed by the items attached to it.
    expect(order[0]! % 10).toBe(0);
  });
});

describe("TopK", () => {
  it("keeps the largest scores, earlier index first on ties", () => {
    const top = new TopK<string>(2);
    [3, 9, 1, 9, 5].forEach((s, i) => top.offer(s, i, `v${i}`));
    expect(top.result().map((r) => r.index)).toEqual([1, 3]);
  });
});

describe("clusterOrder's fast correlation path", () => {
  it("equals correlationDistance (to rounding) with missing values and constant rows, and gives the same order", () => {
    const { items } = groups(45, 3);
    items[4]![2] = Number.NaN;
    items[9]!.fill(1);
    const fast = fastCorrelation(items);
    for (let i = 0; i < items.length; i++) {
      for (let j = 0; j < items.length; j++) if (i !== j) expect(Math.abs(fast(i, j) - correlationDistance(items[i]!, items[j]!))).toBeLessThan(1e-12);
    }
    expect(clusterOrder(items)).toEqual(clusterOrder(items, { distance: correlationDistance }));
  });
});
