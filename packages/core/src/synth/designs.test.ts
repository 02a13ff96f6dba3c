import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { meanSquaredResidue } from "../metrics/msr.ts";
import { DESIGNS, generateDesign, generatePrelic, generateTemporalDesign } from "./index.ts";

const cell = (v: Float64Array, C: number, i: number, j: number) => v[i * C + j]!;

describe("generateDesign", () => {
  it.each(DESIGNS.map((d) => [d]))("%s: valid truth indices, deterministic under a seed", (design) => {
    const small = { genes: 300, conditions: 20, biclusters: 3, genesPerBicluster: 40, seed: 3 };
    const prelic = ["constant", "additive", "multiplicative"].includes(design);
    const opts = prelic ? { ...small, conditionsPerBicluster: 4 } : small;
    const a = generateDesign(design, opts);
    const b = generateDesign(design, opts);
    expect(Array.from(a.matrix.values)).toEqual(Array.from(b.matrix.values));
    expect(a.matrix.genes).toHaveLength(300);
    expect(a.matrix.conditions).toHaveLength(20);
    expect(a.truth.biclusters).toHaveLength(3);
    for (const bc of a.truth.biclusters) {
      expect(bc.genes.length).toBe(40);
      expect(bc.genes.every((g) => g >= 0 && g < 300)).toBe(true);
      expect(bc.conditions.every((j) => j >= 0 && j < 20)).toBe(true);
      expect(new Set(bc.conditions).size).toBe(bc.conditions.length);
    }
    expect(a.truth.labels).toHaveLength(300);
    // Prelic-style samples carry no time; temporal designs do.
    expect(a.matrix.conditions.every((c) => c.time === undefined)).toBe(prelic);
  });

  it("rejects an unknown design naming the field", () => {
    expect(() => generateDesign("checkerboard")).toThrow(InputError);
    try {
      generateDesign("nope");
    } catch (e) {
      expect((e as InputError).location.field).toBe("design");
    }
  });
});

describe("Prelic-style designs", () => {
  it("constant: planted cells are flat at one value (noise sd), background has sd 1; rows and columns shuffled", () => {
    const { matrix, truth } = generatePrelic({ kind: "constant", seed: 2 });
    const C = 50;
    expect(matrix.values).toHaveLength(1000 * 50);
    const b = truth.biclusters[0]!;
    const cells = b.genes.flatMap((g) => b.conditions.map((j) => cell(matrix.values, C, g, j)));
    const mean = cells.reduce((x, y) => x + y, 0) / cells.length;
    const sd = Math.sqrt(cells.reduce((x, y) => x + (y - mean) ** 2, 0) / cells.length);
    expect(Math.abs(mean)).toBeGreaterThanOrEqual(1);
    expect(sd).toBeLessThan(0.15);
    // shuffled: the planted genes and conditions are not consecutive blocks
    expect(b.genes.at(-1)! - b.genes[0]!).toBeGreaterThan(b.genes.length);
    expect(b.conditions.at(-1)! - b.conditions[0]!).toBeGreaterThan(b.conditions.length);
    // 10 x 100 genes, non-overlapping: every gene in exactly one
    expect(truth.labels.every((l) => l >= 0)).toBe(true);
  });

  it("additive: low residue inside (shift model), background-level residue on random blocks", () => {
    const { matrix, truth } = generatePrelic({ kind: "additive", seed: 4 });
    const b = truth.biclusters[3]!;
    expect(meanSquaredResidue(matrix.values, 50, b.genes, b.conditions)).toBeLessThan(0.02);
    // the same genes on other conditions: background residue (~1)
    const others = Array.from({ length: 50 }, (_, j) => j).filter((j) => !b.conditions.includes(j)).slice(0, 5);
    expect(meanSquaredResidue(matrix.values, 50, b.genes, others)).toBeGreaterThan(0.5);
  });

  it("multiplicative: rank-one inside (rows proportional), not additive", () => {
    const { matrix, truth } = generatePrelic({ kind: "multiplicative", seed: 5, noiseSd: 0 });
    const b = truth.biclusters[0]!;
    const [g0, g1] = b.genes;
    const ratios = b.conditions.map((j) => cell(matrix.values, 50, g1!, j) / cell(matrix.values, 50, g0!, j));
    for (const r of ratios) expect(r).toBeCloseTo(ratios[0]!, 10);
  });

  it("overlap shares genes and conditions with the previous bicluster; missing values", () => {
    const { matrix, truth } = generatePrelic({ kind: "constant", overlap: 0.2, conditionOverlap: 0.4, missingFraction: 0.05, seed: 1 });
    const [a, b] = truth.biclusters;
    expect(a!.genes.filter((g) => b!.genes.includes(g))).toHaveLength(20);
    expect(a!.conditions.filter((j) => b!.conditions.includes(j))).toHaveLength(2);
    const missing = matrix.values.filter(Number.isNaN).length / matrix.values.length;
    expect(missing).toBeGreaterThan(0.04);
    expect(missing).toBeLessThan(0.06);
  });
});

describe("temporal designs", () => {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  /** Member-mean z-scored profile. */
  function meanProfile(values: Float64Array, T: number, genes: number[]): number[] {
    const z = genes.map((g) => {
      const r = Array.from(values.subarray(g * T, g * T + T));
      const m = mean(r);
      const sd = Math.sqrt(mean(r.map((v) => (v - m) ** 2)));
      return r.map((v) => (v - m) / sd);
    });
    return Array.from({ length: T }, (_, t) => mean(z.map((r) => r[t]!)));
  }

  it("time-lagged: members peak at different times within the extended window", () => {
    const { matrix, truth } = generateTemporalDesign({ kind: "time-lagged", noiseSd: 0.05, seed: 3 });
    const T = 20;
    const b = truth.biclusters[0]!; // pulse
    expect(b.conditions).toHaveLength(8 + 3);
    const peaks = new Set(b.genes.map((g) => {
      const r = Array.from(matrix.values.subarray(g * T, g * T + T));
      return r.indexOf(Math.max(...r));
    }));
    expect(peaks.size).toBeGreaterThanOrEqual(3);
    for (const p of peaks) expect(b.conditions).toContain(p);
  });

  it("order-only: pairs share the window; the second pair member is the first reversed in time", () => {
    const { matrix, truth } = generateTemporalDesign({ kind: "order-only", noiseSd: 0.05, seed: 6 });
    const [a, b] = truth.biclusters;
    expect(b!.conditions).toEqual(a!.conditions);
    const pa = meanProfile(matrix.values, 20, a!.genes);
    const pb = meanProfile(matrix.values, 20, b!.genes);
    const wa = a!.conditions.map((t) => pa[t]!);
    const wb = b!.conditions.map((t) => pb[t]!).reverse();
    wa.forEach((v, k) => expect(v).toBeCloseTo(wb[k]!, 0));
    // same values, different order: the sorted profiles agree, the profiles do not
    expect(Math.max(...wa.map((v, k) => Math.abs(v - a!.conditions.map((t) => pb[t]!)[k]!)))).toBeGreaterThan(1);
  });

  it("order-only: different pairs sit at least half a window apart (two pairs on one window would be one pair twice)", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { truth } = generateTemporalDesign({ kind: "order-only", biclusters: 4, seed });
      const [a, , c] = truth.biclusters;
      expect(Math.abs(a!.conditions[0]! - c!.conditions[0]!)).toBeGreaterThanOrEqual(4);
    }
  });

  it("uneven-sampling: increasing times with growing intervals", () => {
    const { matrix } = generateTemporalDesign({ kind: "uneven-sampling", seed: 1 });
    const t = matrix.conditions.map((c) => c.time!);
    expect(t[0]).toBe(0);
    for (let k = 2; k < t.length; k++) expect(t[k]! - t[k - 1]!).toBeGreaterThan(t[k - 1]! - t[k - 2]! - 1e-9);
    expect((t[19]! - t[18]!) / (t[1]! - t[0]!)).toBeGreaterThan(10);
  });

  it("phase-shifted members correlate less with each other than unshifted ones would", () => {
    const { truth } = generateTemporalDesign({ kind: "phase-shifted", seed: 2 });
    expect(truth.biclusters.every((b) => b.pattern === "wave+phase")).toBe(true);
  });
});
