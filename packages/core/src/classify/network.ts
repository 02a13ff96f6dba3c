// Neural classifiers over the expression vector (tfjs layers): the 1D-CNN and the CNN-BiLSTM.
// Both read the selected genes as a sequence of length d with one channel. Training is our own
// loop over trainOnBatch so that batches come from the seeded RNG (tfjs' fit shuffles with
// Math.random), with early stopping on a stratified validation part of the training samples and
// the best epoch's weights restored. Weight initialisers are seeded too, so a seed fixes the model.
//
// The convolution over genes is written as a dense layer over each position's window of `kernel`
// neighbouring genes (zero-padded, "same"): with one input channel that is exactly conv1d (same
// weights, same outputs), and it trains on the wasm backend, which has no Conv2DBackpropFilter
// kernel (tfjs 4.22: conv1d gradients fail there; the cpu backend has them but is ~5x slower).
import * as tf from "@tensorflow/tfjs";
import { CancelledError, InputError, NotFittedError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";
import { yieldToEventLoop, type Classifier, type ClassifierFitReport, type FitControl, type TrainingSet } from "./model.ts";
import { stratifiedHoldout } from "./split.ts";

export const OUTPUT_ACTIVATIONS = ["softmax", "softplus", "softsign", "swish"] as const;
export const DENSE_ACTIVATIONS = ["elu", "gelu", "linear", "relu", "selu"] as const;
export const CONV_ACTIVATIONS = ["elu", "gelu", "sigmoid", "linear", "relu", "selu"] as const;
export type OutputActivation = (typeof OUTPUT_ACTIVATIONS)[number];
export type DenseActivation = (typeof DENSE_ACTIVATIONS)[number];
export type ConvActivation = (typeof CONV_ACTIVATIONS)[number];

/** 1D-CNN: conv1d(filters, kernel, conv activation) -> max pool -> dense(denseUnits) -> dense(classes, output activation). */
export interface Cnn1dConfig {
  outputActivation: OutputActivation;
  denseActivation: DenseActivation;
  convActivation: ConvActivation;
  pool: number;
  denseUnits: number;
  kernel: number;
  filters: number;
}

/** CNN-BiLSTM: conv1d(relu) -> max pool -> bidirectional LSTM (final states concatenated) -> dense(relu) -> softmax. */
export interface CnnBilstmConfig {
  filters: number;
  kernel: number;
  pool: number;
  lstmUnits: number;
  denseUnits: number;
}

export type NetworkSpec = { kind: "cnn1d"; config: Cnn1dConfig } | { kind: "cnn-bilstm"; config: CnnBilstmConfig };

export interface NetworkTrainingOptions {
  /** Maximum epochs. Default 50. */
  epochs: number;
  /** Samples per gradient step. Default 16. */
  batchSize: number;
  /** Adam learning rate. Default 0.001. */
  learningRate: number;
  /** Epochs without a lower validation loss before stopping (0: never stop early). Default 8. */
  patience: number;
  /** Stratified share of the training samples held out for early stopping and model choice. Default 0.2. */
  validationFraction: number;
  /** Seed of the initial weights, the validation split and the batches. Default 0. */
  seed: number;
}

export const NETWORK_TRAINING_DEFAULTS: Readonly<NetworkTrainingOptions> = Object.freeze({
  epochs: 50,
  batchSize: 16,
  learningRate: 0.001,
  patience: 8,
  validationFraction: 0.2,
  seed: 0,
});

export interface NetworkFitReport extends ClassifierFitReport {
  epochsRun: number;
  bestEpoch: number;
  trainLoss: number[];
  valLoss: number[];
  /** The loss became NaN or infinite (e.g. softsign outputs summing to zero): training stopped. */
  diverged: boolean;
  trainSamples: number;
  validationSamples: number;
}

const EPS = 1e-7;

/** Output activations other than softmax are turned into probabilities as Keras' cross-entropy does: clipped at eps, divided by their sum. */
function toProbabilities(out: tf.Tensor): tf.Tensor {
  const c = tf.maximum(out, EPS);
  return tf.div(c, tf.sum(c, -1, true));
}

function crossEntropy(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, tf.log(toProbabilities(yPred))), -1)));
}

function kernelOf(spec: NetworkSpec): number {
  return spec.config.kernel;
}

/** Windows of k genes around every position (zero-padded as conv1d "same"): n x d x k. */
export function geneWindows(x: Float32Array, n: number, d: number, k: number): Float32Array {
  const out = new Float32Array(n * d * k);
  const left = Math.floor((k - 1) / 2);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < d; p++) {
      const base = (i * d + p) * k;
      for (let w = 0; w < k; w++) {
        const g = p - left + w;
        if (g >= 0 && g < d) out[base + w] = x[i * d + g]!;
      }
    }
  }
  return out;
}

/**
 * Builds the network. tfjs warns (console.warn) that its orthogonal initialiser is slow above
 * 2,000 elements: for our LSTM sizes it takes milliseconds, so that one notice is filtered.
 */
function buildModel(spec: NetworkSpec, d: number, K: number, rng: Rng): tf.LayersModel {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0] ?? "").startsWith("Orthogonal initializer is being called")) warn.apply(console, args);
  };
  try {
    return buildLayers(spec, d, K, rng);
  } finally {
    console.warn = warn;
  }
}

function buildLayers(spec: NetworkSpec, d: number, K: number, rng: Rng): tf.LayersModel {
  const init = () => tf.initializers.glorotUniform({ seed: rng.seed32() });
  const model = tf.sequential();
  if (spec.kind === "cnn1d") {
    const c = spec.config;
    model.add(tf.layers.dense({ inputShape: [d, c.kernel], units: c.filters, activation: c.convActivation, kernelInitializer: init() }));
    model.add(tf.layers.maxPooling1d({ poolSize: c.pool, padding: "same" }));
    model.add(tf.layers.flatten());
    model.add(tf.layers.dense({ units: c.denseUnits, activation: c.denseActivation, kernelInitializer: init() }));
    model.add(tf.layers.dense({ units: K, activation: c.outputActivation, kernelInitializer: init() }));
  } else {
    const c = spec.config;
    model.add(tf.layers.dense({ inputShape: [d, c.kernel], units: c.filters, activation: "relu", kernelInitializer: init() }));
    model.add(tf.layers.maxPooling1d({ poolSize: c.pool, padding: "same" }));
    model.add(
      tf.layers.bidirectional({
        layer: tf.layers.lstm({
          units: c.lstmUnits,
          kernelInitializer: init(),
          recurrentInitializer: tf.initializers.orthogonal({ seed: rng.seed32() }),
        }) as tf.RNN,
        mergeMode: "concat",
      }),
    );
    model.add(tf.layers.dense({ units: c.denseUnits, activation: "relu", kernelInitializer: init() }));
    model.add(tf.layers.dense({ units: K, activation: "softmax", kernelInitializer: init() }));
  }
  return model;
}

interface WeightJson {
  shape: number[];
  values: number[];
}

export interface NeuralClassifierJson {
  name: "NeuralClassifier";
  version: 1;
  spec: NetworkSpec;
  options: NetworkTrainingOptions;
  features: number;
  classes: number;
  weights: WeightJson[];
  [key: string]: unknown;
}

export class NeuralClassifier implements Classifier {
  readonly name = "NeuralClassifier";
  readonly spec: NetworkSpec;
  readonly options: NetworkTrainingOptions;
  private model: tf.LayersModel | null = null;
  private d = 0;
  private K = 0;
  /** Validation rows of the last fit with their predicted probabilities (for model choice). */
  validation: { y: Int32Array; proba: Float64Array; loss: number } | null = null;

  constructor(spec: NetworkSpec, options: Partial<NetworkTrainingOptions> = {}) {
    this.spec = spec;
    this.options = { ...NETWORK_TRAINING_DEFAULTS, ...options };
  }

  private validateOptions(data: TrainingSet): void {
    const o = this.options;
    const int = (name: string, v: number, min: number) => {
      if (!Number.isInteger(v) || v < min) throw new InputError(`${name} must be an integer >= ${min}, got ${v}`, { field: name });
    };
    int("epochs", o.epochs, 1);
    int("batchSize", o.batchSize, 1);
    int("patience", o.patience, 0);
    if (!(o.learningRate > 0)) throw new InputError("learningRate must be > 0", { field: "learningRate" });
    if (!(o.validationFraction >= 0 && o.validationFraction < 1)) throw new InputError("validationFraction must be in [0, 1)", { field: "validationFraction" });
    if (data.n < 2) throw new InputError(`need at least 2 training samples, got ${data.n}`);
    if (data.classes < 2) throw new InputError("need at least 2 classes", { field: "labels" });
  }

  private batch(data: TrainingSet, rows: readonly number[], windows: Float32Array): { x: tf.Tensor3D; y: tf.Tensor2D } {
    const { d } = data;
    const k = kernelOf(this.spec);
    const xs = new Float32Array(rows.length * d * k);
    rows.forEach((r, a) => xs.set(windows.subarray(r * d * k, (r + 1) * d * k), a * d * k));
    return {
      x: tf.tensor3d(xs, [rows.length, d, k]),
      y: tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(rows, (r) => data.y[r]!), "int32"), data.classes) as tf.Tensor2D),
    };
  }

  private snapshot(): { shape: number[]; values: Float32Array }[] {
    return this.model!.getWeights().map((w) => ({ shape: w.shape, values: w.dataSync() as Float32Array }));
  }

  private restore(snap: { shape: number[]; values: Float32Array | number[] }[]): void {
    const tensors = snap.map((s) => tf.tensor(s.values, s.shape, "float32"));
    this.model!.setWeights(tensors);
    tf.dispose(tensors);
  }

  async fit(data: TrainingSet, control: FitControl = {}): Promise<NetworkFitReport> {
    this.validateOptions(data);
    const o = this.options;
    const t0 = performance.now();
    const rng = createRng(o.seed).fork("network");
    this.dispose();
    this.d = data.d;
    this.K = data.classes;
    const all = Array.from({ length: data.n }, (_, i) => i);
    let trainRows = all;
    let valRows: number[] = [];
    if (o.validationFraction > 0 && data.n >= 4) {
      const split = stratifiedHoldout(data.y, o.validationFraction, rng.fork("validation"));
      if (split.test.length > 0 && split.train.length > 0) ({ train: trainRows, test: valRows } = split);
    }
    const model = buildModel(this.spec, data.d, data.classes, rng.fork("init"));
    this.model = model;
    const optimizer = tf.train.adam(o.learningRate);
    model.compile({ optimizer, loss: crossEntropy });
    const report: NetworkFitReport = {
      seconds: 0,
      epochsRun: 0,
      bestEpoch: 0,
      trainLoss: [],
      valLoss: [],
      diverged: false,
      trainSamples: trainRows.length,
      validationSamples: valRows.length,
    };
    const windows = geneWindows(data.x, data.n, data.d, kernelOf(this.spec));
    const val = valRows.length > 0 ? this.batch(data, valRows, windows) : null;
    const order = [...trainRows];
    const batchRng = rng.fork("batches");
    let best = Infinity;
    let bestSnap: ReturnType<NeuralClassifier["snapshot"]> | null = null;
    let since = 0;
    try {
      for (let epoch = 1; epoch <= o.epochs; epoch++) {
        batchRng.shuffle(order);
        let sum = 0;
        for (let s = 0; s < order.length; s += o.batchSize) {
          if (control.signal?.aborted) throw new CancelledError();
          const rows = order.slice(s, s + o.batchSize);
          const { x, y } = this.batch(data, rows, windows);
          try {
            const loss = (await model.trainOnBatch(x, y)) as number;
            sum += loss * rows.length;
          } finally {
            tf.dispose([x, y]);
          }
          await yieldToEventLoop();
        }
        const trainLoss = sum / order.length;
        report.trainLoss.push(trainLoss);
        report.epochsRun = epoch;
        let monitored = trainLoss;
        if (val) {
          monitored = tf.tidy(() => crossEntropy(val.y, model.predict(val.x) as tf.Tensor).dataSync()[0]!);
          report.valLoss.push(monitored);
        }
        control.onProgress?.(epoch / o.epochs);
        if (!Number.isFinite(monitored) || !Number.isFinite(trainLoss)) {
          report.diverged = true;
          break;
        }
        if (monitored < best - 1e-6) {
          best = monitored;
          report.bestEpoch = epoch;
          since = 0;
          bestSnap = this.snapshot();
        } else if (o.patience > 0 && ++since >= o.patience) break;
      }
      if (bestSnap && report.bestEpoch !== report.epochsRun) this.restore(bestSnap);
      if (!bestSnap) report.bestEpoch = report.epochsRun;
      if (val) {
        const proba = this.predictProba(gather(data, valRows), valRows.length);
        this.validation = { y: Int32Array.from(valRows, (r) => data.y[r]!), proba, loss: report.diverged ? Infinity : best };
      } else {
        this.validation = null;
      }
    } finally {
      optimizer.dispose();
      if (val) tf.dispose([val.x, val.y]);
    }
    report.seconds = (performance.now() - t0) / 1000;
    return report;
  }

  predictProba(x: Float32Array, n: number): Float64Array {
    if (!this.model) throw new NotFittedError(this.name);
    if (n === 0) return new Float64Array(0);
    const model = this.model;
    const k = kernelOf(this.spec);
    const out = tf.tidy(() => toProbabilities(model.predict(tf.tensor3d(geneWindows(x, n, this.d, k), [n, this.d, k])) as tf.Tensor).dataSync());
    const proba = Float64Array.from(out);
    // A diverged model can output NaN: fall back to uniform probabilities for that row.
    for (let i = 0; i < n; i++) {
      let bad = false;
      for (let k = 0; k < this.K; k++) if (!Number.isFinite(proba[i * this.K + k]!)) bad = true;
      if (bad) for (let k = 0; k < this.K; k++) proba[i * this.K + k] = 1 / this.K;
    }
    return proba;
  }

  toJSON(): NeuralClassifierJson {
    if (!this.model) throw new NotFittedError(this.name);
    return {
      name: "NeuralClassifier",
      version: 1,
      spec: this.spec,
      options: this.options,
      features: this.d,
      classes: this.K,
      weights: this.snapshot().map((w) => ({ shape: w.shape, values: Array.from(w.values) })),
    };
  }

  static load(json: NeuralClassifierJson): NeuralClassifier {
    if (json.name !== "NeuralClassifier" || json.version !== 1) throw new InputError(`not a NeuralClassifier v1 model: ${String(json.name)} v${String(json.version)}`);
    const m = new NeuralClassifier(json.spec, json.options);
    m.d = json.features;
    m.K = json.classes;
    m.model = buildModel(json.spec, json.features, json.classes, createRng(json.options.seed).fork("network").fork("init"));
    m.restore(json.weights);
    return m;
  }

  dispose(): void {
    this.model?.dispose();
    this.model = null;
  }
}

function gather(data: TrainingSet, rows: readonly number[]): Float32Array {
  const out = new Float32Array(rows.length * data.d);
  rows.forEach((r, a) => out.set(data.x.subarray(r * data.d, (r + 1) * data.d), a * data.d));
  return out;
}
