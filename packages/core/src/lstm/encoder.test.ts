import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { CancelledError, NotFittedError } from "../errors.ts";
import { createRng } from "../random.ts";
import { selectBackend } from "./backend.ts";
import { LstmEncoder } from "./encoder.ts";
import { toSequences, type Sequences } from "./sequences.ts";

/** Two families: sine waves and rising ramps, with noise. */
function waves(n: number, T: number, seed = 1): { seqs: Sequences; kind: number[] } {
  const rng = createRng(seed);
  const values = new Float64Array(n * T);
  const kind: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 2;
    kind.push(k);
    for (let t = 0; t < T; t++) {
      const base = k === 0 ? Math.sin((2 * Math.PI * t) / T) : (2 * t) / (T - 1) - 1;
      values[i * T + t] = base + 0.1 * rng.normal();
    }
  }
  return { seqs: toSequences(values, n, T), kind };
}

const tiny = { units: 8, epochs: 3, batchSize: 16, seed: 3 };

beforeAll(async () => {
  await selectBackend("auto");
});

describe("selectBackend", () => {
  it("reports the backend in use and what was tried: auto = tfjs-node when installed, else the kernel", async () => {
    const info = await selectBackend("auto");
    expect(["tensorflow", "kernel"]).toContain(info.name);
    expect(info.attempts.at(-1)).toEqual({ name: info.name, ok: true });
    const wasm = await selectBackend("wasm");
    expect(wasm.name).toBe("wasm");
    expect(tf.getBackend()).toBe("wasm");
  });
});

describe("LstmEncoder", () => {
  it("throws NotFittedError before fit", async () => {
    const enc = new LstmEncoder(tiny);
    await expect(enc.embed(waves(4, 6).seqs)).rejects.toBeInstanceOf(NotFittedError);
  });

  it("learns to forecast (loss falls) and reports epochs and losses", async () => {
    const { seqs } = waves(64, 12);
    const enc = new LstmEncoder({ ...tiny, epochs: 15, learningRate: 0.01, patience: 0 });
    const rep = await enc.fit(seqs);
    expect(rep.epochsRun).toBe(15);
    expect(rep.earlyStopped).toBe(false);
    expect(rep.trainLoss).toHaveLength(15);
    expect(rep.valLoss).toHaveLength(15);
    expect(rep.validationSequences).toBe(6);
    expect(rep.trainLoss.at(-1)!).toBeLessThan(rep.trainLoss[0]! * 0.7);
    enc.dispose();
  });

  it("stops early when the monitored loss stops improving, and says so", async () => {
    const { seqs } = waves(32, 8);
    // a learning rate of 0 never improves: stops after `patience` epochs past the first
    const enc = new LstmEncoder({ ...tiny, epochs: 20, learningRate: 1e-12, patience: 2 });
    const rep = await enc.fit(seqs);
    expect(rep.earlyStopped).toBe(true);
    expect(rep.epochsRun).toBe(3);
    expect(rep.bestEpoch).toBe(1);
    enc.dispose();
  });

  it("embeds to n x units; same seed gives identical embeddings, another seed different ones", async () => {
    const { seqs } = waves(40, 10);
    const run = async (seed: number) => {
      const enc = new LstmEncoder({ ...tiny, seed });
      await enc.fit(seqs);
      const e = await enc.embed(seqs);
      enc.dispose();
      return e;
    };
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(a).toHaveLength(40 * 8);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("trains on windows of inputDim + 1 points when profiles are longer", async () => {
    const { seqs } = waves(20, 40);
    const enc = new LstmEncoder({ ...tiny, inputDim: 10, epochs: 1 });
    const rep = await enc.fit(seqs);
    expect(rep.windowLength).toBe(11);
    expect(rep.sequenceLength).toBe(40);
    expect((await enc.embed(seqs)).length).toBe(20 * 8);
    enc.dispose();
  });

  it("fineTune with labels lowers the label loss and separates the classes", async () => {
    const { seqs, kind } = waves(64, 10);
    const enc = new LstmEncoder({ ...tiny, learningRate: 0.01 });
    await enc.fit(seqs);
    const rep = await enc.fineTune(seqs, kind, { epochs: 8 });
    expect(rep.objective).toBe("forecast+labels");
    expect(rep.labelLoss!.at(-1)!).toBeLessThan(rep.labelLoss![0]!);
    enc.dispose();
  });

  it("round-trips through toJSON / load with identical embeddings", async () => {
    const { seqs, kind } = waves(24, 8);
    const enc = new LstmEncoder(tiny);
    await enc.fit(seqs);
    await enc.fineTune(seqs, kind, { epochs: 1 });
    const json = JSON.parse(JSON.stringify(enc.toJSON())) as ReturnType<LstmEncoder["toJSON"]>;
    const copy = LstmEncoder.load(json);
    expect(Array.from(await copy.embed(seqs))).toEqual(Array.from(await enc.embed(seqs)));
    expect(Array.from(copy.predict(seqs))).toEqual(Array.from(enc.predict(seqs)));
    expect(copy.toJSON().numClasses).toBe(2);
    enc.dispose();
    copy.dispose();
  });

  it("cancels between batches with CancelledError", async () => {
    const { seqs } = waves(64, 8);
    const enc = new LstmEncoder({ ...tiny, epochs: 50, patience: 0 });
    const ac = new AbortController();
    let epochs = 0;
    const p = enc.fit(seqs, { signal: ac.signal, onEpoch: () => { if (++epochs === 2) ac.abort(); } });
    await expect(p).rejects.toBeInstanceOf(CancelledError);
    expect(epochs).toBe(2);
    enc.dispose();
  });

  it("does not leak tensors over fit, fineTune, embed, predict, round trip and dispose (tfjs backends)", async () => {
    const { seqs, kind } = waves(24, 8);
    const before = tf.memory().numTensors;
    const enc = new LstmEncoder({ ...tiny, epochs: 2, backend: "wasm" });
    await enc.fit(seqs);
    // weights live in typed arrays between calls: no tensor outlives a call
    expect(tf.memory().numTensors).toBe(before);
    await enc.fineTune(seqs, kind, { epochs: 1 });
    await enc.embed(seqs);
    enc.predict(seqs);
    const copy = LstmEncoder.load(enc.toJSON());
    await copy.embed(seqs);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const ac = new AbortController();
    ac.abort();
    await expect(enc.fit(seqs, { signal: ac.signal })).rejects.toBeInstanceOf(CancelledError);
    expect(tf.memory().numTensors).toBe(before);
    enc.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("mean pooling: the embedding is the mean of the hidden states, i.e. of the last-state embeddings of every prefix", async () => {
    const rng = createRng(4);
    const T = 6;
    const n = 3;
    const values = Float64Array.from({ length: n * T }, () => rng.normal());
    const enc = new LstmEncoder({ units: 5, epochs: 1, patience: 0, validationSplit: 0, seed: 2, batchSize: 8 });
    await enc.fit(toSequences(values, n, T));
    const json = enc.toJSON();
    const mean = LstmEncoder.load({ ...json, options: { ...json.options, pooling: "mean" } });
    const pooled = await mean.embed(toSequences(values, n, T));
    const sum = new Float64Array(n * 5);
    for (let t = 1; t <= T; t++) {
      const data = new Float32Array(n * t);
      for (let i = 0; i < n; i++) for (let s = 0; s < t; s++) data[i * t + s] = values[i * T + s]!;
      const h = await enc.embed({ data, n, length: t });
      h.forEach((v, k) => (sum[k]! += v / T));
    }
    pooled.forEach((v, k) => expect(v).toBeCloseTo(sum[k]!, 5));
    expect(Array.from(pooled)).not.toEqual(Array.from(await enc.embed(toSequences(values, n, T))));
    await expect(new LstmEncoder({ pooling: "max" as "mean" }).fit(toSequences(values, n, T))).rejects.toThrow(/pooling/);
    enc.dispose();
    mean.dispose();
  });
});

describe("LstmEncoder backends", () => {
  it("reports the backend that ran; kernel and tfjs-wasm train to the same losses from the same seed", async () => {
    const { seqs, kind } = waves(48, 10);
    const reports = [];
    for (const backend of ["kernel", "wasm"] as const) {
      const enc = new LstmEncoder({ ...tiny, epochs: 4, backend });
      const fit = await enc.fit(seqs);
      const ft = await enc.fineTune(seqs, kind, { epochs: 2 });
      expect(enc.backendInfo?.name).toBe(backend);
      reports.push({ fit, ft });
      enc.dispose();
    }
    const [k, w] = reports;
    for (let e = 0; e < 4; e++) expect(k!.fit.trainLoss[e]!).toBeCloseTo(w!.fit.trainLoss[e]!, 3);
    for (let e = 0; e < 2; e++) expect(k!.ft.labelLoss![e]!).toBeCloseTo(w!.ft.labelLoss![e]!, 3);
  });

  it("toJSON / load round trip across backends: kernel-trained model embeds the same on tfjs-wasm and back", async () => {
    const { seqs, kind } = waves(24, 8);
    const enc = new LstmEncoder({ ...tiny, backend: "kernel" });
    await enc.fit(seqs);
    await enc.fineTune(seqs, kind, { epochs: 1 });
    const json = JSON.parse(JSON.stringify(enc.toJSON())) as ReturnType<LstmEncoder["toJSON"]>;
    const onWasm = LstmEncoder.load({ ...json, options: { ...json.options, backend: "wasm" } });
    const again = JSON.parse(JSON.stringify(onWasm.toJSON())) as ReturnType<LstmEncoder["toJSON"]>;
    const back = LstmEncoder.load({ ...again, options: { ...again.options, backend: "kernel" } });
    expect(Object.keys(onWasm.toJSON().weights)).toEqual(Object.keys(json.weights));
    const a = await enc.embed(seqs);
    const b = await onWasm.embed(seqs);
    for (let i = 0; i < a.length; i++) expect(b[i]!).toBeCloseTo(a[i]!, 5);
    expect(Array.from(await back.embed(seqs))).toEqual(Array.from(a));
    for (const e of [enc, onWasm, back]) e.dispose();
  });

  it("same seed gives bit-identical kernel weights with 1 and 2 threads, and mean pooling differs from last", async () => {
    const { seqs } = waves(40, 10);
    const weights = async (threads: number, pooling: "last" | "mean" = "last") => {
      const enc = new LstmEncoder({ ...tiny, epochs: 3, backend: "kernel", threads, pooling });
      await enc.fit(seqs);
      const out = { json: enc.toJSON().weights, embedding: await enc.embed(seqs) };
      enc.dispose();
      return out;
    };
    const one = await weights(1);
    const two = await weights(2);
    expect(two.json).toEqual(one.json);
    expect(Array.from(two.embedding)).toEqual(Array.from(one.embedding));
    const mean = await weights(2, "mean");
    expect(mean.json).toEqual(one.json);
    expect(Array.from(mean.embedding)).not.toEqual(Array.from(one.embedding));
  });
});
