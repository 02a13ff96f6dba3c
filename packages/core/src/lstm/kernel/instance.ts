// One instance of the fused LSTM kernel (lstm-kernel.wasm, built from packages/core/kernel by
// `npm run build:kernel`): typed access to its exports and the translation between the
// encoder's weight shapes and the kernel's padded layout (units padded to a multiple of 8 with
// zero weights, which stay exactly zero and change nothing: see kernel/assembly/layout.ts).
import { readFileSync } from "node:fs";

export const KERNEL_WASM_URL = new URL("./lstm-kernel.wasm", import.meta.url);

// The slice of the WebAssembly JS API used here (the repo's lib settings have no WebAssembly types).
/** A compiled module (opaque; structured-cloneable to worker threads). */
export type WasmModule = { readonly __wasmModule: unique symbol };
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

interface KernelExports {
  memory: { buffer: ArrayBuffer };
  configure(units: number, classes: number, activation: number, slots: number, rows: number, len: number, steps: number): void;
  gradient(L: number, r0: number, r1: number, slot: number, mseScale: number, labelScale: number, useLabels: number): void;
  applyShards(shards: number, n: number, lr: number, beta1: number, beta2: number, omb1: number, omb2: number, omAcc1: number, omAcc2: number, eps: number): void;
  trainStep(B: number, L: number, shards: number, mseScale: number, labelScale: number, useLabels: number, n: number, lr: number, beta1: number, beta2: number, omb1: number, omb2: number, omAcc1: number, omAcc2: number, eps: number): void;
  forward(L: number, r0: number, r1: number, flags: number): void;
  params(): number;
  adamFirst(): number;
  adamSecond(): number;
  shardGradient(slot: number): number;
  input(): number;
  labels(): number;
  output(): number;
  rowErrors(): number;
  forecasts(): number;
  results(): number;
  paramCount(): number;
  baseParamCount(): number;
  offset(which: number): number;
}

export const FORWARD = { final: 1, mean: 2, sse: 4, predictions: 8 } as const;

let compiled: WasmModule | undefined;

/** The compiled kernel module (compiled once per thread; throws where wasm SIMD is unsupported). */
export function kernelModule(): WasmModule {
  compiled ??= new wasm.Module(readFileSync(KERNEL_WASM_URL));
  return compiled;
}

/** Shapes of the network as the encoder sees them. */
export interface KernelShape {
  units: number;
  /** Label-head classes (0 = no label head). */
  classes: number;
  activation: "tanh" | "relu";
  /** Gradient slots = shards per batch. */
  slots: number;
}

/** Weights in the encoder's shapes: Wx [1, 4U], Wh [U, 4U], b [4U], Wo [U, 1], bo [1], Wc [U, K], bc [K]. */
export interface FlatWeights {
  Wx: Float32Array;
  Wh: Float32Array;
  b: Float32Array;
  Wo: Float32Array;
  bo: Float32Array;
  Wc?: Float32Array;
  bc?: Float32Array;
}

export const paddedUnits = (units: number): number => Math.ceil(units / 8) * 8;

export class KernelInstance {
  private readonly x: KernelExports;
  private shape: KernelShape | null = null;
  private up = 0;

  constructor(module: WasmModule = kernelModule()) {
    this.x = new wasm.Instance(module, {}).exports as unknown as KernelExports;
  }

  /** Sets shapes and capacity (rows per call, sequence length, steps kept for training). */
  configure(shape: KernelShape, rows: number, len: number, steps: number): void {
    this.shape = shape;
    this.up = paddedUnits(shape.units);
    this.x.configure(this.up, shape.classes, shape.activation === "relu" ? 1 : 0, shape.slots, rows, len, steps);
  }

  private f32(ptr: number, n: number): Float32Array {
    return new Float32Array(this.x.memory.buffer, ptr, n);
  }

  get paddedUnits(): number {
    return this.up;
  }
  get paramCount(): number {
    return this.x.paramCount();
  }
  get baseParamCount(): number {
    return this.x.baseParamCount();
  }
  /** All parameters, padded layout (a view: valid until the next configure). */
  params(): Float32Array {
    return this.f32(this.x.params(), this.paramCount);
  }
  shardGradient(slot: number): Float32Array {
    return this.f32(this.x.shardGradient(slot), this.paramCount);
  }
  input(n: number): Float32Array {
    return this.f32(this.x.input(), n);
  }
  labels(n: number): Int32Array {
    return new Int32Array(this.x.memory.buffer, this.x.labels(), n);
  }
  output(rows: number): Float32Array {
    return this.f32(this.x.output(), rows * this.up);
  }
  rowErrors(rows: number): Float64Array {
    return new Float64Array(this.x.memory.buffer, this.x.rowErrors(), rows);
  }
  forecasts(n: number): Float32Array {
    return this.f32(this.x.forecasts(), n);
  }
  results(): Float64Array {
    return new Float64Array(this.x.memory.buffer, this.x.results(), 4);
  }

  resetAdam(): void {
    const n = this.paramCount;
    this.f32(this.x.adamFirst(), n).fill(0);
    this.f32(this.x.adamSecond(), n).fill(0);
  }

  /** Writes weights (encoder shapes) into the padded layout; padding and absent heads are zero. */
  setWeights(w: FlatWeights): void {
    const s = this.requireShape();
    const U = s.units;
    const up = this.up;
    const p = this.params();
    p.fill(0);
    const o = (i: number) => this.x.offset(i);
    const col = (j: number) => Math.floor(j / U) * up + (j % U);
    for (let j = 0; j < 4 * U; j++) {
      p[o(0) + col(j)] = w.Wx[j]!;
      p[o(2) + col(j)] = w.b[j]!;
    }
    for (let k = 0; k < U; k++) {
      for (let j = 0; j < 4 * U; j++) p[o(1) + k * 4 * up + col(j)] = w.Wh[k * 4 * U + j]!;
      p[o(3) + k] = w.Wo[k]!;
    }
    p[o(4)] = w.bo[0]!;
    if (s.classes > 0 && w.Wc && w.bc) {
      const K = s.classes;
      for (let k = 0; k < U; k++) for (let c = 0; c < K; c++) p[o(5) + k * K + c] = w.Wc[k * K + c]!;
      for (let c = 0; c < K; c++) p[o(6) + c] = w.bc[c]!;
    }
  }

  /** Reads a padded parameter vector (this instance's params by default) in the encoder's shapes. */
  getWeights(from: Float32Array = this.params()): FlatWeights {
    const s = this.requireShape();
    const U = s.units;
    const up = this.up;
    const o = (i: number) => this.x.offset(i);
    const col = (j: number) => Math.floor(j / U) * up + (j % U);
    const w: FlatWeights = {
      Wx: new Float32Array(4 * U),
      Wh: new Float32Array(U * 4 * U),
      b: new Float32Array(4 * U),
      Wo: new Float32Array(U),
      bo: Float32Array.of(from[o(4)]!),
    };
    for (let j = 0; j < 4 * U; j++) {
      w.Wx[j] = from[o(0) + col(j)]!;
      w.b[j] = from[o(2) + col(j)]!;
    }
    for (let k = 0; k < U; k++) {
      for (let j = 0; j < 4 * U; j++) w.Wh[k * 4 * U + j] = from[o(1) + k * 4 * up + col(j)]!;
      w.Wo[k] = from[o(3) + k]!;
    }
    if (s.classes > 0) {
      const K = s.classes;
      w.Wc = new Float32Array(U * K);
      w.bc = new Float32Array(K);
      for (let k = 0; k < U; k++) for (let c = 0; c < K; c++) w.Wc[k * K + c] = from[o(5) + k * K + c]!;
      for (let c = 0; c < K; c++) w.bc[c] = from[o(6) + c]!;
    }
    return w;
  }

  /** Gradient of rows r0..r1 of the batch in input() into `slot`; returns squared-error and cross-entropy sums. */
  gradient(L: number, r0: number, r1: number, slot: number, mseScale: number, labelScale: number, useLabels: boolean): { sse: number; ce: number } {
    this.x.gradient(L, r0, r1, slot, mseScale, labelScale, useLabels ? 1 : 0);
    const r = this.results();
    return { sse: r[0]!, ce: r[1]! };
  }

  applyShards(shards: number, n: number, adam: AdamStep): void {
    this.x.applyShards(shards, n, adam.lr, adam.beta1, adam.beta2, adam.oneMinusBeta1, adam.oneMinusBeta2, adam.oneMinusAcc1, adam.oneMinusAcc2, adam.epsilon);
  }

  trainStep(B: number, L: number, shards: number, mseScale: number, labelScale: number, useLabels: boolean, n: number, adam: AdamStep): { sse: number; ce: number } {
    this.x.trainStep(B, L, shards, mseScale, labelScale, useLabels ? 1 : 0, n, adam.lr, adam.beta1, adam.beta2, adam.oneMinusBeta1, adam.oneMinusBeta2, adam.oneMinusAcc1, adam.oneMinusAcc2, adam.epsilon);
    const r = this.results();
    return { sse: r[2]!, ce: r[3]! };
  }

  /** Forward over rows r0..r1 of input(); outputs indexed from 0 (see FORWARD flags). */
  forward(L: number, r0: number, r1: number, flags: number): void {
    this.x.forward(L, r0, r1, flags);
  }

  private requireShape(): KernelShape {
    if (!this.shape) throw new Error("kernel instance not configured");
    return this.shape;
  }
}

/** Scalars of one Adam step, rounded to f32 as tfjs's scalar tensors are. */
export interface AdamStep {
  lr: number;
  beta1: number;
  beta2: number;
  oneMinusBeta1: number;
  oneMinusBeta2: number;
  oneMinusAcc1: number;
  oneMinusAcc2: number;
  epsilon: number;
}
