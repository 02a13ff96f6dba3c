import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import { NotFittedError } from "../../errors.ts";
import { selectBackend, toSequences } from "../../lstm/index.ts";
import { consensusScore, matchedScores } from "../../metrics/index.ts";
import { createRng } from "../../random.ts";
import { generateSynthetic } from "../../synth/index.ts";
import { RnnEncoder } from "./encoder.ts";
import { rnnBaseline } from "./index.ts";

describe("RnnEncoder", () => {
  it("learns to forecast a sine (loss falls), embeds deterministically, round-trips through JSON, leaks no tensors", async () => {
    await selectBackend("auto");
    const before = tf.memory().numTensors;
    const rng = createRng(1);
    const n = 64;
    const T = 12;
    const values = Float64Array.from({ length: n * T }, (_, i) => Math.sin((i % T) / 2 + Math.floor(i / T)) + 0.05 * rng.normal());
    const seqs = toSequences(values, n, T);
    const enc = new RnnEncoder({ units: 8, epochs: 8, patience: 0, validationSplit: 0, learningRate: 0.01, seed: 2 });
    await expect(enc.embed(seqs)).rejects.toBeInstanceOf(NotFittedError);
    const report = await enc.fit(seqs);
    expect(report.epochsRun).toBe(8);
    expect(report.trainLoss.at(-1)!).toBeLessThan(report.trainLoss[0]! * 0.7);
    const a = await enc.embed(seqs);
    expect(a).toHaveLength(n * 8);
    const again = RnnEncoder.load(JSON.parse(JSON.stringify(enc.toJSON())) as ReturnType<RnnEncoder["toJSON"]>);
    expect(Array.from(await again.embed(seqs))).toEqual(Array.from(a));
    enc.dispose();
    again.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("rnn method", () => {
  it("recovers planted temporal biclusters with the RNN embedding + profile, no SVM, and leaks no tensors", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 300, timePoints: 16, biclusters: 3 });
    await selectBackend("auto");
    const before = tf.memory().numTensors;
    const res = await runMethod(rnnBaseline, { matrix }, { k: 3, epochs: 5, units: 16, permutations: 19 }, { seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(res.stages.map((s) => s.id)).toEqual(["preprocess", "rnn-train", "embed", "kmeans", "bicluster", "score"]);
    expect(res.backend?.name).toMatch(/^(tensorflow|wasm|cpu)$/);
    const rnn = res.payload.details.rnn as { fit: { epochsRun: number }; embeddingDim: number };
    expect(rnn.embeddingDim).toBe(16);
    expect(rnn.fit.epochsRun).toBeGreaterThanOrEqual(1);
    // Same design as the HMM test: genes and windows.
    expect(consensusScore(res.payload.biclusters, truth.biclusters)).toBeGreaterThan(0.8);
    expect(matchedScores(truth.labels, res.payload.labels, { unassignedIsBackground: true }).f1).toBeGreaterThan(0.85);
  });
});
