import { describe, expect, it } from "vitest";
import { CancelledError } from "../errors.ts";
import { meanSquaredResidue } from "../metrics/msr.ts";
import { createRng, type Rng } from "../random.ts";
import { extractBiclusters } from "./extract.ts";
import { msrPValue } from "./pvalue.ts";
import { selectConditions } from "./select.ts";

function zscoreRows(v: Float64Array, C: number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length / C; i++) {
    let s = 0;
    let n = 0;
    for (let j = 0; j < C; j++) {
      const x = v[i * C + j]!;
      if (!Number.isNaN(x)) {
        s += x;
        n++;
      }
    }
    const mean = s / n;
    let ss = 0;
    for (let j = 0; j < C; j++) {
      const x = v[i * C + j]!;
      if (!Number.isNaN(x)) ss += (x - mean) ** 2;
    }
    const sd = Math.sqrt(ss / (n - 1)) || 1;
    for (let j = 0; j < C; j++) out[i * C + j] = (v[i * C + j]! - mean) / sd;
  }
  return out;
}

/**
 * Planted toy: genes 0-19 (cluster 0) follow a pattern on `window` only, noise elsewhere; genes 20-39
 * (cluster 1) follow another pattern on all conditions; genes 40-79 are background noise (-1).
 */
function toy(rng: Rng, C: number, window: number[], missing = 0) {
  const raw = new Float64Array(80 * C);
  const p = Array.from({ length: C }, () => rng.normal() * 2);
  const q = Array.from({ length: C }, (_, j) => 2 * Math.sin(j));
  const inWindow = new Set(window);
  const labels: number[] = [];
  for (let g = 0; g < 80; g++) {
    const cluster = g < 20 ? 0 : g < 40 ? 1 : -1;
    labels.push(cluster);
    const offset = rng.normal();
    for (let j = 0; j < C; j++) {
      let v: number;
      if (cluster === 0 && inWindow.has(j)) v = p[j]! + offset + 0.1 * rng.normal();
      else if (cluster === 1) v = q[j]! + offset + 0.1 * rng.normal();
      else v = rng.normal();
      raw[g * C + j] = rng.next() < missing ? Number.NaN : v;
    }
  }
  return { values: zscoreRows(raw, C), labels };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe("extractBiclusters", () => {
  it("recovers the planted conditions and genes, with small p-values", () => {
    const { values, labels } = toy(createRng(1), 10, [0, 1, 2, 3]);
    const bics = extractBiclusters({ values, nConditions: 10, labels }, { criterion: "msr", rng: createRng(2) });
    expect(bics).toHaveLength(2);
    const b0 = bics.find((b) => b.clusterLabel === 0)!;
    const b1 = bics.find((b) => b.clusterLabel === 1)!;
    expect(b0.conditions).toEqual([0, 1, 2, 3]);
    expect(b0.genes).toEqual(range(0, 20));
    expect(b1.conditions).toEqual(range(0, 10));
    expect(b1.genes).toEqual(range(20, 40));
    // sorted by size: 20 x 10 before 20 x 4
    expect(bics[0]).toBe(b1);
    for (const b of bics) {
      expect(b.pValue).toBeCloseTo(1 / 200, 12);
      expect(b.msr).toBeLessThan(0.05);
      expect(b.meanProfile).toHaveLength(10);
      expect(b.geneSilhouettes).toHaveLength(20);
      expect(b.silhouette).toBeGreaterThan(0);
    }
    // cluster 1 is tight on all conditions, cluster 0 only on 4 of 10: its profiles separate less
    expect(b1.silhouette!).toBeGreaterThan(b0.silhouette!);
    // mean profile over ALL conditions = mean of the members' values
    const m3 = range(0, 20).reduce((s, g) => s + values[g * 10 + 3]!, 0) / 20;
    expect(b0.meanProfile[3]).toBeCloseTo(m3, 12);
  });

  it("handles missing values", () => {
    const { values, labels } = toy(createRng(3), 10, [0, 1, 2, 3], 0.05);
    const bics = extractBiclusters({ values, nConditions: 10, labels }, { criterion: "msr", rng: createRng(2), permutations: 19 });
    expect(bics.find((b) => b.clusterLabel === 0)!.conditions).toEqual([0, 1, 2, 3]);
    expect(bics.every((b) => b.meanProfile.every(Number.isFinite))).toBe(true);
  });

  it("honours an explicit MSR threshold (Cheng & Church delta)", () => {
    const { values } = toy(createRng(1), 10, [0, 1, 2, 3]);
    const genes = range(0, 20);
    const strict = selectConditions(values, 10, genes, { msrFraction: 0.05 });
    expect(strict.mode).toBe("threshold");
    expect(strict.conditions).toEqual([0, 1, 2, 3]);
    // a lax delta stops early, before all noise columns are gone
    const lax = selectConditions(values, 10, genes, { msrThreshold: 10 });
    expect(lax.conditions).toHaveLength(10);
  });

  it("prunes a gene that does not follow the pattern on the chosen conditions", () => {
    const { values, labels } = toy(createRng(1), 10, [0, 1, 2, 3]);
    // put background gene 45 into cluster 1
    const l2 = [...labels];
    l2[45] = 1;
    const bics = extractBiclusters({ values, nConditions: 10, labels: l2 }, { criterion: "msr", rng: createRng(2), permutations: 0 });
    const b1 = bics.find((b) => b.clusterLabel === 1)!;
    expect(b1.genes).toEqual(range(20, 40));
    expect(b1.pValue).toBeNull();
    const kept = extractBiclusters({ values, nConditions: 10, labels: l2 }, { criterion: "msr", rng: createRng(2), permutations: 0, pruneGenes: false });
    expect(kept.find((b) => b.clusterLabel === 1)!.genes).toContain(45);
  });

  it("gives a random group of genes a p-value that is not small", () => {
    const { values } = toy(createRng(1), 10, [0, 1, 2, 3]);
    const randomGroup = [41, 44, 50, 53, 58, 60, 66, 71, 75, 79];
    const all = range(0, 10);
    const h = meanSquaredResidue(values, 10, randomGroup, all);
    const p = msrPValue(values, 10, randomGroup.length, 10, h, { rng: createRng(4) })!;
    expect(p).toBeGreaterThan(0.05);
    // the same through extraction (condition selection included): a cluster of 12 background genes
    const { labels } = toy(createRng(1), 10, [0, 1, 2, 3]);
    const l2 = labels.map((l, g) => (g >= 40 && g < 52 ? 2 : l));
    const b2 = extractBiclusters({ values, nConditions: 10, labels: l2 }, { criterion: "msr", rng: createRng(4) }).find((b) => b.clusterLabel === 2)!;
    expect(b2.pValue!).toBeGreaterThan(0.05);
    const planted = msrPValue(values, 10, 10, 4, meanSquaredResidue(values, 10, range(0, 10), [0, 1, 2, 3]), { rng: createRng(4) });
    expect(planted).toBeCloseTo(1 / 200, 12);
  });

  it("picks the planted window in contiguous (time series) mode", () => {
    const window = [4, 5, 6, 7, 8];
    const { values, labels } = toy(createRng(9), 12, window);
    const bics = extractBiclusters({ values, nConditions: 12, labels }, { criterion: "msr", rng: createRng(2), contiguous: true, permutations: 49 });
    const b0 = bics.find((b) => b.clusterLabel === 0)!;
    expect(b0.conditions).toEqual(window);
    expect(b0.pValue).toBeCloseTo(1 / 50, 12);
    expect(bics.find((b) => b.clusterLabel === 1)!.conditions).toEqual(range(0, 12));
    const thr = selectConditions(values, 12, range(0, 20), { contiguous: true, msrFraction: 0.05 });
    expect(thr.conditions).toEqual(window);
  });

  it("is deterministic under a seed and uses embeddings when given", () => {
    const { values, labels } = toy(createRng(1), 10, [0, 1, 2, 3]);
    const emb = new Float32Array(80 * 2);
    for (let g = 0; g < 80; g++) {
      emb[g * 2] = labels[g] === 0 ? 0 : 5;
      emb[g * 2 + 1] = g % 2;
    }
    const run = (seed: number) =>
      extractBiclusters({ values, nConditions: 10, labels, embeddings: { data: emb, dim: 2 } }, { rng: createRng(seed), permutations: 9 });
    const a = run(5);
    expect(run(5)).toEqual(a);
    // in this embedding each cluster is a 2-point cloud 5 apart: s = (5.099.. - 0.526..)/5.099..
    expect(a[0]!.silhouette!).toBeGreaterThan(0.85);
  });

  it("skips small clusters and background, and can be cancelled", () => {
    const { values, labels } = toy(createRng(1), 10, [0, 1, 2, 3]);
    expect(extractBiclusters({ values, nConditions: 10, labels }, { criterion: "msr", rng: createRng(1), minGenes: 21 })).toEqual([]);
    const ac = new AbortController();
    ac.abort();
    expect(() => extractBiclusters({ values, nConditions: 10, labels }, { criterion: "msr", rng: createRng(1), signal: ac.signal })).toThrow(CancelledError);
    expect(() => extractBiclusters({ values, nConditions: 10, labels: [1, 2] }, { criterion: "msr", rng: createRng(1) })).toThrow(/labels/);
  });
});
