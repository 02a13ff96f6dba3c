// End-to-end tests of the LSTM-SVM pipeline on planted data (tiny models to stay quick).
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { CancelledError, InputError } from "../src/errors.ts";
import { consensusScore, matchedScores } from "../src/metrics/index.ts";
import { biclusterResultSchema, METHODS, PARAM_DOCS, parseParams, runLstmSvm } from "../src/pipeline/index.ts";
import { generateSynthetic } from "../src/synth/index.ts";
import type { ProgressEvent } from "../src/types.ts";

const quick = { epochs: 3, units: 16, fineTuneEpochs: 1, maxOuterIterations: 1, permutations: 19 };

describe("runLstmSvm", () => {
  it("recovers planted biclusters: 500 genes x 20 time points, 4 biclusters, noise -> consensus >= 0.8", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 500, timePoints: 20, biclusters: 4 });
    const result = await runLstmSvm(matrix, { ...quick, epochs: 5, seed: 1, k: 4 });
    const consensus = consensusScore(result.biclusters, truth.biclusters);
    const genes = matchedScores(truth.labels, result.labels, { unassignedIsBackground: true });
    expect(result.biclusters).toHaveLength(4);
    expect(consensus).toBeGreaterThanOrEqual(0.8);
    expect(genes.f1).toBeGreaterThanOrEqual(0.85);
    // the LSTM really ran and is reported
    expect(result.lstm?.fit.epochsRun).toBeGreaterThanOrEqual(1);
    expect(result.lstm?.fit.trainLoss.length).toBe(result.lstm?.fit.epochsRun);
    expect(result.backend?.name).toMatch(/^(tensorflow|kernel|wasm|cpu)$/);
  });

  it("is deterministic: same input + seed = identical biclusters and labels; another seed runs too", async () => {
    const { matrix } = generateSynthetic({ seed: 3, genes: 150, timePoints: 10, biclusters: 3, genesPerBicluster: 30 });
    const params = { ...quick, epochs: 2, k: 3 as const, seed: 5 };
    const a = await runLstmSvm(matrix, params);
    const b = await runLstmSvm(matrix, params);
    expect(b.biclusters).toEqual(a.biclusters);
    expect(b.labels).toEqual(a.labels);
    expect(b.lstm!.fit.trainLoss).toEqual(a.lstm!.fit.trainLoss);
    const c = await runLstmSvm(matrix, { ...params, seed: 6 });
    expect(c.lstm!.fit.trainLoss).not.toEqual(a.lstm!.fit.trainLoss);
  });

  it("reports progress per stage with a monotone overall fraction ending at 1, and a valid versioned result", async () => {
    const { matrix } = generateSynthetic({ seed: 4, genes: 120, timePoints: 8, biclusters: 2, genesPerBicluster: 30 });
    const events: ProgressEvent[] = [];
    const result = await runLstmSvm(matrix, { ...quick, epochs: 2, k: "auto", kMax: 4 }, { onProgress: (e) => events.push(e) });
    const stages = [...new Set(events.map((e) => e.stage))];
    expect(stages).toEqual(["preprocess", "lstm-train", "embed", "kmeans", "svm-refine", "lstm-finetune", "bicluster", "score"]);
    for (let i = 1; i < events.length; i++) expect(events[i]!.overall!).toBeGreaterThanOrEqual(events[i - 1]!.overall!);
    expect(events.at(-1)!.overall).toBe(1);
    const parsed = biclusterResultSchema.parse(JSON.parse(JSON.stringify(result)));
    expect(parsed.schemaVersion).toBe(1);
    expect(parsed.kmeans.auto).toBe(true);
    expect(parsed.kmeans.scores.map((s) => s.k)).toEqual([2, 3, 4]);
    expect(parsed.kmeans.reason).toMatch(/gap-statistic increment/);
    expect(parsed.labels).toHaveLength(120);
    expect(Object.keys(parsed.timings)).toEqual(expect.arrayContaining(["preprocess", "lstm-train", "kmeans", "svm-refine", "bicluster", "total"]));
  });

  it("cancels through an AbortSignal with CancelledError and leaks no tensors", async () => {
    const { matrix } = generateSynthetic({ seed: 5, genes: 120, timePoints: 10, biclusters: 2, genesPerBicluster: 30 });
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const seen: string[] = [];
    const run = runLstmSvm(matrix, { ...quick, epochs: 50, patience: 0 }, {
      signal: ac.signal,
      onProgress: (e) => {
        seen.push(e.stage);
        if (e.stage === "lstm-train" && e.fraction > 0) ac.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen).not.toContain("kmeans");
    expect(tf.memory().numTensors).toBe(before);
    // a finished run leaks none either
    await runLstmSvm(matrix, { ...quick, epochs: 1, k: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects bad parameters with an InputError naming the field", async () => {
    expect(() => parseParams({ epochs: 0 })).toThrow(InputError);
    expect(() => parseParams({ k: "many" })).toThrow(/k/);
    expect(() => parseParams({ kMin: 5, kMax: 3 })).toThrow(/kMax/);
    const { matrix } = generateSynthetic({ seed: 1, genes: 60, timePoints: 8, biclusters: 2, genesPerBicluster: 20 });
    await expect(runLstmSvm(matrix, { svmCost: -1 })).rejects.toMatchObject({ name: "InputError", location: { field: "svmCost" } });
  });
});

describe("METHODS", () => {
  it("describes every parameter in one line with its default, and runs the k-means baseline", async () => {
    expect(Object.keys(METHODS)).toEqual(["lstm-svm", "kmeans"]);
    for (const doc of PARAM_DOCS) {
      expect(doc.description.length).toBeGreaterThan(10);
      expect(doc.description).not.toMatch(/\n/);
    }
    expect(PARAM_DOCS.find((d) => d.name === "units")).toMatchObject({ default: 64, type: "integer", min: 2 });
    expect(PARAM_DOCS.find((d) => d.name === "epochs")!.default).toBe(50);
    expect(PARAM_DOCS.find((d) => d.name === "k")).toMatchObject({ default: "auto", type: "integer|auto" });
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 500, timePoints: 20, biclusters: 4 });
    const res = await METHODS.kmeans.run(matrix, { k: 4, seed: 1, permutations: 19 });
    expect(res.method).toBe("kmeans");
    expect(res.lstm).toBeNull();
    expect(res.backend).toBeNull();
    expect(consensusScore(res.biclusters, truth.biclusters)).toBeGreaterThan(0.5);
  });
});
