// The engine thread: results come back, progress flows, and cancel / time budget / memory cap stop
// the thread whatever it computes.
import { describe, expect, it } from "vitest";
import { CancelledError, InputError, ResourceLimitError } from "../../errors.ts";
import { generateSynthetic } from "../../synth/index.ts";
import type { ProgressEvent } from "../../types.ts";
import { runInThread } from "./run-in-thread.ts";

const small = () => generateSynthetic({ seed: 2, genes: 200, timePoints: 10, biclusters: 2, genesPerBicluster: 40 }).matrix;

describe("runInThread", () => {
  it("runs a method in a worker thread with progress and checkpoints, the same result as in process", async () => {
    const events: ProgressEvent[] = [];
    const saved: string[] = [];
    const run = runInThread<"BICLUSTER">({
      methodId: "kmeans",
      input: { matrix: small() },
      params: { k: 2, permutations: 9 },
      seed: 3,
      onProgress: (e) => events.push(e),
      onCheckpoint: (key) => saved.push(key),
    });
    const result = await run.result;
    expect(result.kind).toBe("BICLUSTER");
    expect(result.payload.biclusters.length).toBe(2);
    expect(events.at(-1)?.overall).toBe(1);
    expect(saved).toContain("kmeans");
  });

  it("cancel terminates a run in the middle of LSTM training", async () => {
    let training!: () => void;
    const inTraining = new Promise<void>((r) => (training = r));
    const run = runInThread<"BICLUSTER">({
      methodId: "lstm-svm",
      input: { matrix: small() },
      params: { epochs: 300, patience: 0, k: 2 },
      seed: 1,
      onProgress: (e) => {
        if (e.stage === "lstm-train" && e.fraction > 0) training();
      },
    });
    await inTraining;
    await run.cancel();
    await expect(run.result).rejects.toBeInstanceOf(CancelledError);
  });

  it("fails a run over its time budget with a ResourceLimitError naming the budget", async () => {
    const run = runInThread<"BICLUSTER">({
      methodId: "lstm-svm",
      input: { matrix: small() },
      params: { epochs: 300, patience: 0, k: 2 },
      seed: 1,
      timeLimitSeconds: 1,
    });
    await expect(run.result).rejects.toMatchObject({ name: "ResourceLimitError", limit: "time", message: /time budget of 1 s/ });
  });

  it("fails a run over its memory cap with a ResourceLimitError naming the cap", async () => {
    const run = runInThread<"BICLUSTER">({ methodId: "kmeans", input: { matrix: small() }, params: { k: 2 }, seed: 1, memoryLimitMb: 8 });
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceLimitError);
    expect(error).toMatchObject({ limit: "memory", message: /memory cap of 8 MB/ });
  });

  it("reports bad parameters as an InputError naming the field", async () => {
    const run = runInThread<"BICLUSTER">({ methodId: "kmeans", input: { matrix: small() }, params: { k: 0 }, seed: 1 });
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location.field).toBe("k");
  });
});
