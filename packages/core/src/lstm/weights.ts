// The encoder's learned state as plain typed arrays, independent of the backend that trains it:
// Wx [1, 4U], Wh [U, 4U], b [4U] (gates i, f, g, o), forecasting head Wo [U, 1], bo [1], and after
// fineTune the label head Wc [U, K], bc [K]. Initial values come from the seeded RNG, so they do
// not depend on the backend either.
import { createRng, type Rng } from "../random.ts";

export type WeightName = "Wx" | "Wh" | "b" | "Wo" | "bo" | "Wc" | "bc";

export interface Weight {
  shape: number[];
  values: Float32Array;
}

export type Weights = Map<WeightName, Weight>;

export const BASE_WEIGHTS: readonly WeightName[] = ["Wx", "Wh", "b", "Wo", "bo"];
export const LABEL_HEAD: readonly WeightName[] = ["Wc", "bc"];

function uniform(rng: Rng, size: number, limit: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}

/** PyTorch-style init U(-1/sqrt(units), 1/sqrt(units)) from the seeded RNG; forget-gate bias 1. */
export function initialWeights(units: number, seed: number): Weights {
  const U = units;
  const rng = createRng(seed).fork("lstm-init");
  const k = 1 / Math.sqrt(U);
  const w: Weights = new Map();
  w.set("Wx", { shape: [1, 4 * U], values: uniform(rng, 4 * U, k) });
  w.set("Wh", { shape: [U, 4 * U], values: uniform(rng, U * 4 * U, k) });
  const b = uniform(rng, 4 * U, k);
  for (let j = U; j < 2 * U; j++) b[j] = 1;
  w.set("b", { shape: [4 * U], values: b });
  w.set("Wo", { shape: [U, 1], values: uniform(rng, U, k) });
  w.set("bo", { shape: [1], values: new Float32Array(1) });
  return w;
}

/** Glorot-uniform label head for numClasses classes (seeded by the class count). */
export function labelHeadWeights(units: number, numClasses: number, seed: number): Weights {
  const rng = createRng(seed).fork(`lstm-label-head-${numClasses}`);
  const w: Weights = new Map();
  w.set("Wc", { shape: [units, numClasses], values: uniform(rng, units * numClasses, Math.sqrt(6 / (units + numClasses))) });
  w.set("bc", { shape: [numClasses], values: new Float32Array(numClasses) });
  return w;
}

export function copyWeights(w: Weights): Weights {
  return new Map([...w].map(([name, x]) => [name, { shape: [...x.shape], values: Float32Array.from(x.values) }]));
}
