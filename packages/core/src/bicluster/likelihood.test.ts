import { describe, expect, it } from "vitest";
import { runMethod } from "../analysis/run-method.ts";
import { METHODS } from "../methods/index.ts";
import { createRng } from "../random.ts";
import { consensusScore } from "../metrics/index.ts";
import { generateDesign, generatePrelic, generateSynthetic } from "../synth/index.ts";
import { biclusterFlags, geneLevels } from "./flags.ts";
import { columnBackground, geneEvidence, memberModel, selectByLikelihood } from "./likelihood.ts";
import { refineClusters } from "./refine.ts";
import { biclusterSignificance, qValues } from "./significance.ts";

function zscore(v: Float64Array, C: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length / C; i++) {
    let s = 0;
    let k = 0;
    for (let j = 0; j < C; j++) {
      if (v[i * C + j] !== v[i * C + j]) continue;
      s += v[i * C + j]!;
      k++;
    }
    const m = s / k;
    let ss = 0;
    for (let j = 0; j < C; j++) if (v[i * C + j] === v[i * C + j]) ss += (v[i * C + j]! - m) ** 2;
    const sd = Math.sqrt(ss / k) || 1;
    for (let j = 0; j < C; j++) out[i * C + j] = (v[i * C + j]! - m) / sd;
  }
  return out;
}

const small = { genes: 300, conditions: 30, biclusters: 4, genesPerBicluster: 40, conditionsPerBicluster: 4 };

describe("selectByLikelihood", () => {
  const f1 = (a: number[], b: number[]) => (2 * a.filter((x) => b.includes(x)).length) / (a.length + b.length);

  it.each([["constant"], ["additive"], ["multiplicative"]])("finds the planted samples of a %s bicluster among 30 unordered ones", (kind) => {
    const { matrix, truth } = generateDesign(kind, { ...small, seed: 3 });
    const values = zscore(matrix.values, 30);
    let exact = 0;
    for (const b of truth.biclusters) {
      const sel = selectByLikelihood(values, 30, b.genes, { mode: "subset" });
      expect(f1(sel.conditions, b.conditions)).toBeGreaterThanOrEqual(0.75);
      if (sel.conditions.join() === b.conditions.join()) exact++;
      expect(sel.kind).toBe("subset");
      expect(sel.evidence).toBeGreaterThan(0);
    }
    // (additive: two of four miss or add one sample, where z-scoring makes the shift partly a scale)
    expect(exact).toBeGreaterThanOrEqual(2);
  });

  it("finds a temporal pattern's window (where z-scored residuals are the same inside and out), in window and auto mode", () => {
    const { matrix, truth } = generateDesign("temporal", { genes: 400, conditions: 20, biclusters: 3, seed: 2 });
    const values = zscore(matrix.values, 20);
    // Known limitation: two windows (9 and 12 points) grow over quiet points where their genes'
    // residual is below the pattern's (one residual variance for the whole window); measured.
    const found = truth.biclusters.map((b) => selectByLikelihood(values, 20, b.genes, { mode: "window" }).conditions);
    found.forEach((c, i) => {
      expect(c).toEqual(expect.arrayContaining(truth.biclusters[i]!.conditions));
      expect(truth.biclusters[i]!.conditions.length / c.length).toBeGreaterThan(0.55);
    });
    expect(found[0]).toEqual(truth.biclusters[0]!.conditions);
    const auto = selectByLikelihood(values, 20, truth.biclusters[0]!.genes, { mode: "auto" });
    expect(auto.conditions).toEqual(truth.biclusters[0]!.conditions);
    expect(auto.kind).toBe("window");
  });

  it("honours the fewest and most conditions", () => {
    const { matrix, truth } = generatePrelic({ ...small, seed: 4 });
    const values = zscore(matrix.values, 30);
    const genes = truth.biclusters[0]!.genes;
    expect(selectByLikelihood(values, 30, genes, { maxConditions: 2 }).conditions).toHaveLength(2);
    expect(selectByLikelihood(values, 30, genes, { minConditions: 6 }).conditions).toHaveLength(6);
  });

  it("random genes carry no evidence; planted ones a lot", () => {
    const { matrix, truth } = generatePrelic({ ...small, seed: 5 });
    const values = zscore(matrix.values, 30);
    const random = createRng(1).sample(300, 40);
    expect(selectByLikelihood(values, 30, random).evidence).toBeLessThan(0);
    expect(selectByLikelihood(values, 30, truth.biclusters[1]!.genes).evidence).toBeGreaterThan(100);
  });
});

describe("gene evidence and refinement", () => {
  it("members fit, strangers do not (per-gene log-likelihood ratio on the bicluster's conditions)", () => {
    const { matrix, truth } = generatePrelic({ ...small, seed: 6 });
    const values = zscore(matrix.values, 30);
    const b = truth.biclusters[2]!;
    const sel = selectByLikelihood(values, 30, b.genes);
    const ev = geneEvidence(values, 30, memberModel(values, 30, b.genes, sel.conditions, sel.residualVariance), columnBackground(values, 30));
    const inB = new Set(b.genes);
    const members = b.genes.map((g) => ev[g]!);
    const others = Array.from(ev).filter((_, g) => !inB.has(g));
    expect(Math.min(...members)).toBeGreaterThan(0);
    expect(others.filter((e) => e > 0).length).toBeLessThan(5);
  });

  it("prunes foreign genes from a cluster and adds genes shared with another bicluster (overlap)", () => {
    const { matrix, truth } = generatePrelic({ ...small, overlap: 0.25, seed: 7 });
    const values = zscore(matrix.values, 30);
    const [b0, b1] = truth.biclusters;
    const shared = b1!.genes.filter((g) => b0!.genes.includes(g));
    expect(shared).toHaveLength(10);
    // cluster 1 seeded without the shared genes (they went to cluster 0) and with 5 foreign genes
    const foreign = truth.biclusters[3]!.genes.slice(0, 5);
    const seed1 = [...b1!.genes.filter((g) => !shared.includes(g)), ...foreign];
    const refined = refineClusters(values, 30, [
      [0, b0!.genes],
      [1, seed1],
    ]);
    const r1 = refined.find((r) => r.label === 1)!;
    expect(r1.genes).toEqual(b1!.genes);
    expect(r1.added).toBe(10);
    expect(r1.pruned).toBe(5);
    expect(refined.find((r) => r.label === 0)!.genes).toEqual(b0!.genes);
    const withoutOverlap = refineClusters(values, 30, [[1, seed1]], { overlap: false });
    expect(withoutOverlap[0]!.genes.filter((g) => shared.includes(g))).toHaveLength(0);
  });

  it("keeps a member only when it is more likely in than out (prior odds of the bicluster's share)", () => {
    // 80 of 1,000 genes on 4 of 8 time points: the cluster handed over also holds 160 background
    // genes, as k-means gives on short courses. Members kept at evidence >= 0 (the earlier rule)
    // kept about 240 genes here; with the prior odds the foreign ones go.
    const { matrix, truth } = generateDesign("temporal", { genes: 1000, conditions: 8, biclusters: 1, genesPerBicluster: 80, conditionsPerBicluster: 4, seed: 3 });
    const values = zscore(matrix.values, 8);
    const planted = truth.biclusters[0]!.genes;
    const inPlanted = new Set(planted);
    // the 160 background genes closest to the planted mean profile (what k-means hands over)
    const mean = Array.from({ length: 8 }, (_, j) => planted.reduce((a, g) => a + values[g * 8 + j]!, 0) / planted.length);
    const dot = (g: number) => mean.reduce((a, m, j) => a + m * values[g * 8 + j]!, 0);
    const foreign = Array.from({ length: 1000 }, (_, g) => g)
      .filter((g) => !inPlanted.has(g))
      .sort((x, y) => dot(y) - dot(x))
      .slice(0, 160);
    const [r] = refineClusters(values, 8, [[0, [...planted, ...foreign]]], { mode: "window" });
    const hits = r!.genes.filter((g) => inPlanted.has(g)).length;
    expect(hits / r!.genes.length).toBeGreaterThan(0.75); // precision (0.38 with the earlier rule)
    // recall: 0.45 measured here (the window is chosen on a seed two-thirds foreign, so the
    // model is weaker); in the pipeline's clusters (about a third foreign) gene F1 went 0.49 -> 0.82
    expect(hits / planted.length).toBeGreaterThan(0.4);
  });

  it('"cluster" membership keeps exactly the cluster\'s genes and only chooses the conditions', () => {
    const { matrix, truth } = generateDesign("time-lagged", { genes: 300, conditions: 20, biclusters: 2, genesPerBicluster: 50, seed: 2 });
    const values = zscore(matrix.values, 20);
    const groups: [number, number[]][] = truth.biclusters.map((b, i) => [i, [...b.genes].sort((x, y) => x - y)]);
    const kept = refineClusters(values, 20, groups, { mode: "window", membership: "cluster" });
    expect(kept.map((r) => r.genes).sort((a, b) => a[0]! - b[0]!)).toEqual(groups.map(([, g]) => g).sort((a, b) => a[0]! - b[0]!));
    for (const r of kept) expect(r.conditions.length).toBeGreaterThan(0);
    // the model rule prunes the lagged members (the additive model cannot shift a gene in time)
    const model = refineClusters(values, 20, groups, { mode: "window" });
    expect(model.reduce((a, r) => a + r.genes.length, 0)).toBeLessThan(100);
  });

  it("clusters the genes no bicluster took again when fewer biclusters than asked came out", () => {
    // Prelic-style: 4 constant biclusters on 5 of 40 unordered samples; the clusters handed over
    // are the planted genes dealt out at random into 4 mixed groups, which no bicluster grows from.
    const { matrix, truth } = generatePrelic({ genes: 400, conditions: 40, biclusters: 4, genesPerBicluster: 60, conditionsPerBicluster: 5, seed: 4 });
    const values = zscore(matrix.values, 40);
    const genes = createRng(9).shuffle(truth.biclusters.flatMap((b) => b.genes));
    const mixed: [number, number[]][] = [0, 1, 2, 3].map((c) => [c, genes.filter((_, i) => i % 4 === c)]);
    const f1 = (x: number[], y: number[]) => (2 * x.filter((g) => y.includes(g)).length) / (x.length + y.length);
    const found = refineClusters(values, 40, mixed, { mode: "subset" });
    const recovered = truth.biclusters.filter((t) => found.some((r) => f1(r.genes, t.genes) > 0.9)).length;
    const without = refineClusters(values, 40, mixed, { mode: "subset", splitSeeds: false });
    const recoveredWithout = truth.biclusters.filter((t) => without.some((r) => f1(r.genes, t.genes) > 0.9)).length;
    expect(recovered).toBeGreaterThan(recoveredWithout);
    expect(found.length).toBeLessThanOrEqual(4);
  });

  it("splits a cluster that holds two biclusters, keeps one that is one, and honours maxBiclusters", () => {
    const { matrix, truth } = generateDesign("temporal", { genes: 400, conditions: 20, biclusters: 2, genesPerBicluster: 60, seed: 11 });
    const values = zscore(matrix.values, 20);
    const [a, b] = truth.biclusters;
    const merged: [number, number[]][] = [[0, [...a!.genes, ...b!.genes]]];
    const f1 = (x: number[], y: number[]) => (2 * x.filter((g) => y.includes(g)).length) / (x.length + y.length);
    const split = refineClusters(values, 20, merged, { mode: "window", maxBiclusters: 2 });
    expect(split).toHaveLength(2);
    for (const t of [a!, b!]) expect(Math.max(...split.map((r) => f1(r.genes, t.genes)))).toBeGreaterThan(0.9);
    expect(new Set(split.map((r) => r.label)).size).toBe(2);
    expect(refineClusters(values, 20, merged, { mode: "window", splitSeeds: false, maxBiclusters: 2 })).toHaveLength(1);
    // default: one bicluster per cluster handed in (a split replaces, it does not add)
    expect(refineClusters(values, 20, merged, { mode: "window" })).toHaveLength(1);
    // one planted bicluster handed over alone stays one
    const single = refineClusters(values, 20, [[0, a!.genes]], { mode: "window" });
    expect(single).toHaveLength(1);
    expect(f1(single[0]!.genes, a!.genes)).toBeGreaterThan(0.9);
  });

  it("splits two groups of one shape on overlapping windows that share 20% of their genes, and keeps one group with spread amplitudes whole", () => {
    // Both "rising", windows 2..15 and 6..15, 20 shared genes: the shared genes rightly pass both
    // halves' tests, so fewer than 20% of each half passing the other's (the rule alone) kept the
    // two merged (1 bicluster, consensus 0.15); the split-free shape test separates them.
    const { matrix, truth } = generateSynthetic({ genes: 600, timePoints: 24, biclusters: 2, genesPerBicluster: 100, overlap: 0.2, patterns: ["rising"], seed: 11 });
    const values = zscore(matrix.values, 24);
    const [a, b] = truth.biclusters;
    expect(a!.genes.filter((g) => b!.genes.includes(g))).toHaveLength(20);
    const merged = [...new Set([...a!.genes, ...b!.genes])].sort((x, y) => x - y);
    const split = refineClusters(values, 24, [[0, merged]], { mode: "auto", maxBiclusters: 2 });
    expect(split).toHaveLength(2);
    expect(consensusScore(split, truth.biclusters)).toBeGreaterThan(0.8);
    // One group whose genes differ only in amplitude (jitter 0.6) on 12 of 24 points: one shape.
    const one = generateSynthetic({ genes: 600, timePoints: 24, biclusters: 1, genesPerBicluster: 150, conditionsPerBicluster: 12, amplitudeJitter: 0.6, seed: 12 });
    const kept = refineClusters(zscore(one.matrix.values, 24), 24, [[0, one.truth.biclusters[0]!.genes]], { mode: "auto", maxBiclusters: 2 });
    expect(kept).toHaveLength(1);
  });
});

describe("flags", () => {
  const C = 10;
  const n = 100;
  function data(spike: boolean) {
    const rng = createRng(2);
    const v = new Float64Array(n * C).map(() => rng.normal());
    for (let g = 0; g < 20; g++) {
      if (spike) v[g * C + 4] = 6;
      else for (const j of [2, 3, 4, 5]) v[g * C + j] = 2 + 0.1 * rng.normal();
    }
    return v;
  }
  const genes = Array.from({ length: 20 }, (_, i) => i);

  it("flags a bicluster driven by one condition, not a spread pattern", () => {
    const bg = columnBackground(data(true), C);
    const f = biclusterFlags({ values: data(true), C, genes, conditions: [3, 4, 5], backgroundLevel: bg.mean, nGenes: n, conditionIds: Array.from({ length: C }, (_, j) => `t${j}`) });
    expect(f.map((x) => x.code)).toContain("one-condition");
    expect(f.find((x) => x.code === "one-condition")!.reason).toMatch(/t4 carries \d+% of the pattern/);
    const ok = biclusterFlags({ values: data(false), C, genes, conditions: [2, 3, 4, 5], backgroundLevel: columnBackground(data(false), C).mean, nGenes: n });
    expect(ok).toEqual([]);
  });

  it("flags a few outlying values, most genes, and low expression (when levels are informative)", () => {
    const v = data(false);
    v[0 * C + 2] = 80;
    v[1 * C + 3] = -80;
    v[2 * C + 4] = 80;
    const bg = columnBackground(v, C);
    expect(biclusterFlags({ values: v, C, genes, conditions: [2, 3, 4, 5], backgroundLevel: bg.mean, nGenes: n }).map((x) => x.code)).toContain("outliers");
    const all = Array.from({ length: 60 }, (_, i) => i);
    expect(biclusterFlags({ values: data(false), C, genes: all, conditions: [2, 3, 4, 5], backgroundLevel: bg.mean, nGenes: n }).map((x) => x.code)).toContain("most-genes");
    // raw levels: genes 0-19 at 2 (log2 scale), the rest at 8-10
    const raw = new Float64Array(n * C).map((_, p) => (Math.floor(p / C) < 20 ? 2 : 8 + (Math.floor(p / C) % 3)) + 0.1 * Math.sin(p));
    const levels = geneLevels(raw, C);
    expect(levels.informative).toBe(true);
    const low = biclusterFlags({ values: data(false), C, genes, conditions: [2, 3, 4, 5], backgroundLevel: columnBackground(data(false), C).mean, nGenes: n, levels });
    expect(low.map((x) => x.code)).toEqual(["low-expression"]);
    // centred data (log-ratios): levels carry no information, no flag
    expect(geneLevels(data(false), C).informative).toBe(false);
  });
});

describe("significance", () => {
  it("Benjamini-Hochberg q-values (hand-computed)", () => {
    expect(qValues([0.01, null])).toEqual([0.01, null]);
    const q = qValues([0.01, 0.04, 0.03, 0.5]);
    expect(q[0]).toBeCloseTo(0.04, 12);
    expect(q[1]).toBeCloseTo(0.04 * 4 / 3, 12);
    expect(q[2]).toBeCloseTo(0.04 * 4 / 3, 12);
    expect(q[3]).toBeCloseTo(0.5, 12);
  });

  it("a planted bicluster is at the floor against random groups; a random group is not significant", () => {
    const { matrix, truth } = generatePrelic({ ...small, seed: 8 });
    const values = zscore(matrix.values, 30);
    const planted = refineClusters(values, 30, [[0, truth.biclusters[0]!.genes]]);
    const [s] = biclusterSignificance(values, 30, planted, { rng: createRng(1), permutations: 99, refine: {} });
    expect(s!.atFloor).toBe(true);
    expect(s!.pValue).toBeCloseTo(1 / (s!.nullSize + 1), 12);
    expect(s!.nullSize).toBeLessThan(99); // stopped early: clearly significant
    expect(s!.pValue!).toBeLessThan(0.03);
  });

  it("negative control: pure noise yields no unflagged bicluster with q < 0.05 (null repeats clustering and search)", async () => {
    const rng = createRng(12);
    const genes = 300;
    const T = 12;
    const matrix = {
      genes: Array.from({ length: genes }, (_, i) => `g${i}`),
      conditions: Array.from({ length: T }, (_, t) => ({ id: `t${t}`, time: t })),
      values: new Float64Array(genes * T).map(() => 8 + rng.normal()),
    };
    for (const k of [3, "auto"] as const) {
      const res = await runMethod<"BICLUSTER">(METHODS.require("kmeans"), { matrix }, { k, kMax: 5, permutations: 99, clusteringStarts: 2 }, { seed: 3 });
      const strong = res.payload.biclusters.filter((b) => (b.flags ?? []).length === 0 && (b.qValue ?? 1) < 0.05);
      expect(strong, `K ${k}`).toEqual([]);
    }
  });

  it("a planted structure through the method: significant q-values, overlaps listed", async () => {
    const { matrix } = generateDesign("temporal", { genes: 300, conditions: 20, biclusters: 3, genesPerBicluster: 40, overlap: 0.25, seed: 5 });
    const res = await runMethod<"BICLUSTER">(METHODS.require("kmeans"), { matrix }, { k: 3, permutations: 99, clusteringStarts: 2 }, { seed: 1 });
    const p = res.payload;
    expect(p.biclusters.length).toBeGreaterThanOrEqual(3);
    for (const b of p.biclusters.slice(0, 3)) {
      expect(b.qValue!).toBeLessThan(0.05);
      expect(b.flags).toEqual([]);
    }
    expect(p.overlaps!.some((o) => o.sharedGenes >= 5)).toBe(true);
    const starts = p.details.starts as { starts: number; agreement: number };
    expect(starts.starts).toBe(2);
    // The kept start is the one with the most evidence; agreement is reported, in [0, 1].
    const ev = (p.details.starts as { evidence: number[]; chosen: number }).evidence;
    expect(ev[(p.details.starts as { chosen: number }).chosen]).toBe(Math.max(...ev));
    expect(starts.agreement).toBeGreaterThan(0);
    expect(starts.agreement).toBeLessThanOrEqual(1);
  });
});
