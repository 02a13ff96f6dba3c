// The SharedArrayBuffer through which the main thread and the kernel workers exchange one batch:
// weights, inputs, labels, per-shard gradients and loss sums, forward outputs. Both sides build
// the same views from the same sizes.
import type { KernelShape, WasmModule } from "./instance.ts";

export interface SharedSizes {
  /** Padded parameter count (KernelInstance.paramCount). */
  params: number;
  /** Rows of the largest batch or forward chunk. */
  rows: number;
  /** Longest sequence. */
  len: number;
  /** Gradient shards per batch. */
  shards: number;
  /** Padded units (columns of the forward output). */
  units: number;
}

export interface SharedViews {
  params: Float32Array;
  x: Float32Array;
  labels: Int32Array;
  grads: Float32Array;
  /** Per shard: squared-error sum, cross-entropy sum. */
  losses: Float64Array;
  out: Float32Array;
  rowErrors: Float64Array;
  forecasts: Float32Array;
}

function layout(s: SharedSizes): { bytes: number; at: number[] } {
  const sizes = [
    s.params * 4,
    s.rows * s.len * 4,
    s.rows * 4,
    s.shards * s.params * 4,
    s.shards * 2 * 8,
    s.rows * s.units * 4,
    s.rows * 8,
    s.rows * s.len * 4,
  ];
  const at: number[] = [];
  let p = 0;
  for (const n of sizes) {
    at.push(p);
    p += Math.ceil(n / 16) * 16;
  }
  return { bytes: p, at };
}

export function allocateShared(s: SharedSizes): SharedArrayBuffer {
  return new SharedArrayBuffer(layout(s).bytes);
}

export function sharedViews(buffer: SharedArrayBuffer, s: SharedSizes): SharedViews {
  const { at } = layout(s);
  return {
    params: new Float32Array(buffer, at[0], s.params),
    x: new Float32Array(buffer, at[1], s.rows * s.len),
    labels: new Int32Array(buffer, at[2], s.rows),
    grads: new Float32Array(buffer, at[3], s.shards * s.params),
    losses: new Float64Array(buffer, at[4], s.shards * 2),
    out: new Float32Array(buffer, at[5], s.rows * s.units),
    rowErrors: new Float64Array(buffer, at[6], s.rows),
    forecasts: new Float32Array(buffer, at[7], s.rows * s.len),
  };
}

/**
 * Buffer of a forward pass over many rows, shared out chunk by chunk: threads take the next
 * chunk from an atomic counter until none is left, so a slow thread never holds the others up.
 */
export interface BulkViews {
  counter: Int32Array;
  x: Float32Array;
  out: Float32Array;
  rowErrors: Float64Array;
  forecasts: Float32Array;
}

function bulkLayout(n: number, L: number, units: number): { bytes: number; at: number[] } {
  const sizes = [16, n * L * 4, n * units * 4, n * 8, n * Math.max(L - 1, 1) * 4];
  const at: number[] = [];
  let p = 0;
  for (const b of sizes) {
    at.push(p);
    p += Math.ceil(b / 16) * 16;
  }
  return { bytes: p, at };
}

export function allocateBulk(n: number, L: number, units: number): SharedArrayBuffer {
  return new SharedArrayBuffer(bulkLayout(n, L, units).bytes);
}

export function bulkViews(buffer: SharedArrayBuffer, n: number, L: number, units: number): BulkViews {
  const { at } = bulkLayout(n, L, units);
  return {
    counter: new Int32Array(buffer, at[0], 1),
    x: new Float32Array(buffer, at[1], n * L),
    out: new Float32Array(buffer, at[2], n * units),
    rowErrors: new Float64Array(buffer, at[3], n),
    forecasts: new Float32Array(buffer, at[4], n * Math.max(L - 1, 1)),
  };
}

/** Rows a..b of a batch of `rows` rows given to part `p` of `parts` (the same split everywhere). */
export function partRange(rows: number, p: number, parts: number): [number, number] {
  return [Math.floor((p * rows) / parts), Math.floor(((p + 1) * rows) / parts)];
}

/** Messages from the main thread to a kernel worker. */
export type WorkerRequest =
  | { op: "init"; module: WasmModule }
  | {
      op: "configure";
      shape: KernelShape;
      rows: number;
      len: number;
      steps: number;
      buffer: SharedArrayBuffer;
      sizes: SharedSizes;
    }
  | { op: "gradient"; B: number; L: number; shards: number[]; of: number; mseScale: number; labelScale: number; useLabels: boolean }
  | { op: "forward"; L: number; a: number; b: number; flags: number }
  /** rows: rows to run (<= capacity, the rows the buffer was laid out for). */
  | { op: "forwardBulk"; buffer: SharedArrayBuffer; capacity: number; rows: number; L: number; flags: number; chunk: number };

export type WorkerReply = { ok: true } | { ok: false; error: string };
