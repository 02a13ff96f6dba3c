// What every classifier of src/classify implements: fit on feature rows with class indices,
// class probabilities for new rows, a JSON round trip, and dispose (tfjs weights).
export interface TrainingSet {
  /** n x d feature rows, row-major. */
  x: Float32Array;
  n: number;
  d: number;
  /** Class index per row, 0..classes-1. */
  y: Int32Array;
  classes: number;
}

export interface FitControl {
  signal?: AbortSignal | undefined;
  /** 0..1 within this fit. */
  onProgress?: ((fraction: number) => void) | undefined;
}

export interface ClassifierFitReport {
  seconds: number;
  /** Model-specific facts (epochs run, support vectors, ...). */
  [key: string]: unknown;
}

export interface Classifier {
  readonly name: string;
  fit(data: TrainingSet, control?: FitControl): Promise<ClassifierFitReport>;
  /** n x classes probabilities, row-major (rows sum to 1). */
  predictProba(x: Float32Array, n: number): Float64Array;
  toJSON(): { name: string; version: number; [key: string]: unknown };
  /** Frees native or tensor memory; the model is unusable afterwards. */
  dispose(): void;
}

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Rows of a flat row-major array as arrays (libsvm-js takes number[][]). */
export function rowsOf(x: Float32Array, n: number, d: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from(x.subarray(i * d, (i + 1) * d)));
}
