import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { NotFittedError } from "../errors.ts";
import { selectBackend } from "../lstm/backend.ts";
import { createRng } from "../random.ts";
import { gridSize, orderedGridSearch, GRID_ORDER, type Cnn1dGrid } from "./grid-search.ts";
import type { TrainingSet } from "./model.ts";
import { geneWindows, NeuralClassifier, type NetworkSpec } from "./network.ts";
import { SvmClassifier } from "./svm-classifier.ts";

function toySet(seed: number, n = 40, d = 12): TrainingSet {
  const rng = createRng(seed);
  const y = Int32Array.from({ length: n }, (_, i) => i % 2);
  const x = Float32Array.from({ length: n * d }, (_, k) => rng.normal() + (k % d < 3 && y[Math.floor(k / d)] === 1 ? 2 : 0));
  return { x, n, d, y, classes: 2 };
}

const cnn: NetworkSpec = {
  kind: "cnn1d",
  config: { outputActivation: "softmax", denseActivation: "relu", convActivation: "relu", pool: 2, denseUnits: 8, kernel: 3, filters: 4 },
};
const bilstm: NetworkSpec = { kind: "cnn-bilstm", config: { filters: 4, kernel: 3, pool: 2, lstmUnits: 4, denseUnits: 8 } };

beforeAll(async () => {
  await selectBackend("auto");
});

describe("NeuralClassifier", () => {
  it("windows equal conv1d 'same' inputs", () => {
    // one sample, d = 3, k = 3: windows [0 1 2] -> [[0,1,2-pos], ...]
    expect(Array.from(geneWindows(Float32Array.from([1, 2, 3]), 1, 3, 3))).toEqual([0, 1, 2, 1, 2, 3, 2, 3, 0]);
    // the windowed dense layer is conv1d: same output as tf.conv1d on the same weights
    const w = tf.tensor3d([0.5, -1, 2], [3, 1, 1]);
    const conv = tf.conv1d(tf.tensor3d([1, 2, 3], [1, 3, 1]), w, 1, "same");
    const dense = tf.matMul(tf.tensor2d(geneWindows(Float32Array.from([1, 2, 3]), 1, 3, 3), [3, 3]), tf.reshape(w, [3, 1]));
    expect(Array.from(conv.dataSync())).toEqual(Array.from(dense.dataSync()));
    tf.dispose([w, conv, dense]);
  });

  it.each([
    ["cnn1d", cnn],
    ["cnn-bilstm", bilstm],
  ] as const)("%s: deterministic under a seed, JSON round trip, no leaked tensors", async (_name, spec) => {
    const set = toySet(1);
    const before = tf.memory().numTensors;
    const a = new NeuralClassifier(spec, { epochs: 3, seed: 4 });
    expect(() => a.predictProba(set.x, set.n)).toThrow(NotFittedError);
    const report = await a.fit(set);
    expect(report.epochsRun).toBeGreaterThan(0);
    expect(report.validationSamples).toBe(8);
    const pa = a.predictProba(set.x, set.n);
    for (let i = 0; i < set.n; i++) expect(pa[2 * i]! + pa[2 * i + 1]!).toBeCloseTo(1, 5);
    const b = new NeuralClassifier(spec, { epochs: 3, seed: 4 });
    await b.fit(set);
    expect(Array.from(b.predictProba(set.x, set.n))).toEqual(Array.from(pa));
    const c = NeuralClassifier.load(JSON.parse(JSON.stringify(a.toJSON())) as ReturnType<NeuralClassifier["toJSON"]>);
    expect(Array.from(c.predictProba(set.x, set.n))).toEqual(Array.from(pa));
    a.dispose();
    b.dispose();
    c.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("learns a planted signal", async () => {
    const set = toySet(2, 60);
    const m = new NeuralClassifier(cnn, { epochs: 30, seed: 1, learningRate: 0.01 });
    await m.fit(set);
    const test = toySet(3, 40);
    const p = m.predictProba(test.x, test.n);
    let correct = 0;
    for (let i = 0; i < test.n; i++) if ((p[2 * i + 1]! > p[2 * i]! ? 1 : 0) === test.y[i]) correct++;
    m.dispose();
    expect(correct / test.n).toBeGreaterThan(0.8);
  });
});

describe("ordered grid search", () => {
  const grid: Cnn1dGrid = {
    outputActivation: ["softmax", "softsign"],
    denseActivation: ["relu"],
    convActivation: ["relu", "linear"],
    pool: [2],
    denseUnits: [8],
    kernel: [3],
    filters: [4, 8],
  };

  it("searches one group at a time in the published order and resumes from finished rows", async () => {
    const set = toySet(5);
    const before = tf.memory().numTensors;
    const first = await orderedGridSearch(set, grid, { epochs: 2, seed: 1 });
    expect(gridSize(grid)).toBe(4);
    expect(first.seconds.length).toBe(4); // distinct configurations trained
    expect(first.rows.map((r) => r.group)).toEqual(GRID_ORDER.flatMap((g) => grid[g].map(() => g)));
    for (const g of GRID_ORDER) expect(first.rows.filter((r) => r.group === g && r.chosen).length).toBe(1);
    // each group's rows share every other group's current value
    const conv = first.rows.filter((r) => r.group === "convActivation");
    expect(conv[0]!.config.outputActivation).toBe(first.best.outputActivation);
    const again = await orderedGridSearch(set, grid, { epochs: 2, seed: 1 }, { done: first.rows });
    expect(again.seconds.length).toBe(0);
    expect(again.best).toEqual(first.best);
    expect(again.rows.map((r) => r.integratedF1)).toEqual(first.rows.map((r) => r.integratedF1));
    first.model?.dispose();
    again.model?.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("SvmClassifier", () => {
  it("fits, round-trips through JSON and refuses to predict unfitted", async () => {
    const set = toySet(6);
    const m = new SvmClassifier({ kernel: "linear" });
    expect(() => m.predictProba(set.x, 1)).toThrow(NotFittedError);
    await m.fit(set);
    const p = m.predictProba(set.x, set.n);
    const loaded = await SvmClassifier.load(JSON.parse(JSON.stringify(m.toJSON())) as ReturnType<SvmClassifier["toJSON"]>);
    // libsvm's model text keeps ~8 significant digits of each coefficient
    const q = loaded.predictProba(set.x, set.n);
    p.forEach((v, i) => expect(q[i]).toBeCloseTo(v, 4));
    m.dispose();
    loaded.dispose();
  });
});
