import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { PATTERNS, generateSynthetic, patternValues, truthFromJSON, truthToJSON } from "./index.ts";

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err.location.field;
    throw err;
  }
  throw new Error("expected an InputError");
}

function zRow(values: Float64Array, g: number, T: number): number[] {
  const r = Array.from(values.subarray(g * T, g * T + T));
  const m = r.reduce((a, b) => a + b, 0) / T;
  const sd = Math.sqrt(r.reduce((a, b) => a + (b - m) ** 2, 0) / T);
  return r.map((v) => (v - m) / sd);
}

function corr(a: number[], b: number[]): number {
  const n = a.length;
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  let s = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    s += (a[i]! - ma) * (b[i]! - mb);
    sa += (a[i]! - ma) ** 2;
    sb += (b[i]! - mb) ** 2;
  }
  return s / Math.sqrt(sa * sb);
}

/** Mean pairwise correlation of the given genes over the given conditions. */
function meanPairCorr(values: Float64Array, genes: number[], conds: number[], T: number): number {
  let total = 0;
  let n = 0;
  for (let i = 0; i < genes.length; i++) {
    for (let j = i + 1; j < genes.length; j++) {
      const a = conds.map((t) => values[genes[i]! * T + t]!);
      const b = conds.map((t) => values[genes[j]! * T + t]!);
      total += corr(a, b);
      n++;
    }
  }
  return total / n;
}

describe("generateSynthetic", () => {
  it("has the documented default shape and ids", () => {
    const { matrix, truth } = generateSynthetic();
    expect(matrix.genes).toHaveLength(500);
    expect(matrix.conditions.map((c) => c.id)).toEqual(Array.from({ length: 20 }, (_, t) => `t${t}`));
    expect(matrix.conditions[5]?.time).toBe(5);
    expect(matrix.values).toHaveLength(500 * 20);
    expect(truth.biclusters).toHaveLength(4);
    expect(truth.biclusters.map((b) => b.pattern)).toEqual([...PATTERNS]);
    for (const b of truth.biclusters) {
      expect(b.genes).toHaveLength(60);
      expect(b.conditions.length).toBeGreaterThanOrEqual(8);
      expect(b.conditions.length).toBeLessThanOrEqual(12);
      // contiguous by default
      expect(b.conditions.at(-1)! - b.conditions[0]!).toBe(b.conditions.length - 1);
    }
    expect(matrix.values.every((v) => Number.isFinite(v))).toBe(true);
  });

  it("is deterministic under a seed and differs across seeds", () => {
    const a = generateSynthetic({ seed: 7 });
    const b = generateSynthetic({ seed: 7 });
    const c = generateSynthetic({ seed: 8 });
    expect(Array.from(a.matrix.values)).toEqual(Array.from(b.matrix.values));
    expect(a.truth).toEqual(b.truth);
    expect(Array.from(a.matrix.values)).not.toEqual(Array.from(c.matrix.values));
  });

  it("labels agree with bicluster membership; no overlap by default", () => {
    const { truth } = generateSynthetic({ seed: 3 });
    const members = new Map<number, number>();
    truth.biclusters.forEach((b, k) => b.genes.forEach((g) => members.set(g, k)));
    expect(members.size).toBe(240);
    truth.labels.forEach((l, g) => expect(l).toBe(members.get(g) ?? -1));
  });

  it("plants coherent patterns: high correlation on the bicluster's conditions, none in background", () => {
    const { matrix, truth } = generateSynthetic({ seed: 11 });
    const T = 20;
    const background = truth.labels.map((l, g) => (l === -1 ? g : -1)).filter((g) => g >= 0).slice(0, 40);
    for (const b of truth.biclusters) {
      const within = meanPairCorr(matrix.values, b.genes.slice(0, 30), b.conditions, T);
      const bg = meanPairCorr(matrix.values, background, b.conditions, T);
      expect(within).toBeGreaterThan(0.5);
      expect(Math.abs(bg)).toBeLessThan(0.1);
      // Outside its conditions a member looks like background: ~zero correlation.
      const outside = Array.from({ length: T }, (_, t) => t).filter((t) => !b.conditions.includes(t));
      if (outside.length >= 4) expect(Math.abs(meanPairCorr(matrix.values, b.genes.slice(0, 30), outside, T))).toBeLessThan(0.15);
    }
  });

  it("z-scored member profiles stay near 0 outside the planted conditions and far from it inside", () => {
    const { matrix, truth } = generateSynthetic({ seed: 5 });
    const T = 20;
    for (const b of truth.biclusters) {
      const z = b.genes.map((g) => zRow(matrix.values, g, T));
      const mean = Array.from({ length: T }, (_, t) => z.reduce((a, r) => a + r[t]!, 0) / z.length);
      for (let t = 0; t < T; t++) {
        if (b.conditions.includes(t)) expect(Math.abs(mean[t]!)).toBeGreaterThan(0.4);
        else expect(Math.abs(mean[t]!)).toBeLessThan(0.3);
      }
    }
  });

  it("patterns have zero mean, unit RMS and no point near zero", () => {
    for (const p of PATTERNS) {
      for (const L of [3, 8, 11]) {
        const v = patternValues(p, L, 1, 4);
        expect(v.reduce((a, b) => a + b, 0) / L).toBeCloseTo(0, 10);
        expect(Math.sqrt(v.reduce((a, b) => a + b * b, 0) / L)).toBeCloseTo(1, 10);
        expect(Math.min(...v.map(Math.abs))).toBeGreaterThan(0.2);
      }
    }
  });

  it("honours overlap, fractions, non-contiguous conditions and missing values", () => {
    const { matrix, truth } = generateSynthetic({
      genes: 200,
      timePoints: 12,
      biclusters: 3,
      genesPerBicluster: 0.2,
      conditionsPerBicluster: 5,
      contiguous: false,
      overlap: 0.25,
      missingFraction: 0.1,
      seed: 2,
    });
    expect(truth.biclusters.map((b) => b.genes.length)).toEqual([40, 40, 40]);
    for (let k = 1; k < 3; k++) {
      const shared = truth.biclusters[k]!.genes.filter((g) => truth.biclusters[k - 1]!.genes.includes(g));
      expect(shared).toHaveLength(10);
      for (const g of shared) expect(truth.labels[g]).toBe(k - 1);
    }
    expect(truth.biclusters.every((b) => b.conditions.length === 5)).toBe(true);
    const missing = matrix.values.filter((v) => Number.isNaN(v)).length / matrix.values.length;
    expect(missing).toBeGreaterThan(0.07);
    expect(missing).toBeLessThan(0.13);
  });

  it("rejects impossible options with InputError naming the field", () => {
    expect(() => generateSynthetic({ genes: 100, genesPerBicluster: 30, biclusters: 4 })).toThrow(InputError);
    expect(fieldOf(() => generateSynthetic({ conditionsPerBicluster: 2 }))).toBe("conditionsPerBicluster");
    expect(() => generateSynthetic({ noiseSd: -1 })).toThrow(/noiseSd/);
  });
});

describe("ground truth JSON", () => {
  it("round-trips through plain JSON", () => {
    const { truth } = generateSynthetic({ genes: 50, timePoints: 10, biclusters: 2, genesPerBicluster: 10, seed: 4 });
    const json = JSON.stringify(truthToJSON(truth));
    expect(truthFromJSON(json)).toEqual(truth);
    expect(truthFromJSON(JSON.parse(json))).toEqual(truth);
  });

  it("rejects malformed truth with the field path", () => {
    const { truth } = generateSynthetic({ genes: 50, timePoints: 10, biclusters: 1, genesPerBicluster: 10 });
    const bad = truthToJSON(truth) as unknown as { biclusters: { genes: unknown[] }[] };
    bad.biclusters[0]!.genes[0] = "x";
    expect(() => truthFromJSON(bad)).toThrow(InputError);
    expect(fieldOf(() => truthFromJSON(bad))).toBe("biclusters.0.genes.0");
    expect(() => truthFromJSON("{")).toThrow(/not valid JSON/);
  });
});
