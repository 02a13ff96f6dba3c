// The tfjs implementation of the LSTM (the reference): one fused input projection for all steps,
// one recurrent matMul per step, written with tfjs ops rather than tf.layers (as fast, measured,
// and it gives the joint loss directly). Variables exist only during a training session; embed
// and predict build their weight tensors per call; everything else runs inside tf.tidy.
import * as tf from "@tensorflow/tfjs";
import { CancelledError } from "../errors.ts";
import type { BackendName } from "./backend.ts";
import { yieldToEventLoop, type BatchLoss, type ForwardControl, type LstmEngine, type Network, type TrainingSession, type TrainingSetup } from "./engine.ts";
import type { WeightName, Weights } from "./weights.ts";

type Tensors = Map<WeightName, tf.Tensor>;

function need(w: Tensors, name: WeightName): tf.Tensor {
  const t = w.get(name);
  if (!t) throw new Error(`missing weight ${name}`);
  return t;
}

/** Runs the LSTM over x [B, L]; hidden states of every step (keepAll) and the final one. Inside tidy. */
function forward(net: Network, w: Tensors, x: tf.Tensor2D, keepAll: boolean): { hs: tf.Tensor2D[]; h: tf.Tensor2D } {
  const U = net.units;
  const [B, L] = x.shape;
  const act = net.activation === "tanh" ? tf.tanh : tf.relu;
  const Wh = need(w, "Wh") as tf.Tensor2D;
  const xw = tf.add(tf.matMul(tf.reshape(tf.transpose(x), [L * B, 1]), need(w, "Wx") as tf.Tensor2D), need(w, "b")).reshape([L, B, 4 * U]);
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

/** Mean squared error of forecasting x[:, t+1] from the hidden state after x[:, t]. */
function forecastLoss(net: Network, w: Tensors, x: tf.Tensor2D, hs: tf.Tensor2D[]): tf.Scalar {
  const [B, L] = x.shape;
  const H = tf.reshape(tf.stack(hs.slice(0, L - 1)), [(L - 1) * B, net.units]);
  const pred = tf.add(tf.matMul(H, need(w, "Wo") as tf.Tensor2D), need(w, "bo"));
  const target = tf.reshape(tf.transpose(tf.slice(x, [0, 1], [B, L - 1])), [(L - 1) * B, 1]);
  return tf.mean(tf.square(tf.sub(pred, target)));
}

/** Masked softmax cross-entropy of the label head; labels < 0 (background) are ignored. */
function labelLoss(w: Tensors, h: tf.Tensor2D, labels: Int32Array): tf.Scalar {
  const K = need(w, "bc").shape[0]!;
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
  const logits = tf.add(tf.matMul(h, need(w, "Wc") as tf.Tensor2D), need(w, "bc"));
  const logp = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(safe, "int32"), K)), 1);
  return tf.div(tf.neg(tf.sum(tf.mul(picked, tf.tensor1d(mask)))), count);
}

function toTensors(weights: Weights): Tensors {
  return new Map([...weights].map(([name, x]) => [name, tf.tensor(x.values, x.shape, "float32")]));
}

function disposeAll(t: Tensors): void {
  for (const x of t.values()) x.dispose();
}

function readWeights(vars: Map<WeightName, tf.Variable>): Weights {
  return new Map([...vars].map(([name, v]) => [name, { shape: [...v.shape], values: Float32Array.from(v.dataSync() as Float32Array) }]));
}

class TfjsSession implements TrainingSession {
  private readonly vars = new Map<WeightName, tf.Variable>();
  private readonly optimizer: tf.AdamOptimizer;
  private readonly varList: tf.Variable[];

  constructor(private readonly setup: TrainingSetup) {
    for (const [name, w] of setup.weights) {
      const init = tf.tensor(w.values, w.shape, "float32");
      this.vars.set(name, tf.variable(init, true));
      init.dispose();
    }
    this.optimizer = tf.train.adam(setup.learningRate);
    this.varList = setup.trainable.map((n) => this.vars.get(n)!);
  }

  private get tensors(): Tensors {
    return this.vars as Tensors;
  }

  step(xs: Float32Array, B: number, L: number, labels: Int32Array | null): Promise<BatchLoss> {
    const useLabels = labels !== null && this.setup.trainable.includes("Wc");
    const [cost, ce] = tf.tidy(() => {
      const x = tf.tensor2d(xs.subarray(0, B * L), [B, L]);
      let labelPart: tf.Scalar = tf.scalar(0);
      const total = this.optimizer.minimize(
        () => {
          const { hs, h } = forward(this.setup, this.tensors, x, true);
          const f = forecastLoss(this.setup, this.tensors, x, hs);
          if (!useLabels) return f;
          labelPart = tf.keep(labelLoss(this.tensors, h, labels));
          return tf.add(f, tf.mul(labelPart, this.setup.labelWeight));
        },
        true,
        this.varList,
      )!;
      return [total, labelPart];
    });
    const out = { loss: cost.dataSync()[0]!, labelLoss: ce.dataSync()[0]! };
    cost.dispose();
    ce.dispose();
    return Promise.resolve(out);
  }

  evaluate(xs: Float32Array, n: number, L: number): Promise<number> {
    let sum = 0;
    const chunk = 1024;
    for (let s = 0; s < n; s += chunk) {
      const m = Math.min(chunk, n - s);
      const loss = tf.tidy(() => {
        const x = tf.tensor2d(xs.subarray(s * L, (s + m) * L), [m, L]);
        return forecastLoss(this.setup, this.tensors, x, forward(this.setup, this.tensors, x, true).hs);
      });
      sum += loss.dataSync()[0]! * m;
      loss.dispose();
    }
    return Promise.resolve(sum / n);
  }

  weights(): Weights {
    return readWeights(this.vars);
  }

  setWeights(w: Weights): void {
    for (const [name, x] of w) {
      const v = this.vars.get(name);
      if (v) tf.tidy(() => v.assign(tf.tensor(x.values, v.shape, "float32")));
    }
  }

  close(): Weights {
    const w = readWeights(this.vars);
    this.optimizer.dispose();
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
    return w;
  }
}

export class TfjsEngine implements LstmEngine {
  constructor(readonly name: BackendName) {}

  startTraining(setup: TrainingSetup): Promise<TrainingSession> {
    return Promise.resolve(new TfjsSession(setup));
  }

  async embed(net: Network, weights: Weights, xs: Float32Array, n: number, L: number, control: ForwardControl): Promise<Float32Array> {
    const U = net.units;
    const out = new Float32Array(n * U);
    const chunk = control.chunkSize ?? 256;
    const w = toTensors(weights);
    try {
      for (let s = 0; s < n; s += chunk) {
        if (control.signal?.aborted) throw new CancelledError();
        const m = Math.min(chunk, n - s);
        const h = tf.tidy(() => {
          const x = tf.tensor2d(xs.subarray(s * L, (s + m) * L), [m, L]);
          if (control.pooling === "last") return forward(net, w, x, false).h;
          return tf.mean(tf.stack(forward(net, w, x, true).hs), 0);
        });
        out.set(h.dataSync(), s * U);
        h.dispose();
        control.onProgress?.(Math.min(1, (s + m) / n));
        await yieldToEventLoop();
      }
    } finally {
      disposeAll(w);
    }
    return out;
  }

  predict(net: Network, weights: Weights, xs: Float32Array, n: number, L: number): Float32Array {
    const w = toTensors(weights);
    try {
      const pred = tf.tidy(() => {
        const x = tf.tensor2d(xs.subarray(0, n * L), [n, L]);
        const { hs } = forward(net, w, x, true);
        const H = tf.reshape(tf.stack(hs.slice(0, L - 1)), [(L - 1) * n, net.units]);
        return tf.transpose(tf.reshape(tf.add(tf.matMul(H, need(w, "Wo") as tf.Tensor2D), need(w, "bo")), [L - 1, n]));
      });
      const values = Float32Array.from(pred.dataSync() as Float32Array);
      pred.dispose();
      return values;
    } finally {
      disposeAll(w);
    }
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
