import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "./rand-index.ts";

describe("adjustedRandIndex", () => {
  it("is 1 for the same partition under other names, and symmetric", () => {
    expect(adjustedRandIndex([0, 0, 1, 1, -1], [5, 5, 2, 2, 7])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2]), 12);
  });

  it("matches hand-computed values", () => {
    // [0,0,1,2] vs [0,0,1,1]: index 1 (the pair 0-1), rows 1, cols 2, pairs(4) = 6:
    // expected 1 * 2 / 6 = 1/3, max 1.5 -> (1 - 1/3) / (1.5 - 1/3) = 4/7.
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12);
    // one class against singletons: index 0, rows 6, cols 0 -> expected 0, max 3 -> 0.
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it("is near 0 for independent random partitions and refuses partitions of different sizes", () => {
    let s = 1;
    const rand = () => ((s = (s * 16807) % 2147483647) % 4);
    const a = Array.from({ length: 4000 }, rand);
    const b = Array.from({ length: 4000 }, rand);
    expect(Math.abs(adjustedRandIndex(a, b))).toBeLessThan(0.01);
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow(RangeError);
  });
});
