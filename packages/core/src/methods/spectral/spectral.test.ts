import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import type { ExpressionMatrix } from "../../types.ts";
import { bistochasticNormalise, logNormalise, scaleNormalise, spectralBiclustering, type SpectralNormalisation } from "./algorithm.ts";
import { spectralMethod } from "./index.ts";

interface Board {
  shape: [number, number];
  clusters: [number, number];
  matrix: number[][];
  plantedRowLabels: number[];
  plantedColumnLabels: number[];
  sklearn: Record<SpectralNormalisation, { rowLabels: number[]; columnLabels: number[] }>;
}
/** Written by fixtures/sklearn-spectral.py (scikit-learn 1.2.1). */
const fixture = JSON.parse(readFileSync(new URL("./fixtures/sklearn-spectral.json", import.meta.url), "utf8")) as {
  normalise: Record<"matrix" | SpectralNormalisation, number[][]>;
  checkerboards: Board[];
};

/** Same partition up to renaming the labels (a bijection between label sets). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]!) ?? b[i]) !== b[i] || (ba.get(b[i]!) ?? a[i]) !== a[i]) return false;
    ab.set(a[i]!, b[i]!);
    ba.set(b[i]!, a[i]!);
  }
  return true;
}

const flat = (rows: number[][]) => Float64Array.from(rows.flat());

describe("spectral normalisations", () => {
  const x = flat(fixture.normalise.matrix);
  it.each(["scale", "bistochastic", "log"] as const)("%s matches scikit-learn on a 3 x 3 matrix", (method) => {
    const ours = method === "scale" ? scaleNormalise(x, 3, 3) : method === "log" ? logNormalise(x, 3, 3) : bistochasticNormalise(x, 3, 3).values;
    Array.from(ours).forEach((v, i) => expect(v).toBeCloseTo(flat(fixture.normalise[method])[i]!, 9));
  });

  it("bistochastic: rows sum to one constant and columns to another; log: rows and columns of K sum to 0", () => {
    const { values } = bistochasticNormalise(x, 3, 3);
    const rows = [0, 1, 2].map((i) => values[i * 3]! + values[i * 3 + 1]! + values[i * 3 + 2]!);
    const cols = [0, 1, 2].map((j) => values[j]! + values[3 + j]! + values[6 + j]!);
    for (const s of rows) expect(s).toBeCloseTo(rows[0]!, 4); // within the 1e-5 stopping tolerance
    for (const s of cols) expect(s).toBeCloseTo(cols[0]!, 4);
    // hand check of scale: a_00 / sqrt(row sum 6 * column sum 12)
    expect(scaleNormalise(x, 3, 3)[0]).toBeCloseTo(1 / Math.sqrt(6 * 12), 12);
    const K = logNormalise(x, 3, 3);
    for (let i = 0; i < 3; i++) expect(K[i * 3]! + K[i * 3 + 1]! + K[i * 3 + 2]!).toBeCloseTo(0, 12);
    for (let j = 0; j < 3; j++) expect(K[j]! + K[3 + j]! + K[6 + j]!).toBeCloseTo(0, 12);
  });
});

describe("spectral biclustering", () => {
  it.each(fixture.checkerboards.flatMap((b, i) => (["bistochastic", "scale", "log"] as const).map((method) => [i, method] as const)))(
    "checkerboard %i with %s normalisation: the same gene and condition clusters as scikit-learn",
    (index, method) => {
      const board = fixture.checkerboards[index]!;
      const [n, m] = board.shape;
      const [rowClusters, colClusters] = board.clusters;
      const fit = spectralBiclustering(flat(board.matrix), n, m, { rowClusters, colClusters, normalisation: method, components: 6, best: 3, nInit: 10, seed: 1 });
      expect(samePartition(fit.rowLabels, board.sklearn[method].rowLabels)).toBe(true);
      expect(samePartition(fit.colLabels, board.sklearn[method].columnLabels)).toBe(true);
      expect(samePartition(fit.rowLabels, board.plantedRowLabels)).toBe(true);
    },
  );

  it("as a method: every block of the checkerboard is a bicluster, labelled by its gene cluster's first block", async () => {
    const board = fixture.checkerboards[0]!;
    const [n, m] = board.shape;
    const matrix: ExpressionMatrix = {
      genes: Array.from({ length: n }, (_, i) => `g${i}`),
      conditions: Array.from({ length: m }, (_, j) => ({ id: `c${j}` })),
      values: flat(board.matrix),
    };
    const res = await runMethod(spectralMethod, { matrix }, { k: 4, columnClusters: 3, permutations: 19 }, { seed: 3 });
    const { biclusters, labels, details } = res.payload;
    expect(biclusters).toHaveLength(12);
    const geneClusters = details.geneClusters as number[];
    expect(samePartition(geneClusters, board.plantedRowLabels)).toBe(true);
    expect(samePartition(details.conditionClusters as number[], board.plantedColumnLabels)).toBe(true);
    // a gene's label is the index of the first block of its gene cluster
    for (let g = 0; g < n; g++) expect(biclusters[labels[g]!]!.genes).toContain(g);
    expect(res.payload.kChoice).toBeNull();
  });

  it("refuses more singular vectors than the matrix has, naming the field", async () => {
    const matrix: ExpressionMatrix = {
      genes: Array.from({ length: 12 }, (_, i) => `g${i}`),
      conditions: Array.from({ length: 4 }, (_, j) => ({ id: `c${j}` })),
      values: Float64Array.from({ length: 48 }, (_, i) => 1 + ((i * 7) % 5)),
    };
    await expect(runMethod(spectralMethod, { matrix }, { components: 6 })).rejects.toMatchObject({ location: { field: "components" } });
    await expect(runMethod(spectralMethod, { matrix }, { components: 2, best: 3 })).rejects.toMatchObject({ location: { field: "best" } });
  });
});
