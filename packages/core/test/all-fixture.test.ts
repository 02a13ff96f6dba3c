// The real labelled fixture (Bioconductor ALL, top-500 probes; test/fixtures/all) classified by
// every CLASSIFY method, with small settings (paper-scale settings: bench/classify.ts).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ClassifyRunInput } from "../src/analysis/kinds/classify.ts";
import { runMethod } from "../src/analysis/run-method.ts";
import { labelsFromSheet } from "../src/classify/labels.ts";
import { readSampleSheet } from "../src/io/sample-sheet.ts";
import { readMatrix } from "../src/io/index.ts";
import { METHODS } from "../src/methods/index.ts";

const dir = fileURLToPath(new URL("./fixtures/all/", import.meta.url));
let input: ClassifyRunInput;

beforeAll(async () => {
  const { matrix } = await readMatrix(dir + "all-top500.csv.gz");
  const sheet = await readSampleSheet(dir + "all-samples.csv");
  input = { matrix, labels: labelsFromSheet(sheet, matrix.conditions.map((c) => c.id), "lineage").labels };
});

const small: Record<string, Record<string, unknown>> = {
  "svm-classifier": { featureSet: "top-variance", featureCount: 100 },
  cnn1d: {
    featureSet: "top-variance",
    featureCount: 60,
    outputActivations: ["softmax", "softsign"],
    denseActivations: ["relu"],
    convActivations: ["relu"],
    poolSizes: ["2"],
    denseSizes: ["32"],
    kernelSizes: ["3"],
    filterCounts: ["8"],
    epochs: 15,
    learningRate: 0.005,
  },
  "cnn-bilstm": { featureCount: 16, filters: 8, lstmUnits: 8, denseUnits: 16, epochs: 10, learningRate: 0.01, noiseRepeats: 1 },
};

describe("ALL leukaemia, B vs T lineage", () => {
  it.each(METHODS.list("CLASSIFY").map((m) => m.id))("%s separates the lineages on held-out samples", async (id) => {
    const r = await runMethod<"CLASSIFY">(METHODS.require(id), input, small[id] ?? {}, { seed: 1 });
    const m = r.payload.metrics;
    expect(m.samples).toBe(39);
    expect(m.accuracy, id).toBeGreaterThan(0.85);
    expect(m.rocAuc!, id).toBeGreaterThan(0.9);
    if (id === "cnn-bilstm") {
      expect(r.payload.robustness!.map((l) => l.level)).toEqual([0.05, 0.1, 0.15, 0.2]);
      expect(r.payload.robustness![3]!.accuracy.mean).toBeGreaterThan(0.8);
    }
    if (id === "cnn1d") {
      // one row per value of each group (8), two distinct configurations trained
      const rows = r.payload.grid![0]!.rows;
      expect(rows).toHaveLength(8);
      expect(new Set(rows.map((row) => JSON.stringify(row.config))).size).toBe(2);
    }
  });
});
