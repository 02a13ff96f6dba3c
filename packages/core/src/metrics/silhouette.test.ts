import { describe, expect, it } from "vitest";
import { createRng } from "../random.ts";
import { silhouette, simplifiedSilhouette } from "./silhouette.ts";

// 1-D points: cluster 0 = {0, 1}, cluster 1 = {4, 6}, singleton cluster 2 = {20}, background 100.
const xs = Float64Array.from([0, 1, 100, 4, 6, 20]);
const labels = [0, 0, -1, 1, 1, 2];

describe("silhouette", () => {
  it("matches hand-computed values, excludes background, singleton -> 0", () => {
    const r = silhouette(xs, 1, labels);
    // a, b by hand: x=0: a=1, b=5 -> 0.8; x=1: a=1, b=4 -> 0.75; x=4: a=2, b=3.5; x=6: a=2, b=5.5
    expect(r.perPoint[0]).toBeCloseTo(0.8, 12);
    expect(r.perPoint[1]).toBeCloseTo(0.75, 12);
    expect(r.perPoint[3]).toBeCloseTo(1.5 / 3.5, 12);
    expect(r.perPoint[4]).toBeCloseTo(3.5 / 5.5, 12);
    expect(r.perPoint[5]).toBe(0);
    expect(Number.isNaN(r.perPoint[2])).toBe(true);
    expect(r.mean).toBeCloseTo((0.8 + 0.75 + 1.5 / 3.5 + 3.5 / 5.5) / 5, 12);
    expect(r.perCluster.get(0)).toBeCloseTo(0.775, 12);
    expect(r.perCluster.get(1)).toBeCloseTo((1.5 / 3.5 + 3.5 / 5.5) / 2, 12);
    expect(r.perCluster.get(2)).toBe(0);
    expect(r.perCluster.has(-1)).toBe(false);
  });

  it("uses Euclidean distance in several dimensions and accepts Float32Array", () => {
    // (0,0),(3,4) in cluster 0; (0,8),(6,8) in cluster 1.
    const d = Float32Array.from([0, 0, 3, 4, 0, 8, 6, 8]);
    const r = silhouette(d, 2, [0, 0, 1, 1]);
    // point (0,0): a = 5, b = (8 + 10) / 2 = 9 -> 4/9
    expect(r.perPoint[0]).toBeCloseTo(4 / 9, 6);
    // point (6,8): a = 6, b = (10 + 5) / 2 = 7.5 -> 1.5/7.5
    expect(r.perPoint[3]).toBeCloseTo(0.2, 6);
  });

  it("returns mean null with fewer than two clusters", () => {
    const r = silhouette(xs, 1, [0, 0, -1, 0, 0, 0]);
    expect(r.mean).toBeNull();
    expect(r.perCluster.size).toBe(0);
    expect(simplifiedSilhouette(xs, 1, [-1, -1, -1, 3, 3, 3]).mean).toBeNull();
  });

  it("estimates from a stratified reference sample, deterministically under a seed", () => {
    const rng = createRng(7);
    const n = 900;
    const dim = 4;
    const data = new Float64Array(n * dim);
    const lab: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 3;
      lab.push(c);
      for (let t = 0; t < dim; t++) data[i * dim + t] = rng.normal() + (t === c ? 3 : 0);
    }
    const exact = silhouette(data, dim, lab, { sampleSize: n });
    const a = silhouette(data, dim, lab, { sampleSize: 150, rng: createRng(1) });
    const b = silhouette(data, dim, lab, { sampleSize: 150, rng: createRng(1) });
    expect(a.perPoint).toEqual(b.perPoint);
    expect(a.mean).toBeCloseTo(exact.mean!, 1);
    let maxDiff = 0;
    for (let i = 0; i < n; i++) maxDiff = Math.max(maxDiff, Math.abs(a.perPoint[i]! - exact.perPoint[i]!));
    expect(maxDiff).toBeLessThan(0.2);
    expect(exact.mean!).toBeGreaterThan(0.2);
  });
});

describe("simplifiedSilhouette", () => {
  it("uses distances to centroids", () => {
    // cluster 0 = {0, 2} (centroid 1), cluster 1 = {10, 12} (centroid 11)
    const r = simplifiedSilhouette(Float64Array.from([0, 2, 10, 12]), 1, [0, 0, 1, 1]);
    expect(r.perPoint[0]).toBeCloseTo((11 - 1) / 11, 12);
    expect(r.perPoint[1]).toBeCloseTo((9 - 1) / 9, 12);
    expect(r.mean).toBeCloseTo((10 / 11 + 8 / 9) * 0.5, 12);
  });
});
