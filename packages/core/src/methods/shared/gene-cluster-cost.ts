// Cost model of the gene-clustering steps, for estimates shown before a run starts and for the
// API's budget check. Constants are seconds per unit of work measured with `npm run bench` on a
// 2-core machine (tfjs WebAssembly backend, Node 20); they err on the slow side, so that a run
// accepted by the budget finishes within it on comparable hardware.
import type { InputShape } from "../../analysis/kinds/index.ts";

/** Seconds per (sequence x time step) of LSTM training at 64 units (549 sequences of 30 steps/s). */
export const LSTM_TRAIN_STEP = 6.1e-5;
/** Seconds per (sequence x time step) of embedding at 64 units (forward only). */
export const LSTM_EMBED_STEP = 1.4e-5;
/** Seconds per (gene x feature) of one SVM refinement round at K = 8. */
export const SVM_ROUND_CELL = 1e-5;
/** Seconds per (point x feature x centroid x Lloyd iteration) of k-means. */
export const KMEANS_CELL = 2e-9;
/** Seconds per (cell x permutation) of the MSR p-values. */
export const PERMUTATION_CELL = 1e-8;

/** LSTM cost relative to 64 units (the recurrent matmul dominates above ~32 units). */
export function unitsFactor(units: number): number {
  return Math.max((units / 64) ** 2, 0.25);
}

/** k-means restarts on a sample of at most 3,000 genes, for every K scanned (with 2 gap references). */
export function kmeansSeconds(genes: number, dim: number, k: number | "auto", kMin: number, kMax: number, restarts: number): number {
  const m = Math.min(genes, 3000);
  const ks = k === "auto" ? Array.from({ length: Math.max(0, kMax - kMin + 1) }, (_, i) => kMin + i) : [k];
  const scan = ks.reduce((a, kk) => a + restarts * m * dim * kk * 30 * KMEANS_CELL * (k === "auto" ? 3 : 1), 0);
  const final = genes * dim * Math.max(...ks) * 30 * KMEANS_CELL;
  return scan + final;
}

/** p-values of about one bicluster per cluster, each of a 1/K share of the genes and half of the conditions. */
export function permutationSeconds(shape: InputShape, k: number, permutations: number): number {
  const clusters = Math.max(k, 1);
  const cells = (shape.rows / clusters) * Math.max(1, shape.columns / 2);
  return clusters * permutations * cells * PERMUTATION_CELL;
}

/** Memory of the matrix copies (float64) plus the features and the runtime's own baseline. */
export function baseMemoryMb(shape: InputShape, featureDim: number): number {
  const matrix = (shape.rows * shape.columns * 8 * 6) / 1e6;
  const features = (shape.rows * featureDim * 8 * 4) / 1e6;
  return 250 + matrix + features;
}
