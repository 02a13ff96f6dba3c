// A simple recurrent network (Elman 1990) trained as a next-step forecaster, like the LSTM of
// LSTM-SVM (same input mapping, windows, loss, optimiser and early stopping, see
// src/lstm/sequences.ts), whose final hidden state is a gene's embedding: the RNN baseline of
// the paper's comparison. h_t = tanh(x_t Wx + h_{t-1} Wh + b); the forecast of x_{t+1} is
// h_t Wo + bo. Written with tfjs ops; weights initialised from the seeded RNG.
import * as tf from "@tensorflow/tfjs";
import { CancelledError, InputError, NotFittedError } from "../../errors.ts";
import { createRng, type Rng } from "../../random.ts";
import { trainingWindow, type Sequences } from "../../lstm/index.ts";

export interface RnnEncoderOptions {
  /** Hidden units; the embedding dimension. Default 64. */
  units: number;
  /** Adam learning rate. Default 0.001. */
  learningRate: number;
  /** Maximum training epochs. Default 50. */
  epochs: number;
  /** Longest training window in input steps (as the LSTM's). Default 30. */
  inputDim: number;
  /** Sequences per gradient step. Default 64. */
  batchSize: number;
  /** Fraction held out to monitor early stopping; 0 monitors the training loss. Default 0.1. */
  validationSplit: number;
  /** Epochs without improvement before stopping; 0 disables early stopping. Default 5. */
  patience: number;
  /** Smallest decrease of the monitored loss that counts as improvement. Default 1e-4. */
  minDelta: number;
  /** Seed of the weight initialisation, shuffling and window draws. Default 0. */
  seed: number;
}

export const RNN_DEFAULTS: Readonly<RnnEncoderOptions> = Object.freeze({
  units: 64,
  learningRate: 0.001,
  epochs: 50,
  inputDim: 30,
  batchSize: 64,
  validationSplit: 0.1,
  patience: 5,
  minDelta: 1e-4,
  seed: 0,
});

export interface RnnFitReport {
  epochsRequested: number;
  epochsRun: number;
  earlyStopped: boolean;
  /** Epoch whose weights were kept (best monitored loss). */
  bestEpoch: number;
  monitor: "validation" | "train";
  trainLoss: number[];
  valLoss: number[];
  trainSequences: number;
  validationSequences: number;
  windowLength: number;
  seconds: number;
}

export interface RnnEncoderJson {
  name: "RnnEncoder";
  version: 1;
  options: RnnEncoderOptions;
  weights: Record<string, { shape: number[]; values: number[] }> | null;
}

type WeightName = "Wx" | "Wh" | "b" | "Wo" | "bo";
const NAMES: readonly WeightName[] = ["Wx", "Wh", "b", "Wo", "bo"];

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function uniform(rng: Rng, size: number, limit: number): Float32Array {
  return Float32Array.from({ length: size }, () => (rng.next() * 2 - 1) * limit);
}

export class RnnEncoder {
  readonly options: RnnEncoderOptions;
  private vars = new Map<WeightName, tf.Variable>();

  constructor(options: Partial<RnnEncoderOptions> = {}) {
    this.options = { ...RNN_DEFAULTS, ...options };
  }

  get isFitted(): boolean {
    return this.vars.size > 0;
  }

  get dim(): number {
    return this.options.units;
  }

  private validate(seqs: Sequences): void {
    const o = this.options;
    for (const [name, min] of [["units", 1], ["epochs", 1], ["inputDim", 1], ["batchSize", 1], ["patience", 0]] as const) {
      const v = o[name];
      if (!Number.isInteger(v) || v < min) throw new InputError(`${name} must be an integer >= ${min}, got ${v}`, { field: name });
    }
    if (!(o.learningRate > 0)) throw new InputError("learningRate must be > 0", { field: "learningRate" });
    if (!(o.validationSplit >= 0 && o.validationSplit < 1)) throw new InputError("validationSplit must be in [0, 1)", { field: "validationSplit" });
    if (seqs.n < 1 || seqs.length < 2 || seqs.data.length !== seqs.n * seqs.length) throw new InputError("need at least one sequence of >= 2 steps");
  }

  private setVar(name: WeightName, values: Float32Array, shape: number[]): void {
    this.vars.get(name)?.dispose();
    const init = tf.tensor(values, shape, "float32");
    this.vars.set(name, tf.variable(init, true));
    init.dispose();
  }

  private v(name: WeightName): tf.Variable {
    const x = this.vars.get(name);
    if (!x) throw new NotFittedError("RnnEncoder");
    return x;
  }

  /** Hidden states of steps 0..L-1 (keepAll) and the last one, for x [B, L]. Inside tf.tidy. */
  private forward(x: tf.Tensor2D, keepAll: boolean): { hs: tf.Tensor2D[]; h: tf.Tensor2D } {
    const [B, L] = x.shape;
    const U = this.options.units;
    const xw = tf.add(tf.matMul(tf.reshape(tf.transpose(x), [L * B, 1]), this.v("Wx")), this.v("b")).reshape([L, B, U]);
    const steps = tf.unstack(xw) as tf.Tensor2D[];
    const Wh = this.v("Wh");
    let h = tf.zeros([B, U]) as tf.Tensor2D;
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < L; t++) {
      h = tf.tanh(tf.add(steps[t]!, tf.matMul(h, Wh))) as tf.Tensor2D;
      if (keepAll) hs.push(h);
    }
    return { hs, h };
  }

  private loss(x: tf.Tensor2D): tf.Scalar {
    const [B, L] = x.shape;
    const { hs } = this.forward(x, true);
    const H = tf.reshape(tf.stack(hs.slice(0, L - 1)), [(L - 1) * B, this.options.units]);
    const pred = tf.add(tf.matMul(H, this.v("Wo")), this.v("bo"));
    const target = tf.reshape(tf.transpose(tf.slice(x, [0, 1], [B, L - 1])), [(L - 1) * B, 1]);
    return tf.mean(tf.square(tf.sub(pred, target)));
  }

  private batch(seqs: Sequences, idx: ArrayLike<number>, starts: Int32Array | null, L: number): tf.Tensor2D {
    const out = new Float32Array(idx.length * L);
    for (let a = 0; a < idx.length; a++) {
      const s = idx[a]! * seqs.length + (starts ? starts[idx[a]!]! : 0);
      out.set(seqs.data.subarray(s, s + L), a * L);
    }
    return tf.tensor2d(out, [idx.length, L]);
  }

  private evaluate(seqs: Sequences, idx: number[], starts: Int32Array | null, L: number): number {
    const loss = tf.tidy(() => this.loss(this.batch(seqs, idx, starts, L)));
    const v = loss.dataSync()[0]!;
    loss.dispose();
    return v;
  }

  /** Trains from fresh weights with early stopping; restores the best epoch's weights. */
  async fit(seqs: Sequences, control: { signal?: AbortSignal | undefined; onEpoch?: (epoch: number, epochs: number, trainLoss: number) => void } = {}): Promise<RnnFitReport> {
    this.validate(seqs);
    const o = this.options;
    const U = o.units;
    const rng = createRng(o.seed).fork("rnn");
    const init = rng.fork("init");
    const k = 1 / Math.sqrt(U);
    this.setVar("Wx", uniform(init, U, k), [1, U]);
    this.setVar("Wh", uniform(init, U * U, k), [U, U]);
    this.setVar("b", uniform(init, U, k), [U]);
    this.setVar("Wo", uniform(init, U, k), [U, 1]);
    this.setVar("bo", new Float32Array(1), [1]);
    const t0 = performance.now();
    const T = seqs.length;
    const L = trainingWindow(T, o.inputDim);
    const order = rng.shuffle(Array.from({ length: seqs.n }, (_, i) => i));
    let nVal = Math.round(seqs.n * o.validationSplit);
    if (seqs.n - nVal < 1) nVal = 0;
    const valIdx = order.slice(0, nVal);
    const trainIdx = order.slice(nVal);
    const windowStarts = (): Int32Array | null => (L === T ? null : Int32Array.from({ length: seqs.n }, () => rng.int(T - L + 1)));
    const valStarts = windowStarts();
    const report: RnnFitReport = {
      epochsRequested: o.epochs,
      epochsRun: 0,
      earlyStopped: false,
      bestEpoch: 0,
      monitor: nVal > 0 ? "validation" : "train",
      trainLoss: [],
      valLoss: [],
      trainSequences: trainIdx.length,
      validationSequences: nVal,
      windowLength: L,
      seconds: 0,
    };
    const optimizer = tf.train.adam(o.learningRate);
    const varList = NAMES.map((n) => this.v(n));
    let best = Infinity;
    let bestWeights: Map<WeightName, Float32Array> | null = null;
    let sinceBest = 0;
    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        const starts = windowStarts();
        rng.shuffle(trainIdx);
        let sum = 0;
        for (let s = 0; s < trainIdx.length; s += o.batchSize) {
          if (control.signal?.aborted) throw new CancelledError();
          const idx = trainIdx.slice(s, s + o.batchSize);
          const cost = tf.tidy(() => {
            const x = this.batch(seqs, idx, starts, L);
            return optimizer.minimize(() => this.loss(x), true, varList)!;
          });
          sum += cost.dataSync()[0]! * idx.length;
          cost.dispose();
          await yieldToEventLoop();
        }
        const trainLoss = sum / trainIdx.length;
        report.trainLoss.push(trainLoss);
        const monitored = nVal > 0 ? this.evaluate(seqs, valIdx, valStarts, L) : trainLoss;
        if (nVal > 0) report.valLoss.push(monitored);
        report.epochsRun = epoch;
        control.onEpoch?.(epoch, o.epochs, trainLoss);
        if (monitored < best - o.minDelta) {
          best = monitored;
          report.bestEpoch = epoch;
          sinceBest = 0;
          if (o.patience > 0) bestWeights = new Map(NAMES.map((n) => [n, this.v(n).dataSync() as Float32Array]));
        } else if (o.patience > 0 && ++sinceBest >= o.patience) {
          report.earlyStopped = epoch < o.epochs;
          break;
        }
      }
    } finally {
      optimizer.dispose();
    }
    if (bestWeights && report.bestEpoch !== report.epochsRun) {
      for (const [name, values] of bestWeights) this.setVar(name, values, this.v(name).shape);
    } else report.bestEpoch = report.epochsRun;
    report.seconds = (performance.now() - t0) / 1000;
    return report;
  }

  /** Final hidden state after each whole sequence: n x units, row-major. */
  async embed(seqs: Sequences, control: { signal?: AbortSignal | undefined; onProgress?: (fraction: number) => void } = {}): Promise<Float32Array> {
    const U = this.options.units;
    if (!this.isFitted) throw new NotFittedError("RnnEncoder");
    const out = new Float32Array(seqs.n * U);
    for (let s = 0; s < seqs.n; s += 256) {
      if (control.signal?.aborted) throw new CancelledError();
      const part = Array.from({ length: Math.min(256, seqs.n - s) }, (_, a) => s + a);
      const h = tf.tidy(() => this.forward(this.batch(seqs, part, null, seqs.length), false).h);
      out.set(h.dataSync(), s * U);
      h.dispose();
      control.onProgress?.(Math.min(1, (s + part.length) / seqs.n));
      await yieldToEventLoop();
    }
    return out;
  }

  toJSON(): RnnEncoderJson {
    const weights = this.isFitted ? Object.fromEntries(NAMES.map((n) => [n, { shape: [...this.v(n).shape], values: Array.from(this.v(n).dataSync()) }])) : null;
    return { name: "RnnEncoder", version: 1, options: { ...this.options }, weights };
  }

  static load(json: RnnEncoderJson): RnnEncoder {
    if (json.name !== "RnnEncoder" || json.version !== 1) throw new InputError(`not an RnnEncoder v1 model (name ${String(json.name)}, version ${String(json.version)})`);
    const enc = new RnnEncoder(json.options);
    if (json.weights) for (const n of NAMES) enc.setVar(n, Float32Array.from(json.weights[n]!.values), json.weights[n]!.shape);
    return enc;
  }

  /** Frees the weights; the encoder must not be used afterwards. */
  dispose(): void {
    for (const variable of this.vars.values()) variable.dispose();
    this.vars.clear();
  }
}
