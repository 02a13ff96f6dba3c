import { describe, expect, it } from "vitest";
import { labelInterval, symmetricRange } from "./scale.ts";

describe("symmetricRange", () => {
  it("uses the 98th percentile of |value| and ignores missing values", () => {
    const row = Array.from({ length: 100 }, (_, i) => (i % 2 ? -1 : 1) * (i + 1));
    expect(symmetricRange([row, [null, Number.NaN]])).toBe(98);
  });
  it("falls back to 1 when everything is missing", () => {
    expect(symmetricRange([[null]])).toBe(1);
  });
});

describe("labelInterval", () => {
  it("shows every label when they fit, else skips evenly", () => {
    expect(labelInterval(10, 200, 16)).toBe(0);
    expect(labelInterval(100, 160, 16)).toBe(9);
  });
});
