// LSTM forecaster whose final hidden state is a gene's embedding (estimator style).
//
// One LSTM layer (sigmoid gates, `activation` for the cell candidate and output), a linear
// forecasting head that predicts the next value from each step's hidden state, and, after
// fineTune, a softmax cluster-label head on the final hidden state. Written directly with tfjs
// ops (one fused input projection for all steps, one recurrent matMul per step) rather than
// tf.layers: it is as fast (measured), gives the joint loss and per-batch cancellation for free,
// and initialises weights from the seeded RNG so initial weights do not depend on the backend.
import * as tf from "@tensorflow/tfjs";
import { CancelledError, InputError, NotFittedError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";
import { trainingWindow, type Sequences } from "./sequences.ts";

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
   * What a sequence's embedding is: "last" = the final hidden state h_T (default), "mean" = the
   * mean of the hidden states h_1..h_T (a summary of the whole course, less dominated by its last
   * points and less sensitive to when a shape occurs). The label head of fineTune reads the same
   * vector. The forecasting objective is unchanged. Default "last".
   */
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
  /** Sequences per forward chunk. Default 256 (measured on wasm, 4,000 x 50: 2048 -> 10-12 s, 512 -> 4.6 s, 256 -> 3.3-6.2 s, 128 -> 3.1 s on a busy machine; large chunks fall out of cache). */
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

type WeightName = "Wx" | "Wh" | "b" | "Wo" | "bo" | "Wc" | "bc";

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function uniform(rng: Rng, size: number, limit: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (rng.next() * 2 - 1) * limit;
  return out;
}

export class LstmEncoder {
  readonly options: LstmEncoderOptions;
  private vars = new Map<WeightName, tf.Variable>();
  private fitted = false;
  private numClasses: number | null = null;
  private calls = 0;

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
    if (!(o.learningRate > 0)) throw new InputError(`learningRate must be > 0`, { field: "learningRate" });
    if (!(o.validationSplit >= 0 && o.validationSplit < 1)) {
      throw new InputError(`validationSplit must be in [0, 1)`, { field: "validationSplit" });
    }
    if (o.activation !== "tanh" && o.activation !== "relu") throw new InputError(`unknown activation`, { field: "activation" });
    if (o.loss !== "mse") throw new InputError(`unknown loss ${String(o.loss)}`, { field: "loss" });
    if (o.pooling !== "last" && o.pooling !== "mean") throw new InputError(`unknown pooling ${String(o.pooling)}`, { field: "pooling" });
  }

  private setVar(name: WeightName, values: Float32Array, shape: number[]): void {
    this.vars.get(name)?.dispose();
    const init = tf.tensor(values, shape, "float32");
    this.vars.set(name, tf.variable(init, true));
    init.dispose();
  }

  private v(name: WeightName): tf.Variable {
    const x = this.vars.get(name);
    if (!x) throw new NotFittedError("LstmEncoder");
    return x;
  }

  /** PyTorch-style init U(-1/sqrt(units), 1/sqrt(units)) from the seeded RNG; forget-gate bias 1. */
  private initWeights(): void {
    const U = this.options.units;
    const rng = createRng(this.options.seed).fork("lstm-init");
    const k = 1 / Math.sqrt(U);
    this.setVar("Wx", uniform(rng, 4 * U, k), [1, 4 * U]);
    this.setVar("Wh", uniform(rng, U * 4 * U, k), [U, 4 * U]);
    const b = uniform(rng, 4 * U, k);
    for (let j = U; j < 2 * U; j++) b[j] = 1;
    this.setVar("b", b, [4 * U]);
    this.setVar("Wo", uniform(rng, U, k), [U, 1]);
    this.setVar("bo", new Float32Array(1), [1]);
  }

  private initLabelHead(numClasses: number): void {
    const U = this.options.units;
    const rng = createRng(this.options.seed).fork(`lstm-label-head-${numClasses}`);
    this.setVar("Wc", uniform(rng, U * numClasses, Math.sqrt(6 / (U + numClasses))), [U, numClasses]);
    this.setVar("bc", new Float32Array(numClasses), [numClasses]);
    this.numClasses = numClasses;
  }

  /**
   * Runs the LSTM over x [B, L]; returns the hidden states of steps 0..L-1 (when `keepAll`) and
   * the final one. Must be called inside tf.tidy or an optimizer's minimize.
   */
  private forward(x: tf.Tensor2D, keepAll: boolean): { hs: tf.Tensor2D[]; h: tf.Tensor2D } {
    const U = this.options.units;
    const [B, L] = x.shape;
    const act = this.options.activation === "tanh" ? tf.tanh : tf.relu;
    const Wh = this.v("Wh");
    // One projection of every step's input: [L*B, 1] x [1, 4U] + b, then per-step slices.
    const xw = tf
      .add(tf.matMul(tf.reshape(tf.transpose(x), [L * B, 1]), this.v("Wx")), this.v("b"))
      .reshape([L, B, 4 * U]);
    const steps = tf.unstack(xw) as tf.Tensor2D[];
    let h = tf.zeros([B, U]) as tf.Tensor2D;
    let c = tf.zeros([B, U]) as tf.Tensor2D;
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < L; t++) {
      const z = tf.add(steps[t]!, tf.matMul(h, Wh));
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), act(zg)));
      h = tf.mul(tf.sigmoid(zo), act(c));
      if (keepAll) hs.push(h);
    }
    return { hs, h };
  }

  /** The embedding of each row from the hidden states (see LstmEncoderOptions.pooling). */
  private pool(hs: tf.Tensor2D[], h: tf.Tensor2D): tf.Tensor2D {
    return this.options.pooling === "mean" ? (tf.mean(tf.stack(hs), 0) as tf.Tensor2D) : h;
  }

  /** Mean squared error of forecasting x[:, t+1] from the hidden state after x[:, t]. */
  private forecastLoss(x: tf.Tensor2D, hs: tf.Tensor2D[]): tf.Scalar {
    const [B, L] = x.shape;
    const U = this.options.units;
    const H = tf.reshape(tf.stack(hs.slice(0, L - 1)), [(L - 1) * B, U]);
    const pred = tf.add(tf.matMul(H, this.v("Wo")), this.v("bo"));
    const target = tf.reshape(tf.transpose(tf.slice(x, [0, 1], [B, L - 1])), [(L - 1) * B, 1]);
    return tf.mean(tf.square(tf.sub(pred, target)));
  }

  /** Masked softmax cross-entropy of the label head; labels < 0 (background) are ignored. */
  private labelLoss(h: tf.Tensor2D, labels: Int32Array): tf.Scalar {
    const K = this.numClasses!;
    const mask = new Float32Array(labels.length);
    const safe = new Int32Array(labels.length);
    let count = 0;
    for (let i = 0; i < labels.length; i++) {
      if (labels[i]! >= 0) {
        mask[i] = 1;
        safe[i] = labels[i]!;
        count++;
      }
    }
    if (count === 0) return tf.scalar(0);
    const logits = tf.add(tf.matMul(h, this.v("Wc")), this.v("bc"));
    const logp = tf.logSoftmax(logits);
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(safe, "int32"), K)), 1);
    return tf.div(tf.neg(tf.sum(tf.mul(picked, tf.tensor1d(mask)))), count);
  }

  private batch(seqs: Sequences, idx: ArrayLike<number>, starts: Int32Array | null, L: number): tf.Tensor2D {
    const out = new Float32Array(idx.length * L);
    for (let a = 0; a < idx.length; a++) {
      const i = idx[a]!;
      const s = i * seqs.length + (starts ? starts[i]! : 0);
      out.set(seqs.data.subarray(s, s + L), a * L);
    }
    return tf.tensor2d(out, [idx.length, L]);
  }

  private snapshot(): Map<WeightName, Float32Array> {
    const snap = new Map<WeightName, Float32Array>();
    for (const [name, variable] of this.vars) snap.set(name, variable.dataSync() as Float32Array);
    return snap;
  }

  private restore(snap: Map<WeightName, Float32Array>): void {
    for (const [name, values] of snap) {
      const variable = this.v(name);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, "float32")));
    }
  }

  private checkSequences(seqs: Sequences): void {
    if (seqs.n < 1) throw new InputError("no sequences to train on");
    if (seqs.length < 2) throw new InputError("sequences need at least 2 time points");
    if (seqs.data.length !== seqs.n * seqs.length) throw new InputError("sequence data has the wrong size");
  }

  /**
   * Trains the forecaster from fresh weights. Early stopping monitors the held-out sequences
   * (validationSplit), or the training loss when there are none. Resolves with a report.
   */
  async fit(seqs: Sequences, control: TrainControl = {}): Promise<LstmFitReport> {
    this.validate();
    this.checkSequences(seqs);
    const o = this.options;
    this.initWeights();
    this.vars.get("Wc")?.dispose();
    this.vars.get("bc")?.dispose();
    this.vars.delete("Wc");
    this.vars.delete("bc");
    this.numClasses = null;
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
    const optimizer = tf.train.adam(o.learningRate);
    const varList = (["Wx", "Wh", "b", "Wo", "bo"] as const).map((n) => this.v(n));
    let best = Infinity;
    let bestSnap: Map<WeightName, Float32Array> | null = null;
    let sinceBest = 0;
    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        const starts = windowStarts();
        rng.shuffle(trainIdx);
        let sum = 0;
        for (let s = 0; s < trainIdx.length; s += o.batchSize) {
          checkSignal(control.signal);
          const idx = trainIdx.slice(s, s + o.batchSize);
          const cost = tf.tidy(() => {
            const x = this.batch(seqs, idx, starts, L);
            return optimizer.minimize(() => this.forecastLoss(x, this.forward(x, true).hs), true, varList)!;
          });
          sum += cost.dataSync()[0]! * idx.length;
          cost.dispose();
          await yieldToEventLoop();
        }
        const trainLoss = sum / trainIdx.length;
        report.trainLoss.push(trainLoss);
        let valLoss: number | undefined;
        if (nVal > 0) {
          valLoss = this.evaluate(seqs, valIdx, valStarts, L);
          report.valLoss.push(valLoss);
        }
        report.epochsRun = epoch;
        control.onEpoch?.({ epoch, epochs: o.epochs, trainLoss, ...(valLoss !== undefined ? { valLoss } : {}) });
        const monitored = valLoss ?? trainLoss;
        if (monitored < best - o.minDelta) {
          best = monitored;
          report.bestEpoch = epoch;
          sinceBest = 0;
          if (o.patience > 0 && o.restoreBestWeights) bestSnap = this.snapshot();
        } else if (o.patience > 0 && ++sinceBest >= o.patience) {
          report.earlyStopped = epoch < o.epochs;
          break;
        }
      }
    } finally {
      optimizer.dispose();
    }
    if (o.patience > 0 && o.restoreBestWeights && bestSnap && report.bestEpoch !== report.epochsRun) {
      this.restore(bestSnap);
    } else {
      report.bestEpoch = report.epochsRun;
    }
    this.fitted = true;
    report.seconds = (performance.now() - t0) / 1000;
    report.sequencesPerSecond = (report.epochsRun * trainIdx.length) / Math.max(report.seconds, 1e-9);
    return report;
  }

  private evaluate(seqs: Sequences, idx: number[], starts: Int32Array | null, L: number): number {
    let sum = 0;
    const chunk = 1024;
    for (let s = 0; s < idx.length; s += chunk) {
      const part = idx.slice(s, s + chunk);
      const loss = tf.tidy(() => {
        const x = this.batch(seqs, part, starts, L);
        return this.forecastLoss(x, this.forward(x, true).hs);
      });
      sum += loss.dataSync()[0]! * part.length;
      loss.dispose();
    }
    return sum / idx.length;
  }

  /**
   * Re-application step: continues training from the current weights (fresh Adam state) on whole
   * profiles with the joint loss forecastMSE + labelWeight * cross-entropy(label head(final
   * hidden state), labels). labels[i] < 0 (background) contributes to forecasting only. No early
   * stopping (a fixed, small number of epochs: fineTuneEpochs, or `epochs` when given).
   */
  async fineTune(seqs: Sequences, labels: ArrayLike<number>, control: TrainControl & { epochs?: number } = {}): Promise<LstmFitReport> {
    if (!this.fitted) throw new NotFittedError("LstmEncoder");
    this.validate();
    this.checkSequences(seqs);
    if (labels.length !== seqs.n) throw new InputError(`labels has ${labels.length} entries for ${seqs.n} sequences`, { field: "labels" });
    const o = this.options;
    const lab = Int32Array.from(labels);
    let maxLabel = -1;
    for (const l of lab) if (l > maxLabel) maxLabel = l;
    const K = maxLabel + 1;
    if (K >= 1 && this.numClasses !== K) this.initLabelHead(K);
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
    const names: WeightName[] = useLabels ? ["Wx", "Wh", "b", "Wo", "bo", "Wc", "bc"] : ["Wx", "Wh", "b", "Wo", "bo"];
    const varList = names.map((n) => this.v(n));
    const optimizer = tf.train.adam(o.learningRate);
    try {
      for (let epoch = 1; epoch <= epochs; epoch++) {
        rng.shuffle(order);
        let sum = 0;
        let sumLabel = 0;
        for (let s = 0; s < order.length; s += o.batchSize) {
          checkSignal(control.signal);
          const idx = order.slice(s, s + o.batchSize);
          const batchLabels = Int32Array.from(idx, (i) => lab[i]!);
          const [cost, ce] = tf.tidy(() => {
            const x = this.batch(seqs, idx, null, L);
            let labelPart: tf.Scalar = tf.scalar(0);
            const total = optimizer.minimize(
              () => {
                const { hs, h } = this.forward(x, true);
                const f = this.forecastLoss(x, hs);
                if (!useLabels) return f;
                labelPart = tf.keep(this.labelLoss(this.pool(hs, h), batchLabels));
                return tf.add(f, tf.mul(labelPart, o.labelWeight));
              },
              true,
              varList,
            )!;
            return [total, labelPart];
          });
          sum += cost.dataSync()[0]! * idx.length;
          sumLabel += ce.dataSync()[0]! * idx.length;
          cost.dispose();
          ce.dispose();
          await yieldToEventLoop();
        }
        report.trainLoss.push(sum / seqs.n);
        report.labelLoss!.push(sumLabel / seqs.n);
        report.epochsRun = epoch;
        report.bestEpoch = epoch;
        control.onEpoch?.({ epoch, epochs, trainLoss: sum / seqs.n });
      }
    } finally {
      optimizer.dispose();
    }
    report.seconds = (performance.now() - t0) / 1000;
    report.sequencesPerSecond = (report.epochsRun * seqs.n) / Math.max(report.seconds, 1e-9);
    return report;
  }

  /** Embedding of each whole sequence (final or mean hidden state, see pooling): Float32Array n x units, row-major. */
  async embed(seqs: Sequences, control: EmbedControl = {}): Promise<Float32Array> {
    if (!this.fitted) throw new NotFittedError("LstmEncoder");
    const U = this.options.units;
    const out = new Float32Array(seqs.n * U);
    const chunk = control.chunkSize ?? 256;
    for (let s = 0; s < seqs.n; s += chunk) {
      checkSignal(control.signal);
      const part = Array.from({ length: Math.min(chunk, seqs.n - s) }, (_, a) => s + a);
      const mean = this.options.pooling === "mean";
      const h = tf.tidy(() => {
        const f = this.forward(this.batch(seqs, part, null, seqs.length), mean);
        return this.pool(f.hs, f.h);
      });
      out.set(h.dataSync(), s * U);
      h.dispose();
      control.onProgress?.(Math.min(1, (s + part.length) / seqs.n));
      await yieldToEventLoop();
    }
    return out;
  }

  /** Forecasts of steps 2..T from each whole sequence: Float32Array n x (T - 1). */
  predict(seqs: Sequences): Float32Array {
    if (!this.fitted) throw new NotFittedError("LstmEncoder");
    const U = this.options.units;
    const L = seqs.length;
    const all = Array.from({ length: seqs.n }, (_, i) => i);
    const pred = tf.tidy(() => {
      const x = this.batch(seqs, all, null, L);
      const { hs } = this.forward(x, true);
      const H = tf.reshape(tf.stack(hs.slice(0, L - 1)), [(L - 1) * seqs.n, U]);
      return tf.transpose(tf.reshape(tf.add(tf.matMul(H, this.v("Wo")), this.v("bo")), [L - 1, seqs.n]));
    });
    const values = pred.dataSync() as Float32Array;
    pred.dispose();
    return Float32Array.from(values);
  }

  /** Plain-JSON model: options, state and weights as number arrays. */
  toJSON(): LstmEncoderJson {
    const weights: Record<string, WeightJson> = {};
    for (const [name, variable] of this.vars) {
      weights[name] = { shape: [...variable.shape], values: Array.from(variable.dataSync()) };
    }
    return { name: "LstmEncoder", version: 1, options: { ...this.options }, fitted: this.fitted, numClasses: this.numClasses, calls: this.calls, weights };
  }

  /** Rebuilds an encoder from toJSON() output. */
  static load(json: LstmEncoderJson): LstmEncoder {
    if (json.name !== "LstmEncoder" || json.version !== 1) {
      throw new InputError(`not an LstmEncoder v1 model (name ${String(json.name)}, version ${String(json.version)})`);
    }
    const enc = new LstmEncoder(json.options);
    for (const [name, w] of Object.entries(json.weights)) {
      enc.setVar(name as WeightName, Float32Array.from(w.values), w.shape);
    }
    enc.fitted = json.fitted;
    enc.numClasses = json.numClasses;
    enc.calls = json.calls ?? 0;
    return enc;
  }

  /** Frees the weights (tensors). The encoder must not be used afterwards. */
  dispose(): void {
    for (const variable of this.vars.values()) variable.dispose();
    this.vars.clear();
    this.fitted = false;
  }
}
