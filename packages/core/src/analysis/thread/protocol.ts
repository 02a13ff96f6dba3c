// Messages between an engine thread and the process that started it (structured-clone safe).
import type { ExpressionMatrix, ProgressEvent } from "../../types.ts";

/** The job the parent sends once the thread is ready (one job per thread). */
export interface ThreadJob {
  methodId: string;
  /** The kind's input with matrices as plain objects (typed arrays transferred, not copied). */
  input: unknown;
  params: unknown;
  seed: number;
  /** Checkpoints saved by earlier attempts of this run. */
  checkpoints: Record<string, unknown>;
}

export type ThreadMessage =
  | { type: "ready" }
  | { type: "progress"; event: ProgressEvent }
  | { type: "checkpoint"; key: string; value: unknown }
  | { type: "result"; result: unknown }
  | { type: "error"; error: SerializedError };

export interface SerializedError {
  name: string;
  message: string;
  /** InputError's location. */
  location?: { line?: number; column?: number; field?: string };
  stack?: string;
}

/** Typed-array buffers of an input to transfer to the thread (zero copy). */
export function transferablesOf(input: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 3 || v === null || typeof v !== "object") return;
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && !out.includes(v.buffer)) out.push(v.buffer);
      return;
    }
    if (Array.isArray(v)) return;
    for (const value of Object.values(v)) visit(value, depth + 1);
  };
  visit(input, 0);
  return out;
}

export type MatrixLike = ExpressionMatrix;
