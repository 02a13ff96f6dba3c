// End-to-end tests of the LSTM-SVM method on planted data (tiny models to stay quick).
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import { biclusterResultSchema } from "../../analysis/envelope.ts";
import { CancelledError, InputError } from "../../errors.ts";
import { consensusScore, matchedScores } from "../../metrics/index.ts";
import { generateSynthetic } from "../../synth/index.ts";
import type { ExpressionMatrix, ProgressEvent } from "../../types.ts";
import { METHODS } from "../index.ts";
import { lstmSvm } from "./index.ts";

const quick = { epochs: 3, units: 16, fineTuneEpochs: 1, maxOuterIterations: 1, permutations: 19 };
const run = (matrix: ExpressionMatrix, params: Record<string, unknown>, options: Parameters<typeof runMethod>[3] = {}) =>
  runMethod<"BICLUSTER">(lstmSvm, { matrix }, params, options);

describe("lstm-svm", () => {
  it("recovers planted biclusters: 500 genes x 20 time points, 4 biclusters, noise -> consensus >= 0.8", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 500, timePoints: 20, biclusters: 4 });
    const result = await run(matrix, { ...quick, epochs: 5, k: 4 }, { seed: 1 });
    const { payload } = result;
    const consensus = consensusScore(payload.biclusters, truth.biclusters);
    const genes = matchedScores(truth.labels, payload.labels, { unassignedIsBackground: true });
    expect(payload.biclusters).toHaveLength(4);
    expect(consensus).toBeGreaterThanOrEqual(0.8);
    expect(genes.f1).toBeGreaterThanOrEqual(0.85);
    // the LSTM really ran and is reported
    const lstm = payload.details.lstm as { fit: { epochsRun: number; trainLoss: number[] } };
    expect(lstm.fit.epochsRun).toBeGreaterThanOrEqual(1);
    expect(lstm.fit.trainLoss.length).toBe(lstm.fit.epochsRun);
    expect(result.backend?.name).toMatch(/^(tensorflow|wasm|cpu|kernel)$/);
  });

  it("reports progress per stage with a monotone overall fraction ending at 1, and a valid versioned result", async () => {
    const { matrix } = generateSynthetic({ seed: 4, genes: 120, timePoints: 8, biclusters: 2, genesPerBicluster: 30 });
    const events: ProgressEvent[] = [];
    const result = await run(matrix, { ...quick, epochs: 2, k: "auto", kMax: 4 }, { onProgress: (e) => events.push(e) });
    const stages = [...new Set(events.map((e) => e.stage))];
    expect(stages).toEqual(["preprocess", "lstm-train", "embed", "kmeans", "svm-refine", "lstm-finetune", "bicluster", "score"]);
    for (let i = 1; i < events.length; i++) expect(events[i]!.overall!).toBeGreaterThanOrEqual(events[i - 1]!.overall!);
    expect(events.at(-1)!.overall).toBe(1);
    const parsed = biclusterResultSchema.parse(JSON.parse(JSON.stringify(result)));
    expect(parsed.schemaVersion).toBe(2);
    expect(parsed.kind).toBe("BICLUSTER");
    expect(parsed.payload.kChoice?.auto).toBe(true);
    expect(parsed.payload.kChoice?.scores.map((s) => s.k)).toEqual([2, 3, 4]);
    expect(parsed.payload.kChoice?.reason).toMatch(/gap-statistic increment/);
    expect(parsed.payload.labels).toHaveLength(120);
    expect(parsed.stages.map((s) => s.id)).toEqual(stages);
    expect(parsed.stages.find((s) => s.id === "lstm-train")?.label).toBe("Training the LSTM");
  });

  it("cancels through an AbortSignal with CancelledError and leaks no tensors", async () => {
    const { matrix } = generateSynthetic({ seed: 5, genes: 120, timePoints: 10, biclusters: 2, genesPerBicluster: 30 });
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const seen: string[] = [];
    const pending = run(matrix, { ...quick, epochs: 50, patience: 0 }, {
      signal: ac.signal,
      onProgress: (e) => {
        seen.push(e.stage);
        if (e.stage === "lstm-train" && e.fraction > 0) ac.abort();
      },
    });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(seen).not.toContain("kmeans");
    expect(tf.memory().numTensors).toBe(before);
    // a finished run leaks none either
    await run(matrix, { ...quick, epochs: 1, k: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it("rejects bad parameters with an InputError naming the field, before any work", async () => {
    const { matrix } = generateSynthetic({ seed: 1, genes: 60, timePoints: 8, biclusters: 2, genesPerBicluster: 20 });
    await expect(run(matrix, { epochs: 0 })).rejects.toMatchObject({ name: "InputError", location: { field: "epochs" } });
    await expect(run(matrix, { k: "many" })).rejects.toMatchObject({ location: { field: "k" } });
    await expect(run(matrix, { kMin: 5, kMax: 3 })).rejects.toMatchObject({ location: { field: "kMax" } });
    await expect(run(matrix, { svmCost: -1 })).rejects.toMatchObject({ location: { field: "svmCost" } });
    await expect(run(matrix, { nonsense: 1 })).rejects.toBeInstanceOf(InputError);
    // the costs that stalled a worker for 17 minutes are refused by the parameter bounds
    for (const [field, value] of [["k", 100], ["epochs", 1000], ["units", 512], ["permutations", 10_000], ["maxTrainSequences", 100_000]] as const) {
      await expect(run(matrix, { [field]: value })).rejects.toMatchObject({ location: { field } });
    }
  });

  it("estimates cost growing with the work (epochs, genes, units)", () => {
    const p = (x: Record<string, unknown>) => lstmSvm.params.parse(x);
    const base = lstmSvm.estimate!({ rows: 2000, columns: 30 }, p({}));
    expect(base.seconds).toBeGreaterThan(1);
    expect(lstmSvm.estimate!({ rows: 2000, columns: 30 }, p({ epochs: 200 })).seconds).toBeGreaterThan(base.seconds * 2);
    expect(lstmSvm.estimate!({ rows: 20_000, columns: 30 }, p({})).seconds).toBeGreaterThan(base.seconds);
    expect(lstmSvm.estimate!({ rows: 2000, columns: 30 }, p({ units: 256 })).seconds).toBeGreaterThan(base.seconds * 4);
    expect(base.memoryMb).toBeGreaterThan(100);
  });
});

describe("kmeans baseline", () => {
  it("runs the same pipeline without LSTM or SVM and recovers an easy planted structure", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 500, timePoints: 20, biclusters: 4 });
    const res = await runMethod<"BICLUSTER">(METHODS.require("kmeans"), { matrix }, { k: 4, permutations: 19 }, { seed: 1 });
    expect(res.method).toBe("kmeans");
    expect(res.payload.details.lstm).toBeNull();
    expect(res.backend).toBeNull();
    expect(res.stages.map((s) => s.id)).not.toContain("lstm-train");
    expect(consensusScore(res.payload.biclusters, truth.biclusters)).toBeGreaterThan(0.5);
  });
});
