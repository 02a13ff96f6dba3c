// The kernel against the tfjs reference (tfjs-engine.ts) on small random problems: loss,
// gradients (gradient-only entry), weights after a few Adam steps; determinism with 1 and 2
// threads; the committed .wasm is what the source builds.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRng } from "../../random.ts";
import { selectBackend } from "../backend.ts";
import { TfjsEngine } from "../tfjs-engine.ts";
import { BASE_WEIGHTS, LABEL_HEAD, initialWeights, labelHeadWeights, type WeightName, type Weights } from "../weights.ts";
import { KERNEL_TARGETS, buildWasm } from "./build.ts";
import { KernelEngine } from "./engine.ts";
import { KernelInstance } from "./instance.ts";

interface Problem {
  units: number;
  B: number;
  L: number;
  classes: number;
  activation?: "tanh" | "relu";
}

function problem(p: Problem, seed: number) {
  const rng = createRng(seed);
  const weights = initialWeights(p.units, seed);
  if (p.classes > 0) for (const [n, w] of labelHeadWeights(p.units, p.classes, seed)) weights.set(n, w);
  const x = Float32Array.from({ length: p.B * p.L }, () => rng.normal());
  // every 3rd row background (-1) when there is a label head
  const labels = p.classes > 0 ? Int32Array.from({ length: p.B }, (_, i) => (i % 3 === 2 ? -1 : rng.int(p.classes))) : null;
  return { weights, x, labels };
}

/** Gradients of the same objective by tfjs autodiff (the graph of tfjs-engine.ts). */
function tfjsGradients(p: Problem, weights: Weights, x: Float32Array, labels: Int32Array | null, labelWeight: number) {
  const vars = new Map<WeightName, tf.Variable>();
  for (const [n, w] of weights) vars.set(n, tf.variable(tf.tensor(w.values, w.shape, "float32"), true));
  const U = p.units;
  const act = p.activation === "relu" ? tf.relu : tf.tanh;
  let count = 0;
  if (labels) for (const l of labels) if (l >= 0) count++;
  let mseValue = 0;
  let ceValue = 0;
  const { grads, value } = tf.variableGrads(() => {
    const xt = tf.tensor2d(x, [p.B, p.L]);
    const xw = tf.add(tf.matMul(tf.reshape(tf.transpose(xt), [p.L * p.B, 1]), vars.get("Wx")!), vars.get("b")!).reshape([p.L, p.B, 4 * U]);
    const steps = tf.unstack(xw) as tf.Tensor2D[];
    let h = tf.zeros([p.B, U]) as tf.Tensor2D;
    let c = tf.zeros([p.B, U]) as tf.Tensor2D;
    const hs: tf.Tensor2D[] = [];
    for (let t = 0; t < p.L; t++) {
      const z = tf.add(steps[t]!, tf.matMul(h, vars.get("Wh")! as tf.Tensor2D));
      const [zi, zf, zg, zo] = tf.split(z, 4, 1) as tf.Tensor2D[];
      c = tf.add(tf.mul(tf.sigmoid(zf!), c), tf.mul(tf.sigmoid(zi!), act(zg!)));
      h = tf.mul(tf.sigmoid(zo!), act(c));
      hs.push(h);
    }
    const H = tf.reshape(tf.stack(hs.slice(0, p.L - 1)), [(p.L - 1) * p.B, U]);
    const pred = tf.add(tf.matMul(H, vars.get("Wo")! as tf.Tensor2D), vars.get("bo")!);
    const target = tf.reshape(tf.transpose(tf.slice(xt, [0, 1], [p.B, p.L - 1])), [(p.L - 1) * p.B, 1]);
    const mse = tf.mean(tf.square(tf.sub(pred, target)));
    mseValue = mse.dataSync()[0]!;
    if (!labels || count === 0) return mse as tf.Scalar;
    const mask = Float32Array.from(labels, (l) => (l >= 0 ? 1 : 0));
    const safe = Int32Array.from(labels, (l) => Math.max(l, 0));
    const logp = tf.logSoftmax(tf.add(tf.matMul(h, vars.get("Wc")! as tf.Tensor2D), vars.get("bc")!));
    const picked = tf.sum(tf.mul(logp, tf.oneHot(tf.tensor1d(safe, "int32"), p.classes)), 1);
    const ce = tf.div(tf.neg(tf.sum(tf.mul(picked, tf.tensor1d(mask)))), count);
    ceValue = ce.dataSync()[0]!;
    return tf.add(mse, tf.mul(ce, labelWeight)) as tf.Scalar;
  }, [...vars.values()]);
  const out = new Map<WeightName, Float32Array>();
  for (const [n, v] of vars) {
    const g = grads[v.name];
    if (g) out.set(n, Float32Array.from(g.dataSync() as Float32Array));
  }
  tf.dispose([...Object.values(grads), value, ...vars.values()]);
  return { grads: out, mse: mseValue, ce: ceValue, count };
}

/** max |a - b| / max |b| */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let m = 1e-12;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
    m = Math.max(m, Math.abs(b[i]!));
  }
  return d / m;
}

const SHAPES: Problem[] = [
  { units: 8, B: 16, L: 6, classes: 0 },
  { units: 5, B: 7, L: 2, classes: 3 }, // units padded to 8, rows padded to 8, shortest window
  { units: 12, B: 13, L: 9, classes: 4 }, // batch not a multiple of the 2-shard split
  { units: 16, B: 9, L: 5, classes: 2, activation: "relu" },
];

beforeAll(async () => {
  await selectBackend("cpu");
});

describe("kernel gradient (gradient-only entry) matches tfjs autodiff", () => {
  for (const p of SHAPES) {
    it(`units ${p.units}, batch ${p.B}, length ${p.L}, ${p.classes} classes, ${p.activation ?? "tanh"}`, () => {
      const { weights, x, labels } = problem(p, 7);
      const labelWeight = 0.7;
      const ref = tfjsGradients(p, weights, x, labels, labelWeight);
      const k = new KernelInstance();
      k.configure({ units: p.units, classes: p.classes, activation: p.activation ?? "tanh", slots: 2 }, p.B, p.L, p.L);
      const get = (n: WeightName) => weights.get(n)?.values;
      k.setWeights({ Wx: get("Wx")!, Wh: get("Wh")!, b: get("b")!, Wo: get("Wo")!, bo: get("bo")!, ...(p.classes ? { Wc: get("Wc")!, bc: get("bc")! } : {}) });
      k.input(p.B * p.L).set(x);
      if (labels) k.labels(p.B).set(labels);
      const r = k.gradient(p.L, 0, p.B, 0, 1 / (p.B * (p.L - 1)), labels ? labelWeight / ref.count : 0, labels !== null);
      expect(r.sse / (p.B * (p.L - 1))).toBeCloseTo(ref.mse, 5);
      if (labels) expect(r.ce / ref.count).toBeCloseTo(ref.ce, 5);
      const g = k.getWeights(k.shardGradient(0));
      for (const [n, expected] of ref.grads) {
        const got = g[n as keyof typeof g]!;
        expect(got, n).toBeDefined();
        expect(relDiff(got, expected), n).toBeLessThan(1e-4);
      }
    });
  }
});

async function trainSteps(engine: KernelEngine | TfjsEngine, p: Problem, steps: number, batches: { x: Float32Array; labels: Int32Array | null }[], start: Weights) {
  const trainable = p.classes > 0 ? [...BASE_WEIGHTS, ...LABEL_HEAD] : BASE_WEIGHTS;
  const s = await engine.startTraining({ units: p.units, activation: p.activation ?? "tanh", weights: start, trainable, learningRate: 0.01, labelWeight: 1, batchSize: p.B, length: p.L });
  const losses: number[] = [];
  for (let i = 0; i < steps; i++) {
    const b = batches[i % batches.length]!;
    losses.push((await s.step(b.x, p.B, p.L, b.labels)).loss);
  }
  return { weights: s.close(), losses };
}

describe("kernel training steps match tfjs", () => {
  const engines: KernelEngine[] = [];
  afterAll(async () => {
    await Promise.all(engines.map((e) => e.dispose()));
  });

  for (const p of SHAPES.slice(1)) {
    it(`5 Adam steps, units ${p.units}, batch ${p.B}, length ${p.L}, ${p.classes} classes`, async () => {
      const batches = [problem(p, 1), problem(p, 2)];
      // a batch whose rows are all background: the label head gets no gradient and no update
      if (p.classes > 0) batches.push({ ...problem(p, 3), labels: new Int32Array(p.B).fill(-1) });
      const { weights } = problem(p, 5);
      const ref = await trainSteps(new TfjsEngine("cpu"), p, 5, batches, weights);
      for (const threads of [1, 2]) {
        const engine = new KernelEngine(threads);
        engines.push(engine);
        const got = await trainSteps(engine, p, 5, batches, weights);
        for (let i = 0; i < 5; i++) expect(got.losses[i]!).toBeCloseTo(ref.losses[i]!, 4);
        for (const [n, w] of ref.weights) {
          // Adam's first steps move each weight by ~lr whatever the gradient's size, so compare
          // the change from the start relative to lr
          const start = weights.get(n)!.values;
          const mine = got.weights.get(n)!.values;
          let worst = 0;
          for (let i = 0; i < start.length; i++) worst = Math.max(worst, Math.abs(mine[i]! - start[i]! - (w.values[i]! - start[i]!)));
          expect(worst / 0.01, `${n} (${threads} threads)`).toBeLessThan(0.02);
        }
      }
    });
  }

  it("is deterministic: same inputs give bit-identical weights with 1 and with 2 threads", async () => {
    const p = SHAPES[2]!;
    const batches = [problem(p, 1), problem(p, 2)];
    const { weights } = problem(p, 5);
    const runs: Weights[] = [];
    for (const threads of [1, 2, 2, 1]) {
      const engine = new KernelEngine(threads);
      engines.push(engine);
      runs.push((await trainSteps(engine, p, 6, batches, weights)).weights);
    }
    for (const run of runs.slice(1)) {
      for (const [n, w] of runs[0]!) expect(Array.from(run.get(n)!.values), n).toEqual(Array.from(w.values));
    }
  });
});

describe("kernel embeddings and forecasts match tfjs", () => {
  it("last and mean hidden state, forecasts; any chunking and thread split", async () => {
    const p = { units: 12, B: 37, L: 11, classes: 0 };
    const { weights, x } = problem(p, 9);
    const net = { units: p.units, activation: "tanh" as const };
    const tfjs = new TfjsEngine("cpu");
    for (const pooling of ["last", "mean"] as const) {
      const ref = await tfjs.embed(net, weights, x, p.B, p.L, { pooling });
      const one = new KernelEngine(1);
      const two = new KernelEngine(2);
      const a = await one.embed(net, weights, x, p.B, p.L, { pooling, chunkSize: 8 });
      const b = await two.embed(net, weights, x, p.B, p.L, { pooling });
      expect(relDiff(a, ref)).toBeLessThan(1e-5);
      expect(Array.from(b)).toEqual(Array.from(a));
      if (pooling === "last") expect(relDiff(one.predict(net, weights, x, p.B, p.L), tfjs.predict(net, weights, x, p.B, p.L))).toBeLessThan(1e-5);
      await one.dispose();
      await two.dispose();
    }
  });
});

describe("committed .wasm modules", () => {
  for (const target of KERNEL_TARGETS) {
    it(`${target.name} is up to date with packages/core/kernel (rebuilt byte for byte)`, () => {
      const dir = mkdtempSync(join(tmpdir(), "exprlab-kernel-"));
      try {
        const out = join(dir, target.name);
        buildWasm(target.source, out);
        expect(Buffer.compare(readFileSync(out), readFileSync(target.out))).toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
