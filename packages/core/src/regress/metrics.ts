// Regression scores and permutation importance (Breiman 2001; the model-agnostic form of
// scikit-learn's permutation_importance: the drop of test R2 when one feature column is shuffled).
import type { Rng } from "../random.ts";

export interface RegressionScores {
  r2: number;
  mse: number;
  rmse: number;
}

/** R2 = 1 - SS_res / SS_tot (SS_tot around the mean of `truth`), MSE and its root. */
export function regressionScores(truth: readonly number[], predicted: readonly number[]): RegressionScores {
  const n = truth.length;
  const mean = truth.reduce((a, b) => a + b, 0) / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    ssRes += (truth[i]! - predicted[i]!) ** 2;
    ssTot += (truth[i]! - mean) ** 2;
  }
  const mse = ssRes / n;
  return { r2: ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0, mse, rmse: Math.sqrt(mse) };
}

export interface FeatureImportance {
  feature: string;
  /** Mean drop of R2 when the column is permuted (higher = more important; ~0 = unused). */
  mean: number;
  sd: number;
}

export function permutationImportance(
  predict: (x: number[][]) => number[],
  x: readonly number[][],
  y: readonly number[],
  features: readonly string[],
  repeats: number,
  rng: Rng,
): FeatureImportance[] {
  const base = regressionScores(y, predict(x as number[][])).r2;
  return features.map((feature, j) => {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const column = rng.shuffle(x.map((row) => row[j]!));
      const shuffled = x.map((row, i) => {
        const copy = [...row];
        copy[j] = column[i]!;
        return copy;
      });
      drops.push(base - regressionScores(y, predict(shuffled)).r2);
    }
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const sd = repeats > 1 ? Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / (repeats - 1)) : 0;
    return { feature, mean, sd };
  });
}
