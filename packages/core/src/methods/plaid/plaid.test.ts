import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import { createRng } from "../../random.ts";
import { bestJaccard, noiseMatrix, plant, strided, type PlantedBlock } from "../test-fixtures.ts";
import { plaid } from "./algorithm.ts";
import { plaidMethod } from "./index.ts";

/** Adds mu + a_g + b_c (a, b ~ N(0, 0.5^2)) to the block's cells. */
function addLayer(values: Float64Array, m: number, block: PlantedBlock, mu: number, seed: number): void {
  const rng = createRng(seed);
  const a = block.genes.map(() => 0.5 * rng.normal());
  const b = block.conditions.map(() => 0.5 * rng.normal());
  block.genes.forEach((g, gi) => block.conditions.forEach((c, ci) => void (values[g * m + c]! += mu + a[gi]! + b[ci]!)));
}

const fast = { permutations: 19 };

describe("plaid", () => {
  it("fits a noise-free additive layer exactly: its genes, conditions and effects", () => {
    const n = 30;
    const m = 10;
    const values = new Float64Array(n * m);
    const rows = strided(3, 2, 8);
    const cols = [1, 2, 5, 8]; // fewer than half: the k-means start takes the smaller cluster
    const a = [0.5, -0.5, 0.25, 0, 0.1, -0.2, 0.3, -0.45];
    const b = [1, -1, 0.5, -0.5];
    rows.forEach((i, ri) => cols.forEach((j, ci) => (values[i * m + j] = 4 + a[ri]! + b[ci]!)));
    const { layers } = plaid(values, n, m, {
      maxLayers: 1,
      model: "m+a+b",
      background: false,
      rowRelease: 0.7,
      colRelease: 0.7,
      shuffle: 0,
      iterStartup: 5,
      iterLayer: 10,
      rng: createRng(1),
    });
    const [layer] = layers;
    expect(layer!.rows).toEqual(rows);
    expect(layer!.cols).toEqual(cols);
    expect(layer!.mu).toBeCloseTo(4, 10);
    layer!.rowEffects.forEach((v, i) => expect(v).toBeCloseTo(a[i]!, 10));
    layer!.colEffects.forEach((v, j) => expect(v).toBeCloseTo(b[j]!, 10));
  });

  it("recovers a planted constant block (z-scored, the default) and stops at the first insignificant layer", async () => {
    const matrix = noiseMatrix(200, 20, 1);
    const block = { genes: strided(0, 3, 30), conditions: [2, 3, 5, 7, 11, 12, 15, 18] };
    plant(matrix, block, () => 3, 0.2, 2);
    const res = await runMethod(plaidMethod, { matrix }, { k: 3, ...fast }, { seed: 1 });
    expect(res.payload.biclusters).toHaveLength(1);
    expect(bestJaccard(block, res.payload.biclusters)).toBeGreaterThan(0.95);
    expect(res.payload.details.stopped).not.toBe("max-layers");
  });

  it("finds two additive layers that share genes (a gene in two biclusters), which a partition cannot", async () => {
    const matrix = noiseMatrix(200, 20, 5);
    for (let i = 0; i < matrix.values.length; i++) matrix.values[i]! *= 0.5;
    const A = { genes: strided(0, 1, 40), conditions: strided(0, 1, 8) };
    const B = { genes: strided(25, 1, 40), conditions: strided(10, 1, 8) };
    addLayer(matrix.values, 20, A, 3, 7);
    addLayer(matrix.values, 20, B, -2.5, 8);
    const res = await runMethod(plaidMethod, { matrix }, { k: 4, standardize: false, ...fast }, { seed: 1 });
    const found = res.payload.biclusters;
    expect(bestJaccard(A, found)).toBeGreaterThan(0.8);
    expect(bestJaccard(B, found)).toBeGreaterThan(0.7);
    const shared = strided(25, 1, 15).filter((g) => found.filter((b) => b.genes.includes(g)).length >= 2);
    expect(shared.length).toBeGreaterThan(10);
  });

  it("finds nothing in pure noise (no layer beats the permuted data)", async () => {
    const res = await runMethod(plaidMethod, { matrix: noiseMatrix(100, 12, 9) }, { k: 3, ...fast }, { seed: 2 });
    expect(res.payload.biclusters).toEqual([]);
    expect(res.payload.labels.every((l) => l === -1)).toBe(true);
    expect(res.warnings.join(" ")).toMatch(/no layer/);
  });
});
