// Gene profiles as LSTM input.
//
// How the paper's "input dimension 30" maps onto short time courses (decision, documented here
// and in the result): a gene's normalised profile of T points is ONE sequence of T steps with one
// feature per step (its value). `inputDim` (default 30) is the longest window, in steps, that the
// LSTM is trained on:
//  - T <= inputDim + 1 (all published time courses of 8-24 points): the whole profile is one
//    training example; steps 1..T-1 are the inputs and the model forecasts steps 2..T (each step's
//    hidden state predicts the next value).
//  - T > inputDim + 1 (e.g. 50 points): each epoch trains on one window of inputDim + 1
//    consecutive points per gene, its start drawn from the seeded generator (the validation
//    windows are fixed), so cost per example stays bounded.
// The embedding of a gene is always the final hidden state after reading its WHOLE profile
// (all T steps; an LSTM is length-agnostic), so no part of a long profile is ignored.

import { InputError } from "../errors.ts";

/** n sequences of `length` steps, one feature per step, row-major (sequence i at i * length). */
export interface Sequences {
  data: Float32Array;
  n: number;
  length: number;
}

/** Wraps a row-major genes x time-points array as sequences (copying to float32). */
export function toSequences(values: ArrayLike<number>, n: number, length: number): Sequences {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(length) || length < 2) {
    throw new InputError(`sequences need n >= 0 and length >= 2, got n=${n}, length=${length}`, { field: "length" });
  }
  if (values.length !== n * length) {
    throw new InputError(`expected ${n * length} values (${n} x ${length}), got ${values.length}`);
  }
  const data = new Float32Array(n * length);
  for (let i = 0; i < data.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      throw new InputError(`non-finite value at sequence ${Math.floor(i / length)}, step ${i % length}: impute first`);
    }
    data[i] = v;
  }
  return { data, n, length };
}

/** Selects rows `index` of `seqs` (copy). */
export function subsetSequences(seqs: Sequences, index: ArrayLike<number>): Sequences {
  const { length } = seqs;
  const data = new Float32Array(index.length * length);
  for (let a = 0; a < index.length; a++) {
    const i = index[a]!;
    data.set(seqs.data.subarray(i * length, (i + 1) * length), a * length);
  }
  return { data, n: index.length, length };
}

/** Window length used for training: min(T, inputDim + 1) points (inputDim input steps). */
export function trainingWindow(length: number, inputDim: number): number {
  return Math.min(length, inputDim + 1);
}
