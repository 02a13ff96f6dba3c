// What the encoder needs from a backend: a training session (one call per batch), forward-only
// embeddings, validation losses and forecasts. Implementations: tfjs-engine.ts (tfjs ops, the
// reference) and kernel/engine.ts (the fused WebAssembly kernel). The encoder keeps the epoch
// loop, batching, seeding, early stopping and reports, so every backend sees the same batches.
import type { BackendName } from "./backend.ts";
import type { WeightName, Weights } from "./weights.ts";

export interface Network {
  units: number;
  activation: "tanh" | "relu";
}

export interface TrainingSetup extends Network {
  weights: Weights;
  /** Weights updated by Adam (the label head only when its loss is used). */
  trainable: readonly WeightName[];
  learningRate: number;
  /** Weight of the label cross-entropy (used only when labels are given to step). */
  labelWeight: number;
  /** Largest batch and window length of this session. */
  batchSize: number;
  length: number;
}

export interface BatchLoss {
  /** Forecast MSE + labelWeight * cross-entropy (the minimised loss). */
  loss: number;
  /** Mean cross-entropy over the batch's labelled rows (0 without). */
  labelLoss: number;
}

export interface TrainingSession {
  /** One Adam step on x (B x L, row-major); labels (B, -1 = none) add the label loss. */
  step(x: Float32Array, B: number, L: number, labels: Int32Array | null): Promise<BatchLoss>;
  /** Mean forecasting MSE over the n sequences of x (n x L). */
  evaluate(x: Float32Array, n: number, L: number): Promise<number>;
  /** Copy of the current weights. */
  weights(): Weights;
  /** Replaces the weights (keeps the optimiser state). */
  setWeights(w: Weights): void;
  /** Ends the session and returns the final weights. */
  close(): Weights;
}

export interface ForwardControl {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
  chunkSize?: number;
  pooling: "last" | "mean";
}

export interface LstmEngine {
  readonly name: BackendName;
  startTraining(setup: TrainingSetup): Promise<TrainingSession>;
  /** Embedding of each of the n sequences of x (n x L): n x units. */
  embed(net: Network, weights: Weights, x: Float32Array, n: number, L: number, control: ForwardControl): Promise<Float32Array>;
  /** Forecasts of steps 2..L: n x (L - 1). */
  predict(net: Network, weights: Weights, x: Float32Array, n: number, L: number): Float32Array;
  dispose(): Promise<void>;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
