// LSTM forecaster whose final hidden state is a gene's embedding (estimator style).
//
// One LSTM layer (sigmoid gates, `activation` for the cell candidate and output), a linear
// forecasting head that predicts the next value from each step's hidden state, and, after
// fineTune, a softmax cluster-label head on the final hidden state. The math runs in a backend
// engine (engine.ts): the fused WebAssembly kernel (kernel/) or tfjs ops (tfjs-engine.ts, the
// reference); this class owns the options, the seeded weight initialisation, batching, epochs,
// early stopping and reports, so every backend trains on the same batches. Learned state is plain
// typed arrays (weights.ts): toJSON/load are the same whatever the backend.
import * as tf from "@tensorflow/tfjs";
import { CancelledError, InputError, NotFittedError } from "../errors.ts";
import { createRng } from "../random.ts";
import { selectBackend, type BackendInfo, type BackendName, type BackendPreference } from "./backend.ts";
import { yieldToEventLoop, type LstmEngine, type Network, type TrainingSession } from "./engine.ts";
import { KernelEngine } from "./kernel/engine.ts";
import { defaultThreads } from "./kernel/pool.ts";
import { trainingWindow, type Sequences } from "./sequences.ts";
import { TfjsEngine } from "./tfjs-engine.ts";
import { BASE_WEIGHTS, LABEL_HEAD, copyWeights, initialWeights, labelHeadWeights, type WeightName, type Weights } from "./weights.ts";

export interface LstmEncoderOptions {
  /** Hidden units; the embedding dimension (paper: 64). Default 64. */
  units: number;
  /** Activation of the cell candidate and output; gates are sigmoid (paper: tanh). Default "tanh". */
  activation: "tanh" | "relu";
  /** Forecasting loss (paper: mean squared error). Default "mse" (the only one). */
  loss: "mse";
  /** Adam learning rate (paper: 0.001). Default 0.001. */
  learningRate: number;
  /** Maximum training epochs of `fit` (paper: 50). Default 50. */
  epochs: number;
  /** Longest training window in input steps (paper: "input dimension 30"); see sequences.ts. Default 30. */
  inputDim: number;
  /** Sequences per gradient step. Default 64 (fastest measured on wasm: 32 and 256 are slower). */
  batchSize: number;
  /** Fraction of the sequences held out to monitor early stopping; 0 monitors the training loss. Default 0.1. */
  validationSplit: number;
  /** Epochs without improvement of the monitored loss before stopping; 0 disables early stopping. Default 5. */
  patience: number;
  /** Smallest decrease of the monitored loss that counts as improvement. Default 1e-4. */
  minDelta: number;
  /** After early stopping, restore the weights of the best epoch. Default true. */
  restoreBestWeights: boolean;
  /** Epochs of each `fineTune` call (re-application with cluster labels). Default 5. */
  fineTuneEpochs: number;
  /** Weight of the cluster-label cross-entropy relative to the forecasting MSE in fineTune. Default 1. */
  labelWeight: number;
  /** Seed of the weight initialisation, shuffling and window draws. Default 0. */
  seed: number;
  /**
   * Where the network runs: "auto" = tfjs-node ("tensorflow") when installed, else the fused
   * WebAssembly "kernel"; "kernel", or the tfjs backends "wasm", "cpu", "tensorflow". Default "auto".
   */
  backend: BackendPreference;
  /**
   * Threads of the kernel backend; 0 = min(2, available parallelism). Batches are cut into
   * max(2, threads) fixed shards, so 1 and 2 threads give bit-identical results. Default 0.
   */
  threads: number;
  /** Embedding: the final hidden state ("last") or the mean of the hidden states over time ("mean"). Default "last". */
  pooling: "last" | "mean";
}

export const LSTM_DEFAULTS: Readonly<LstmEncoderOptions> = Object.freeze({
  units: 64,
  activation: "tanh",
  loss: "mse",
  learningRate: 0.001,
  epochs: 50,
  inputDim: 30,
  batchSize: 64,
  validationSplit: 0.1,
  patience: 5,
  minDelta: 1e-4,
  restoreBestWeights: true,
  fineTuneEpochs: 5,
  labelWeight: 1,
  seed: 0,
  backend: "auto",
  threads: 0,
  pooling: "last",
});

/** What one fit / fineTune call did (copied into the pipeline result). */
export interface LstmFitReport {
  objective: "forecast" | "forecast+labels";
  epochsRequested: number;
  epochsRun: number;
  earlyStopped: boolean;
  /** 1-based epoch whose weights were kept (the last one unless restoreBestWeights applied). */
  bestEpoch: number;
  monitor: "validation" | "train";
  /** Mean total loss per epoch on the training part. */
  trainLoss: number[];
  /** Mean forecasting loss per epoch on the held-out part (empty without validation). */
  valLoss: number[];
  /** Mean label cross-entropy per epoch (fineTune only). */
  labelLoss?: number[];
  trainSequences: number;
  validationSequences: number;
  /** Points per training example (min(T, inputDim + 1) for fit, T for fineTune). */
  windowLength: number;
  sequenceLength: number;
  batchSize: number;
  seconds: number;
  sequencesPerSecond: number;
}

export interface EpochEvent {
  epoch: number;
  epochs: number;
  trainLoss: number;
  valLoss?: number;
}

export interface TrainControl {
  signal?: AbortSignal;
  /** Called after each epoch. */
  onEpoch?: (event: EpochEvent) => void;
}

export interface EmbedControl {
  signal?: AbortSignal;
  /** Fraction of sequences embedded so far. */
  onProgress?: (fraction: number) => void;
  /**
   * Sequences per forward chunk. Default: kernel 128 (chunks handed to the threads as they free up); tfjs 256 (measured on tfjs-wasm, 4,000 x 50: 2048 -> 10-12 s,
   * 512 -> 4.6 s, 256 -> 3.3-6.2 s, 128 -> 3.1 s on a busy machine; large chunks fall out of cache).
   */
  chunkSize?: number;
}

interface WeightJson {
  shape: number[];
  values: number[];
}

export interface LstmEncoderJson {
  name: "LstmEncoder";
  version: 1;
  options: LstmEncoderOptions;
  fitted: boolean;
  numClasses: number | null;
  /** Training calls so far (each draws its own seeded generator): a reloaded model continues the same sequence. */
  calls?: number;
  weights: Record<string, WeightJson>;
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

/** Rows idx of seqs (windows of L points from starts, or whole), row-major. */
function gatherBatch(seqs: Sequences, idx: ArrayLike<number>, starts: Int32Array | null, L: number): Float32Array {
  const out = new Float32Array(idx.length * L);
  for (let a = 0; a < idx.length; a++) {
    const i = idx[a]!;
    const s = i * seqs.length + (starts ? starts[i]! : 0);
    out.set(seqs.data.subarray(s, s + L), a * L);
  }
  return out;
}

export class LstmEncoder {
  readonly options: LstmEncoderOptions;
  private weights: Weights = new Map();
  private fitted = false;
  private numClasses: number | null = null;
  private calls = 0;
  private engine: LstmEngine | null = null;
  private backend: BackendInfo | null = null;

  constructor(options: Partial<LstmEncoderOptions> = {}) {
    this.options = { ...LSTM_DEFAULTS, ...options };
  }

  get isFitted(): boolean {
    return this.fitted;
  }

  /** Embedding dimension (= units). */
  get dim(): number {
    return this.options.units;
  }

  /** The backend that ran (after the first fit / fineTune / embed), with what was tried. */
  get backendInfo(): BackendInfo | null {
    return this.backend;
  }

  private get net(): Network {
    return { units: this.options.units, activation: this.options.activation };
  }

  private validate(): void {
    const o = this.options;
    const int = (name: keyof LstmEncoderOptions, v: number, min: number) => {
      if (!Number.isInteger(v) || v < min) throw new InputError(`${name} must be an integer >= ${min}, got ${v}`, { field: name });
    };
    int("units", o.units, 1);
    int("epochs", o.epochs, 1);
    int("inputDim", o.inputDim, 1);
    int("batchSize", o.batchSize, 1);
    int("patience", o.patience, 0);
    int("fineTuneEpochs", o.fineTuneEpochs, 0);
    int("threads", o.threads, 0);
    if (!(o.learningRate > 0)) throw new InputError(`learningRate must be > 0`, { field: "learningRate" });
    if (!(o.validationSplit >= 0 && o.validationSplit < 1)) {
      throw new InputError(`validationSplit must be in [0, 1)`, { field: "validationSplit" });
    }
    if (o.activation !== "tanh" && o.activation !== "relu") throw new InputError(`unknown activation`, { field: "activation" });
    if (o.loss !== "mse") throw new InputError(`unknown loss ${String(o.loss)}`, { field: "loss" });
    if (o.pooling !== "last" && o.pooling !== "mean") throw new InputError(`unknown pooling ${String(o.pooling)}`, { field: "pooling" });
    if (!["auto", "kernel", "wasm", "cpu", "tensorflow"].includes(o.backend)) {
      throw new InputError(`unknown backend ${String(o.backend)}`, { field: "backend" });
    }
  }

  private createEngine(name: BackendName): LstmEngine {
    return name === "kernel" ? new KernelEngine(this.options.threads || defaultThreads()) : new TfjsEngine(name);
  }

  /** The engine of the selected backend (selected once per encoder). */
  private async useEngine(): Promise<LstmEngine> {
    const info = await selectBackend(this.options.backend);
    if (!this.engine || this.engine.name !== info.name) {
      await this.engine?.dispose();
      this.engine = this.createEngine(info.name);
    }
    this.backend = info;
    return this.engine;
  }

  /**
   * For the synchronous predict: the engine in use, else without selection: the kernel for
   * "auto" and "kernel" unless tfjs-node is already the tfjs backend, else tfjs as it stands.
   */
  private engineSync(): LstmEngine {
    if (this.engine) return this.engine;
    const pref = this.options.backend;
    const tfjsNode = (pref === "auto" || pref === "tensorflow") && tf.getBackend() === "tensorflow";
    this.engine = (pref === "auto" || pref === "kernel") && !tfjsNode ? this.createEngine("kernel") : new TfjsEngine(tf.getBackend() as BackendName);
    return this.engine;
  }

  private requireWeights(): Weights {
    if (!this.fitted || this.weights.size === 0) throw new NotFittedError("LstmEncoder");
    return this.weights;
  }

  private checkSequences(seqs: Sequences): void {
    if (seqs.n < 1) throw new InputError("no sequences to train on");
    if (seqs.length < 2) throw new InputError("sequences need at least 2 time points");
    if (seqs.data.length !== seqs.n * seqs.length) throw new InputError("sequence data has the wrong size");
  }

  private async session(weights: Weights, trainable: readonly WeightName[], length: number): Promise<TrainingSession> {
    const engine = await this.useEngine();
    const o = this.options;
    return engine.startTraining({
      ...this.net,
      weights,
      trainable,
      learningRate: o.learningRate,
      labelWeight: o.labelWeight,
      batchSize: o.batchSize,
      length,
    });
  }

  /**
   * Trains the forecaster from fresh weights. Early stopping monitors the held-out sequences
   * (validationSplit), or the training loss when there are none. Resolves with a report.
   */
  async fit(seqs: Sequences, control: TrainControl = {}): Promise<LstmFitReport> {
    this.validate();
    this.checkSequences(seqs);
    const o = this.options;
    const rng = createRng(o.seed).fork(`fit-${this.calls++}`);
    const t0 = performance.now();
    const T = seqs.length;
    const L = trainingWindow(T, o.inputDim);
    const order = rng.shuffle(Array.from({ length: seqs.n }, (_, i) => i));
    let nVal = Math.round(seqs.n * o.validationSplit);
    if (seqs.n - nVal < 1) nVal = 0;
    const valIdx = order.slice(0, nVal);
    const trainIdx = order.slice(nVal);
    const windowStarts = (): Int32Array | null => {
      if (L === T) return null;
      const s = new Int32Array(seqs.n);
      for (let i = 0; i < seqs.n; i++) s[i] = rng.int(T - L + 1);
      return s;
    };
    const valStarts = windowStarts();
    const valX = nVal > 0 ? gatherBatch(seqs, valIdx, valStarts, L) : null;
    const monitor: "validation" | "train" = nVal > 0 ? "validation" : "train";
    const report: LstmFitReport = {
      objective: "forecast",
      epochsRequested: o.epochs,
      epochsRun: 0,
      earlyStopped: false,
      bestEpoch: 0,
      monitor,
      trainLoss: [],
      valLoss: [],
      trainSequences: trainIdx.length,
      validationSequences: nVal,
      windowLength: L,
      sequenceLength: T,
      batchSize: o.batchSize,
      seconds: 0,
      sequencesPerSecond: 0,
    };
    const session = await this.session(initialWeights(o.units, o.seed), BASE_WEIGHTS, L);
    let best = Infinity;
    let bestSnap: Weights | null = null;
    let sinceBest = 0;
    let final: Weights;
    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        const starts = windowStarts();
        rng.shuffle(trainIdx);
        let sum = 0;
        for (let s = 0; s < trainIdx.length; s += o.batchSize) {
          checkSignal(control.signal);
          const idx = trainIdx.slice(s, s + o.batchSize);
          const { loss } = await session.step(gatherBatch(seqs, idx, starts, L), idx.length, L, null);
          sum += loss * idx.length;
          await yieldToEventLoop();
        }
        const trainLoss = sum / trainIdx.length;
        report.trainLoss.push(trainLoss);
        let valLoss: number | undefined;
        if (valX) {
          valLoss = await session.evaluate(valX, nVal, L);
          report.valLoss.push(valLoss);
        }
        report.epochsRun = epoch;
        control.onEpoch?.({ epoch, epochs: o.epochs, trainLoss, ...(valLoss !== undefined ? { valLoss } : {}) });
        const monitored = valLoss ?? trainLoss;
        if (monitored < best - o.minDelta) {
          best = monitored;
          report.bestEpoch = epoch;
          sinceBest = 0;
          if (o.patience > 0 && o.restoreBestWeights) bestSnap = session.weights();
        } else if (o.patience > 0 && ++sinceBest >= o.patience) {
          report.earlyStopped = epoch < o.epochs;
          break;
        }
      }
    } finally {
      final = session.close();
    }
    if (o.patience > 0 && o.restoreBestWeights && bestSnap && report.bestEpoch !== report.epochsRun) {
      final = bestSnap;
    } else {
      report.bestEpoch = report.epochsRun;
    }
    this.weights = final;
    this.numClasses = null;
    this.fitted = true;
    report.seconds = (performance.now() - t0) / 1000;
    report.sequencesPerSecond = (report.epochsRun * trainIdx.length) / Math.max(report.seconds, 1e-9);
    return report;
  }

  /**
   * Re-application step: continues training from the current weights (fresh Adam state) on whole
   * profiles with the joint loss forecastMSE + labelWeight * cross-entropy(label head(final
   * hidden state), labels). labels[i] < 0 (background) contributes to forecasting only. No early
   * stopping (a fixed, small number of epochs: fineTuneEpochs, or `epochs` when given).
   */
  async fineTune(seqs: Sequences, labels: ArrayLike<number>, control: TrainControl & { epochs?: number } = {}): Promise<LstmFitReport> {
    const current = this.requireWeights();
    this.validate();
    this.checkSequences(seqs);
    if (labels.length !== seqs.n) throw new InputError(`labels has ${labels.length} entries for ${seqs.n} sequences`, { field: "labels" });
    const o = this.options;
    const lab = Int32Array.from(labels);
    let maxLabel = -1;
    for (const l of lab) if (l > maxLabel) maxLabel = l;
    const K = maxLabel + 1;
    const start = copyWeights(current);
    if (K >= 1 && this.numClasses !== K) {
      for (const [name, w] of labelHeadWeights(o.units, K, o.seed)) start.set(name, w);
      this.numClasses = K;
    }
    const epochs = control.epochs ?? o.fineTuneEpochs;
    const rng = createRng(o.seed).fork(`finetune-${this.calls++}`);
    const t0 = performance.now();
    const L = seqs.length;
    const order = Array.from({ length: seqs.n }, (_, i) => i);
    const report: LstmFitReport = {
      objective: "forecast+labels",
      epochsRequested: epochs,
      epochsRun: 0,
      earlyStopped: false,
      bestEpoch: 0,
      monitor: "train",
      trainLoss: [],
      valLoss: [],
      labelLoss: [],
      trainSequences: seqs.n,
      validationSequences: 0,
      windowLength: L,
      sequenceLength: L,
      batchSize: o.batchSize,
      seconds: 0,
      sequencesPerSecond: 0,
    };
    const useLabels = K >= 1 && o.labelWeight > 0;
    const session = await this.session(start, useLabels ? [...BASE_WEIGHTS, ...LABEL_HEAD] : BASE_WEIGHTS, L);
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        rng.shuffle(order);
        let sum = 0;
        let sumLabel = 0;
        for (let s = 0; s < order.length; s += o.batchSize) {
          checkSignal(control.signal);
          const idx = order.slice(s, s + o.batchSize);
          const batchLabels = useLabels ? Int32Array.from(idx, (i) => lab[i]!) : null;
          const r = await session.step(gatherBatch(seqs, idx, null, L), idx.length, L, batchLabels);
          sum += r.loss * idx.length;
          sumLabel += r.labelLoss * idx.length;
          await yieldToEventLoop();
        }
        report.trainLoss.push(sum / seqs.n);
        report.labelLoss!.push(sumLabel / seqs.n);
        report.epochsRun = epoch;
        report.bestEpoch = epoch;
        control.onEpoch?.({ epoch, epochs, trainLoss: sum / seqs.n });
      }
    } finally {
      this.weights = session.close();
    }
    report.seconds = (performance.now() - t0) / 1000;
    report.sequencesPerSecond = (report.epochsRun * seqs.n) / Math.max(report.seconds, 1e-9);
    return report;
  }

  /** Embedding after each whole sequence (see `pooling`): Float32Array n x units, row-major. */
  async embed(seqs: Sequences, control: EmbedControl = {}): Promise<Float32Array> {
    const weights = this.requireWeights();
    const engine = await this.useEngine();
    return engine.embed(this.net, weights, seqs.data, seqs.n, seqs.length, {
      pooling: this.options.pooling,
      ...(control.signal ? { signal: control.signal } : {}),
      ...(control.onProgress ? { onProgress: control.onProgress } : {}),
      ...(control.chunkSize ? { chunkSize: control.chunkSize } : {}),
    });
  }

  /** Forecasts of steps 2..T from each whole sequence: Float32Array n x (T - 1). */
  predict(seqs: Sequences): Float32Array {
    const weights = this.requireWeights();
    return this.engineSync().predict(this.net, weights, seqs.data, seqs.n, seqs.length);
  }

  /** Plain-JSON model: options, state and weights as number arrays (the same for every backend). */
  toJSON(): LstmEncoderJson {
    const weights: Record<string, WeightJson> = {};
    for (const [name, w] of this.weights) weights[name] = { shape: [...w.shape], values: Array.from(w.values) };
    return { name: "LstmEncoder", version: 1, options: { ...this.options }, fitted: this.fitted, numClasses: this.numClasses, calls: this.calls, weights };
  }

  /** Rebuilds an encoder from toJSON() output. */
  static load(json: LstmEncoderJson): LstmEncoder {
    if (json.name !== "LstmEncoder" || json.version !== 1) {
      throw new InputError(`not an LstmEncoder v1 model (name ${String(json.name)}, version ${String(json.version)})`);
    }
    const enc = new LstmEncoder(json.options);
    for (const [name, w] of Object.entries(json.weights)) {
      enc.weights.set(name as WeightName, { shape: [...w.shape], values: Float32Array.from(w.values) });
    }
    enc.fitted = json.fitted;
    enc.numClasses = json.numClasses;
    enc.calls = json.calls ?? 0;
    return enc;
  }

  /** Frees the weights and the backend (kernel worker threads). The encoder must not be used afterwards. */
  dispose(): void {
    this.weights.clear();
    this.fitted = false;
    const engine = this.engine;
    this.engine = null;
    void engine?.dispose();
  }
}
