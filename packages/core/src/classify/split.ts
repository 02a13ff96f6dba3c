// Seeded stratified splits: each class is shuffled and dealt out on its own, so every part keeps
// the class proportions (within one sample).
import { InputError } from "../errors.ts";
import type { Rng } from "../random.ts";

function byClass(y: ArrayLike<number>): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < y.length; i++) (groups[y[i]!] ??= []).push(i);
  return groups.filter((g) => g !== undefined);
}

/**
 * Train/test indices with round(testFraction * n_c) test samples of each class c (at least one
 * test and one training sample per class with two or more samples).
 */
export function stratifiedHoldout(y: ArrayLike<number>, testFraction: number, rng: Rng): { train: number[]; test: number[] } {
  if (!(testFraction > 0 && testFraction < 1)) throw new InputError(`test fraction must be in (0, 1), got ${testFraction}`, { field: "testFraction" });
  const train: number[] = [];
  const test: number[] = [];
  for (const members of byClass(y)) {
    const shuffled = rng.shuffle([...members]);
    let nTest = Math.round(testFraction * shuffled.length);
    if (shuffled.length >= 2) nTest = Math.min(Math.max(nTest, 1), shuffled.length - 1);
    else nTest = 0;
    test.push(...shuffled.slice(0, nTest));
    train.push(...shuffled.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/** k stratified folds: fold f is the test part of split f. */
export function stratifiedKFold(y: ArrayLike<number>, k: number, rng: Rng): { train: number[]; test: number[] }[] {
  if (!Number.isInteger(k) || k < 2) throw new InputError(`folds must be an integer >= 2, got ${k}`, { field: "folds" });
  const foldOf = new Int32Array(y.length);
  let offset = 0;
  for (const members of byClass(y)) {
    // Continue dealing where the previous class stopped so fold sizes stay balanced.
    rng.shuffle([...members]).forEach((i, a) => (foldOf[i] = (a + offset) % k));
    offset = (offset + members.length) % k;
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < y.length; i++) (foldOf[i] === f ? test : train).push(i);
    return { train, test };
  });
}
