import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { benjaminiHochberg } from "../metrics/multiple-testing.ts";
import { enrichBiclusters, enrichGeneSets, enrichPrepared, hypergeometricUpperTail, lnGamma, parseGmt, prepareGeneSets } from "./index.ts";

/** Relative closeness for p-values spanning 1 to 1e-300. */
function expectRel(actual: number, expected: number, rel = 1e-9): void {
  if (expected === 0) expect(actual).toBe(0);
  else expect(Math.abs(actual - expected) / expected).toBeLessThan(rel);
}

describe("hypergeometric upper tail (one-sided Fisher's exact test)", () => {
  it("ln Gamma: exact factorials and non-integers", () => {
    expect(lnGamma(1)).toBe(0);
    expect(lnGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(lnGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    // ln(170!) from the exact product, summed in logs.
    let s = 0;
    for (let i = 2; i <= 170; i++) s += Math.log(i);
    expect(lnGamma(171)).toBeCloseTo(s, 9);
  });

  it("hand-computed: N=20, K=5, n=6, k=3 -> (10*455 + 5*105 + 1*15) / C(20,6) = 5090 / 38760", () => {
    expect(hypergeometricUpperTail(3, 20, 5, 6)).toBeCloseTo(5090 / 38760, 14);
  });

  it("hand-computed, lower-tail branch (k at the mode): N=12, K=8, n=6, k=4 -> 672 / 924", () => {
    // Support starts at 2 (only 4 genes outside the set); (70*6 + 56*4 + 28*1) / C(12,6).
    expect(hypergeometricUpperTail(4, 12, 8, 6)).toBeCloseTo(672 / 924, 14);
  });

  it("edges: k below the support is 1, above it 0; whole-universe set is 1", () => {
    expect(hypergeometricUpperTail(0, 20, 5, 6)).toBe(1);
    expect(hypergeometricUpperTail(6, 20, 5, 6)).toBe(0);
    expect(hypergeometricUpperTail(1, 5, 5, 3)).toBe(1);
    expect(hypergeometricUpperTail(3, 5, 5, 3)).toBe(1);
    expect(() => hypergeometricUpperTail(1, 10, 11, 2)).toThrow(RangeError);
  });

  it("matches R's phyper (committed fixture, 17 digits) from 0.7 down to 1e-103", () => {
    const lines = readFileSync(new URL("./fixtures/r-reference.txt", import.meta.url), "utf8").split("\n");
    const cases = lines.filter((l) => l.startsWith("phyper\t")).map((l) => l.split("\t").slice(1).map(Number));
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const [k, N, K, n, p] of cases as [number, number, number, number, number][]) {
      expectRel(hypergeometricUpperTail(k, N, K, n), p, 1e-9);
    }
  });
});

describe("Benjamini-Hochberg as R's p.adjust", () => {
  it("hand-computed with ties: tied p-values share the q of the tie's highest rank", () => {
    // n = 7. Descending: 1 -> 1; 0.5 (rank 6) -> 7/6 * 0.5 = 0.5833; 0.5 (rank 5) -> min(0.7, .) = 0.5833;
    // 0.03 (rank 4) -> 0.0525; 0.03 (rank 3) -> 0.0525; 0.01 (rank 2) -> 0.035; 0.01 (rank 1) -> 0.035.
    const q = benjaminiHochberg([0.01, 0.01, 0.03, 0.03, 0.5, 0.5, 1]);
    const want = [0.035, 0.035, 0.0525, 0.0525, 7 / 12, 7 / 12, 1];
    want.forEach((w, i) => expect(q[i]).toBeCloseTo(w, 14));
  });

  it("matches R's p.adjust(., 'BH') on the committed fixture, NA skipped and not counted", () => {
    const lines = readFileSync(new URL("./fixtures/r-reference.txt", import.meta.url), "utf8").split("\n");
    const rows = lines.filter((l) => l.startsWith("bh\t")).map((l) => l.split("\t").slice(1).map((s) => s.split(",").map(Number)));
    expect(rows.length).toBe(4);
    for (const [p, q] of rows as [number[], number[]][]) {
      const mine = benjaminiHochberg(p);
      q.forEach((w, i) => (Number.isNaN(w) ? expect(Number.isNaN(mine[i])).toBe(true) : expectRel(mine[i]!, w, 1e-12)));
    }
  });
});

describe("GMT parsing", () => {
  it("reads sets, skips blank and comment lines, dedupes genes, drops empty sets", () => {
    const { sets, report } = parseGmt("\uFEFFS1\tfirst\tA\tB\tA\t\r\n\n# comment\nS2\t\t\t\nS3\tthird\tC\n");
    expect(sets).toEqual([
      { name: "S1", description: "first", genes: ["A", "B"] },
      { name: "S3", description: "third", genes: ["C"] },
    ]);
    expect(report).toMatchObject({ sets: 2, duplicateGeneCount: 1, emptySets: ["line 4: S2"], skippedLines: 2 });
    expect(report.duplicateGenes).toEqual(["line 1: S1: A"]);
  });

  it("errors name the line (and the field as column)", () => {
    const err = (text: string): InputError => {
      try {
        parseGmt(text);
      } catch (e) {
        if (e instanceof InputError) return e;
        throw e;
      }
      throw new Error("expected an InputError");
    };
    expect(err("S1\td\tA\nno tabs here\n").location).toEqual({ line: 2, column: 1 });
    expect(err("S1\td\tA\n\tdesc\tB\n").location).toEqual({ line: 2, column: 1 });
    const dup = err("S1\td\tA\nS2\td\tB\nS1\td\tC\n");
    expect(dup.location).toMatchObject({ line: 3, column: 1 });
    expect(dup.message).toContain("first on line 1");
    const nul = err("S1\td\tA\tB\u0000X\n");
    expect(nul.location).toEqual({ line: 1, column: 4 });
    expect(nul.message).toMatch(/U\+0000/);
    expect(nul.message).not.toContain("\u0000");
  });

  it("duplicate set names can be merged instead", () => {
    const { sets } = parseGmt("S1\td\tA\nS1\tother\tB\tA\n", { duplicateSets: "merge" });
    expect(sets).toEqual([{ name: "S1", description: "d", genes: ["A", "B"] }]);
  });
});

describe("enrichment", () => {
  const universe = Array.from({ length: 20 }, (_, i) => `G${i}`);

  it("hand-computed: 3 of a 5-gene set in a 6-gene list out of 20", () => {
    const sets = [
      { name: "hit", description: "", genes: ["G0", "G1", "G2", "G3", "G4"] },
      { name: "miss", description: "", genes: ["G10", "G11", "G12"] },
    ];
    const r = enrichGeneSets(["G0", "G1", "G2", "G15", "G16", "G17"], sets, universe, { minSetSize: 1 });
    expect(r).toMatchObject({ universeSize: 20, queryInUniverse: 6, tested: 2, queryNotInUniverse: [] });
    const hit = r.terms[0]!;
    expect(hit).toMatchObject({ name: "hit", setSize: 5, setSizeInUniverse: 5, overlap: 3, overlapGenes: ["G0", "G1", "G2"] });
    expect(hit.pValue).toBeCloseTo(5090 / 38760, 14);
    expect(hit.expected).toBeCloseTo(1.5, 14);
    expect(hit.foldEnrichment).toBeCloseTo(2, 14);
    expect(hit.qValue).toBeCloseTo((2 / 1) * (5090 / 38760), 14);
    expect(r.terms[1]).toMatchObject({ name: "miss", overlap: 0, pValue: 1, qValue: 1 });
  });

  it("sets are intersected with the universe first (a set larger than the universe)", () => {
    const small = ["A", "B", "C", "D", "E"];
    const big = { name: "big", description: "", genes: [...Array.from({ length: 40 }, (_, i) => `X${i}`), ...small] };
    const r = enrichGeneSets(["a", "b", "c", "Z9"], [big], small, { minSetSize: 1 });
    // Case-insensitive by default; Z9 is not measured. K = N = 5: drawing any genes hits the set surely.
    expect(r.queryNotInUniverse).toEqual(["Z9"]);
    expect(r.terms[0]).toMatchObject({ setSize: 45, setSizeInUniverse: 5, overlap: 3, pValue: 1, foldEnrichment: 1 });
    expect(r.terms[0]!.overlapGenes).toEqual(["A", "B", "C"]);
    // Testing against the unintersected size (K = 45 > N) would be meaningless: it is never used.
    const strict = enrichGeneSets(["a"], [big], small, { minSetSize: 1, ignoreCase: false });
    expect(strict.queryInUniverse).toBe(0);
    expect(strict.terms).toEqual([]);
  });

  it("size filters apply after intersection and are reported; BH counts only tested sets", () => {
    const sets = [
      { name: "tiny", description: "", genes: ["G0", "nope1", "nope2"] },
      { name: "ok1", description: "", genes: ["G0", "G1", "G2"] },
      { name: "ok2", description: "", genes: ["G3", "G4", "G5"] },
      { name: "huge", description: "", genes: universe.slice(0, 10) },
    ];
    const prepared = prepareGeneSets(sets, universe, { minSetSize: 2, maxSetSize: 5 });
    expect(prepared.skipped).toEqual({ tooSmall: 1, tooLarge: 1 });
    const r = enrichPrepared(["G0", "G1", "G2", "G3"], prepared);
    expect(r.tested).toBe(2);
    const p = r.terms.map((t) => t.pValue);
    const q = benjaminiHochberg(p);
    expect(r.terms.map((t) => t.qValue)).toEqual(Array.from(q));
  });

  it("enrichBiclusters: one result per bicluster, genes by index into the dataset", () => {
    const sets = [{ name: "hit", description: "", genes: ["G0", "G1", "G2", "G3", "G4"] }];
    const [a, b] = enrichBiclusters(universe, [{ genes: [0, 1, 2, 15, 16, 17] }, { genes: [10, 11] }], sets, { minSetSize: 1 });
    expect(a!.terms[0]!.pValue).toBeCloseTo(5090 / 38760, 14);
    expect(b!.terms[0]).toMatchObject({ overlap: 0, pValue: 1 });
    expect(() => enrichBiclusters(universe, [{ genes: [99] }], sets)).toThrow(InputError);
  });
});
