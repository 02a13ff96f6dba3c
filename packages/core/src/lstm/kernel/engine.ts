// The fused WebAssembly kernel as an LstmEngine: same loss, gradients and Adam (tfjs defaults:
// beta1 0.9, beta2 0.999, epsilon 1e-7 = tfjs's float32 backend epsilon) as tfjs-engine.ts, one
// kernel call per batch, the batch split across worker threads (pool.ts).
import { CancelledError } from "../../errors.ts";
import { yieldToEventLoop, type BatchLoss, type ForwardControl, type LstmEngine, type Network, type TrainingSession, type TrainingSetup } from "../engine.ts";
import type { WeightName, Weights } from "../weights.ts";
import { FORWARD, type AdamStep, type FlatWeights, type KernelShape } from "./instance.ts";
import { KernelPool } from "./pool.ts";

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;
/** Rows per forward call and thread (measured: 128-256 rows per call are equally fast). */
const FORWARD_ROWS = 128;

const f32 = Math.fround;

function flat(weights: Weights): FlatWeights {
  const get = (n: WeightName) => weights.get(n)?.values;
  const w: FlatWeights = { Wx: get("Wx")!, Wh: get("Wh")!, b: get("b")!, Wo: get("Wo")!, bo: get("bo")! };
  const Wc = get("Wc");
  const bc = get("bc");
  if (Wc && bc) {
    w.Wc = Wc;
    w.bc = bc;
  }
  return w;
}

function toWeights(w: FlatWeights, units: number): Weights {
  const out: Weights = new Map();
  out.set("Wx", { shape: [1, 4 * units], values: w.Wx });
  out.set("Wh", { shape: [units, 4 * units], values: w.Wh });
  out.set("b", { shape: [4 * units], values: w.b });
  out.set("Wo", { shape: [units, 1], values: w.Wo });
  out.set("bo", { shape: [1], values: w.bo });
  if (w.Wc && w.bc) {
    out.set("Wc", { shape: [units, w.bc.length], values: w.Wc });
    out.set("bc", { shape: [w.bc.length], values: w.bc });
  }
  return out;
}

function shapeOf(net: Network, weights: Weights): KernelShape {
  return { units: net.units, classes: weights.get("bc")?.shape[0] ?? 0, activation: net.activation, slots: 0 };
}

class KernelSession implements TrainingSession {
  private acc1 = f32(BETA1);
  private acc2 = f32(BETA2);

  constructor(
    private readonly pool: KernelPool,
    private readonly setup: TrainingSetup,
  ) {}

  private adam(): AdamStep {
    return {
      lr: this.setup.learningRate,
      beta1: BETA1,
      beta2: BETA2,
      oneMinusBeta1: f32(1 - BETA1),
      oneMinusBeta2: f32(1 - BETA2),
      oneMinusAcc1: f32(1 - this.acc1),
      oneMinusAcc2: f32(1 - this.acc2),
      epsilon: EPSILON,
    };
  }

  async step(x: Float32Array, B: number, L: number, labels: Int32Array | null): Promise<BatchLoss> {
    const labelled = labels && this.setup.trainable.includes("Wc") ? labels.subarray(0, B).reduce((a, l) => a + (l >= 0 ? 1 : 0), 0) : 0;
    // As in tfjs: a batch without labelled rows gives the label head no gradient, so Adam skips it.
    const useLabels = labelled > 0;
    const main = this.pool.main;
    const n = useLabels ? main.paramCount : main.baseParamCount;
    const mseScale = 1 / (B * (L - 1));
    const labelScale = useLabels ? this.setup.labelWeight / labelled : 0;
    const r = await this.pool.trainStep(x, labels, B, L, mseScale, labelScale, useLabels, n, this.adam());
    this.acc1 = f32(this.acc1 * f32(BETA1));
    this.acc2 = f32(this.acc2 * f32(BETA2));
    const mse = r.sse / (B * (L - 1));
    const ce = useLabels ? r.ce / labelled : 0;
    return { loss: mse + this.setup.labelWeight * ce, labelLoss: ce };
  }

  async evaluate(x: Float32Array, n: number, L: number): Promise<number> {
    const chunk = FORWARD_ROWS * this.pool.threads;
    let sum = 0;
    for (let s = 0; s < n; s += chunk) {
      const m = Math.min(chunk, n - s);
      const { rowErrors } = await this.pool.forward(x.subarray(s * L, (s + m) * L), m, L, FORWARD.sse);
      // Per-row errors added in row order: the same sum however the rows were split.
      for (let r = 0; r < m; r++) sum += rowErrors[r]!;
    }
    return sum / (n * (L - 1));
  }

  weights(): Weights {
    return toWeights(this.pool.main.getWeights(), this.setup.units);
  }

  setWeights(w: Weights): void {
    this.pool.main.setWeights(flat(w));
  }

  close(): Weights {
    return this.weights();
  }
}

export class KernelEngine implements LstmEngine {
  readonly name = "kernel" as const;
  private readonly pool: KernelPool;

  constructor(threads: number) {
    this.pool = new KernelPool(threads);
  }

  get threads(): number {
    return this.pool.threads;
  }

  async startTraining(setup: TrainingSetup): Promise<TrainingSession> {
    const rows = Math.max(setup.batchSize, FORWARD_ROWS * this.pool.threads);
    await this.pool.configure(shapeOf(setup, setup.weights), rows, setup.length, setup.length);
    this.pool.main.setWeights(flat(setup.weights));
    this.pool.main.resetAdam();
    return new KernelSession(this.pool, setup);
  }

  async embed(net: Network, weights: Weights, x: Float32Array, n: number, L: number, control: ForwardControl): Promise<Float32Array> {
    const U = net.units;
    const chunk = control.chunkSize ?? FORWARD_ROWS;
    await this.pool.configure(shapeOf(net, weights), chunk, L, 0);
    this.pool.main.setWeights(flat(weights));
    const up = this.pool.main.paddedUnits;
    const out = new Float32Array(n * U);
    const flags = control.pooling === "mean" ? FORWARD.mean : FORWARD.final;
    // Blocks of many chunks: one synchronisation per block, progress and cancellation between blocks.
    const block = chunk * 32;
    for (let s = 0; s < n; s += block) {
      if (control.signal?.aborted) throw new CancelledError();
      const m = Math.min(block, n - s);
      const r = await this.pool.forwardBulk(x.subarray(s * L, (s + m) * L), m, L, flags, chunk);
      for (let i = 0; i < m; i++) out.set(r.out.subarray(i * up, i * up + U), (s + i) * U);
      control.onProgress?.(Math.min(1, (s + m) / n));
      await yieldToEventLoop();
    }
    return out;
  }

  predict(net: Network, weights: Weights, x: Float32Array, n: number, L: number): Float32Array {
    const main = this.pool.main;
    const out = new Float32Array(n * (L - 1));
    const chunk = FORWARD_ROWS;
    // Synchronous: configure only the main instance (predict is small and rare).
    this.pool.configureMain(shapeOf(net, weights), chunk, L, 0);
    main.setWeights(flat(weights));
    for (let s = 0; s < n; s += chunk) {
      const m = Math.min(chunk, n - s);
      const r = this.pool.forwardSync(x.subarray(s * L, (s + m) * L), m, L, FORWARD.predictions);
      out.set(r.forecasts, s * (L - 1));
    }
    return out;
  }

  dispose(): Promise<void> {
    return this.pool.dispose();
  }
}
