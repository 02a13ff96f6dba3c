import { describe, expect, it } from "vitest";
import { fitDesirability, harringtonDesirability, integratedF1 } from "./desirability.ts";

describe("desirability", () => {
  it("fits b0, b1 through the default anchors (hand-computed)", () => {
    const c = fitDesirability();
    // z = -ln(-ln d): z(0.2) = -0.475885, z(0.8) = 1.499940; b1 = 1.975825 / 0.45
    expect(c.b1).toBeCloseTo(4.390723, 5);
    expect(c.b0).toBeCloseTo(-2.671247, 5);
    expect(harringtonDesirability(0.5, c)).toBeCloseTo(0.2, 12);
    expect(harringtonDesirability(0.95, c)).toBeCloseTo(0.8, 12);
    expect(harringtonDesirability(0, { b0: 0, b1: 1 })).toBeCloseTo(Math.exp(-1), 12);
  });

  it("combines per-class desirabilities by the geometric mean", () => {
    const r = integratedF1([0.5, 0.95]);
    expect(r.perClass[0]).toBeCloseTo(0.2, 12);
    expect(r.perClass[1]).toBeCloseTo(0.8, 12);
    expect(r.overall).toBeCloseTo(0.4, 12);
    const custom = integratedF1([1, 1, 1], { coefficients: { b0: 0, b1: 1 } });
    expect(custom.overall).toBeCloseTo(Math.exp(-Math.exp(-1)), 12);
  });

  it("rejects bad anchors and empty input", () => {
    expect(() => fitDesirability({ y: 0.5, d: 1 }, { y: 0.9, d: 0.8 })).toThrow(/anchor/);
    expect(() => integratedF1([])).toThrow(/at least one/);
  });
});
