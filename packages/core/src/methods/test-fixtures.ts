// Small planted matrices for the baseline methods' tests (not part of the public surface).
import { createRng } from "../random.ts";
import type { ExpressionMatrix } from "../types.ts";

export interface PlantedBlock {
  genes: number[];
  conditions: number[];
}

/** Rows x columns of N(0, 1) noise as an ExpressionMatrix (conditions without times). */
export function noiseMatrix(n: number, m: number, seed: number): ExpressionMatrix {
  const rng = createRng(seed);
  const values = new Float64Array(n * m);
  for (let i = 0; i < values.length; i++) values[i] = rng.normal();
  return {
    genes: Array.from({ length: n }, (_, i) => `g${i}`),
    conditions: Array.from({ length: m }, (_, j) => ({ id: `c${j}` })),
    values,
  };
}

/**
 * Plants, into `matrix` (mutated), a block whose cells are `level(gene, condition)` plus N(0, sd^2)
 * noise: a constant block (level = c), a shift/additive block (level = a_g + b_j), etc.
 */
export function plant(matrix: ExpressionMatrix, block: PlantedBlock, level: (gene: number, condition: number) => number, sd: number, seed: number): void {
  const rng = createRng(seed);
  const m = matrix.conditions.length;
  for (const g of block.genes) for (const c of block.conditions) matrix.values[g * m + c] = level(g, c) + sd * rng.normal();
}

/** Every `step`-th index from `start`, `count` of them. */
export function strided(start: number, step: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** Jaccard index of two cell sets (genes x conditions). */
export function cellJaccard(a: PlantedBlock, b: PlantedBlock): number {
  const g = a.genes.filter((x) => b.genes.includes(x)).length;
  const c = a.conditions.filter((x) => b.conditions.includes(x)).length;
  const inter = g * c;
  return inter / (a.genes.length * a.conditions.length + b.genes.length * b.conditions.length - inter);
}

/** Best cell Jaccard of `truth` with any of `found`. */
export function bestJaccard(truth: PlantedBlock, found: readonly PlantedBlock[]): number {
  return Math.max(0, ...found.map((f) => cellJaccard(truth, f)));
}
