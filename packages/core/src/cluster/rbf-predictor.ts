// SVM predictions for the refinement from a trained libsvm-js model, without libsvm's predict.
// libsvm-js predicts one sample per call through a sparse copy in its wasm heap, and refinement
// predicts every gene in every iteration: at 20,000 genes that dominated the run. Here the support
// vectors are our own rows (exact, via getSVIndices), coefficients, rho and Platt's A, B come from
// the serialized model, the kernel values of a block of genes against all support vectors come
// from rbf-kernel.wasm (f32x4, built from packages/core/kernel/assembly/rbf.ts), and the
// one-vs-one vote, Platt scaling and pairwise coupling are libsvm's (svm_predict_values,
// sigmoid_predict, multiclass_probability) in f64. Kernel values are f32 (relative error ~1e-6),
// so decision values differ from libsvm's by rounding only; labels can differ at near-ties.
import { readFileSync } from "node:fs";
import type { TrainedModel } from "./svm-trainer.ts";

export const RBF_WASM_URL = new URL("./rbf-kernel.wasm", import.meta.url);

interface RbfExports {
  memory: { buffer: ArrayBuffer };
  configure(dim: number, nsv: number, rows: number): void;
  supportVectors(): number;
  points(): number;
  kernelValues(): number;
  rbf(rows: number, gamma: number): void;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let compiled: object | undefined;

/** Genes per kernel call (kernel values of a block: BLOCK x support vectors floats). */
const BLOCK = 64;
const MIN_PROB = 1e-7;

export interface ProbabilityPrediction {
  /** Model labels, in the model's order. */
  labels: number[];
  /** Per predicted row: probability of each label (rows x labels). */
  probabilities: Float64Array;
}

export interface DenseRbfModel {
  /** Predicted class of rows `rows` of the row-major points (dim each). */
  predict(rows: readonly number[]): Int32Array;
  /**
   * Predicted class (the one-vs-one vote, as predict) and its margin over class `own(a)` of each
   * row: the pairwise decision value of predicted vs own, positive towards the predicted class
   * (|value| >= 1: outside the margin band); 0 when they are the same class, +Infinity when the
   * model has no class `own(a)`.
   */
  predictMargin(rows: readonly number[], own: (a: number) => number): { labels: Int32Array; margin: Float64Array };
  /** Platt-scaled, pairwise-coupled class probabilities (the model must have probability estimates). */
  predictProbability(rows: readonly number[]): ProbabilityPrediction;
}

function field(text: string[], name: string): number[] {
  const line = text.find((l) => l.startsWith(`${name} `));
  return line ? line.slice(name.length + 1).trim().split(/\s+/).map(Number) : [];
}

/** libsvm's multiclass_probability (Wu, Lin and Weng 2004, method 2): p from pairwise r (k x k). */
function coupling(k: number, r: Float64Array, p: Float64Array): void {
  const Q = new Float64Array(k * k);
  const Qp = new Float64Array(k);
  const maxIter = Math.max(100, k);
  const eps = 0.005 / k;
  for (let t = 0; t < k; t++) {
    p[t] = 1 / k;
    Q[t * k + t] = 0;
    for (let j = 0; j < t; j++) {
      Q[t * k + t]! += r[j * k + t]! * r[j * k + t]!;
      Q[t * k + j] = Q[j * k + t]!;
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t]! += r[j * k + t]! * r[j * k + t]!;
      Q[t * k + j] = -r[j * k + t]! * r[t * k + j]!;
    }
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t]! += Q[t * k + j]! * p[j]!;
      pQp += p[t]! * Qp[t]!;
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t]! - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t]! + pQp) / Q[t * k + t]!;
      p[t]! += diff;
      pQp = (pQp + diff * (diff * Q[t * k + t]! + 2 * Qp[t]!)) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j]! + diff * Q[t * k + j]!) / (1 + diff);
        p[j]! /= 1 + diff;
      }
    }
  }
}

/** libsvm's sigmoid_predict. */
function sigmoid(dec: number, A: number, B: number): number {
  const fApB = dec * A + B;
  return fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
}

/**
 * The dense form of a model trained with RBF `gamma` on rows `fitRows` of `data` (row-major, dim
 * values each); predictions are for rows of the same data.
 */
export function denseRbfModel(model: TrainedModel, data: Float64Array, dim: number, fitRows: readonly number[], gamma: number): DenseRbfModel {
  const text = model.text.split("\n");
  const labels = field(text, "label");
  const nSv = field(text, "nr_sv");
  const rho = field(text, "rho");
  const probA = field(text, "probA");
  const probB = field(text, "probB");
  const k = labels.length;
  const svIdx = model.svIndices;
  const l = svIdx.length;
  const svLine = text.indexOf("SV") + 1;
  const coef = new Float64Array((k - 1) * l); // coef[m * l + s], libsvm's sv_coef[m][s]
  for (let s = 0; s < l; s++) {
    const tokens = text[svLine + s]!.trim().split(/\s+/);
    for (let m = 0; m < k - 1; m++) coef[m * l + s] = Number(tokens[m]);
  }
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1]! + nSv[c - 1]!;

  compiled ??= new wasm.Module(readFileSync(RBF_WASM_URL));
  const x = new wasm.Instance(compiled, {}).exports as RbfExports;
  const dp = Math.ceil(dim / 4) * 4;
  const lp = Math.ceil(l / 4) * 4;
  x.configure(dp, lp, BLOCK);
  const sv = new Float32Array(x.memory.buffer, x.supportVectors(), lp * dp);
  for (let s = 0; s < l; s++) {
    const r = fitRows[svIdx[s]!]!;
    for (let j = 0; j < dim; j++) sv[s * dp + j] = data[r * dim + j]!;
  }
  const points = new Float32Array(x.memory.buffer, x.points(), BLOCK * dp);
  const kv = new Float32Array(x.memory.buffer, x.kernelValues(), BLOCK * lp);
  const dec = new Float64Array((k * (k - 1)) / 2);

  /** Calls fn(a, kvOffset) for each row a of `rows` with its kernel values at kv[kvOffset..]. */
  const blocks = (rows: readonly number[], fn: (a: number, at: number) => void) => {
    for (let b0 = 0; b0 < rows.length; b0 += BLOCK) {
      const m = Math.min(BLOCK, rows.length - b0);
      for (let a = 0; a < m; a++) {
        const r = rows[b0 + a]!;
        for (let j = 0; j < dim; j++) points[a * dp + j] = data[r * dim + j]!;
      }
      x.rbf(m, gamma);
      for (let a = 0; a < m; a++) fn(b0 + a, a * lp);
    }
  };
  /** libsvm's svm_predict_values for C-SVC: pairwise decision values into `dec`. */
  const decisions = (at: number) => {
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let sum = 0;
        const si = start[i]!;
        const sj = start[j]!;
        const c1 = (j - 1) * l;
        const c2 = i * l;
        for (let t = 0; t < nSv[i]!; t++) sum += coef[c1 + si + t]! * kv[at + si + t]!;
        for (let t = 0; t < nSv[j]!; t++) sum += coef[c2 + sj + t]! * kv[at + sj + t]!;
        dec[p] = sum - rho[p]!;
        p++;
      }
    }
  };

  return {
    predict(rows) {
      const out = new Int32Array(rows.length);
      const votes = new Int32Array(k);
      blocks(rows, (a, at) => {
        decisions(at);
        votes.fill(0);
        let p = 0;
        for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) votes[dec[p++]! > 0 ? i : j]!++;
        let best = 0;
        for (let i = 1; i < k; i++) if (votes[i]! > votes[best]!) best = i;
        out[a] = labels[best]!;
      });
      return out;
    },
    predictMargin(rows, own) {
      const out = new Int32Array(rows.length);
      const margin = new Float64Array(rows.length);
      const votes = new Int32Array(k);
      // Index of each pair (i < j) in dec.
      const pairAt = (i: number, j: number) => i * k - (i * (i + 1)) / 2 + (j - i - 1);
      blocks(rows, (a, at) => {
        decisions(at);
        votes.fill(0);
        let p = 0;
        for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) votes[dec[p++]! > 0 ? i : j]!++;
        let best = 0;
        for (let i = 1; i < k; i++) if (votes[i]! > votes[best]!) best = i;
        out[a] = labels[best]!;
        const o = labels.indexOf(own(a));
        if (o < 0) margin[a] = Number.POSITIVE_INFINITY;
        else if (o === best) margin[a] = 0;
        else margin[a] = best < o ? dec[pairAt(best, o)]! : -dec[pairAt(o, best)]!;
      });
      return { labels: out, margin };
    },
    predictProbability(rows) {
      if (probA.length !== dec.length || probB.length !== dec.length) throw new Error("model has no probability estimates");
      const probabilities = new Float64Array(rows.length * k);
      const r = new Float64Array(k * k);
      const p = new Float64Array(k);
      blocks(rows, (a, at) => {
        decisions(at);
        let q = 0;
        for (let i = 0; i < k; i++) {
          for (let j = i + 1; j < k; j++) {
            r[i * k + j] = Math.min(Math.max(sigmoid(dec[q]!, probA[q]!, probB[q]!), MIN_PROB), 1 - MIN_PROB);
            r[j * k + i] = 1 - r[i * k + j]!;
            q++;
          }
        }
        if (k === 2) {
          p[0] = r[1]!;
          p[1] = r[k]!;
        } else coupling(k, r, p);
        probabilities.set(p, a * k);
      });
      return { labels, probabilities };
    },
  };
}
