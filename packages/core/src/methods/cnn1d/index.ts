// 1D-CNN over the expression vector, its architecture chosen by the ordered grid search (one
// hyperparameter group at a time, in the published order) on a validation part of the training
// samples, judged by integrated F1, then accuracy, then validation loss.
import { defineMethod } from "../../analysis/define.ts";
import type { ClassifyPayload } from "../../analysis/kinds/classify.ts";
import { evaluateClassifier } from "../../classify/evaluate.ts";
import { GRID_ORDER, gridSize, orderedGridSearch, type Cnn1dGrid, type GridRow } from "../../classify/grid-search.ts";
import { NeuralClassifier } from "../../classify/network.ts";
import { classifyWorkload, evaluationOptions } from "../../classify/params.ts";
import { classifyPayload } from "../../classify/payload.ts";
import { selectTfjsBackend } from "../../lstm/backend.ts";
import { cnn1dParamsSchema, type Cnn1dParams } from "./params.ts";

export function cnn1dGrid(p: Cnn1dParams): Cnn1dGrid {
  return {
    outputActivation: p.outputActivations,
    denseActivation: p.denseActivations,
    convActivation: p.convActivations,
    pool: p.poolSizes.map(Number),
    denseUnits: p.denseSizes.map(Number),
    kernel: p.kernelSizes.map(Number),
    filters: p.filterCounts.map(Number),
  };
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Seconds of one training of the network (measured on wasm: ~13 ms per batch of 16 at d = 30, k = 3, 8 filters). */
export function networkTrainingSeconds(samples: number, features: number, p: { epochs: number; batchSize: number }, flopsPerSample: number): number {
  const batches = Math.ceil(samples / p.batchSize);
  // Early stopping usually ends before the maximum; 0.7 of it is what the fixtures showed.
  const epochs = 0.7 * p.epochs;
  return epochs * batches * (0.01 + (p.batchSize * flopsPerSample) / 1e9) + (features * samples) / 1e7;
}

const STAGES = [
  { id: "prepare", label: "Preparing samples and labels" },
  { id: "grid-search", label: "Ordered grid search and training" },
  { id: "evaluate", label: "Scoring the test samples" },
  { id: "robustness", label: "Noise robustness test" },
] as const;

export const cnn1d = defineMethod({
  id: "cnn1d",
  kind: "CLASSIFY",
  label: "1D-CNN (ordered grid search)",
  description:
    "A 1D convolutional network over the expression vector; an ordered grid search tunes one hyperparameter group at a time on a validation part of the training samples, by integrated F1.",
  reference:
    "1D-CNN cancer-type classification with an ordered grid search and integrated F1 (Harrington desirability of per-class F1; 97.3% accuracy on 9 TCGA types), seed paper of ExprLab's diagnosis models; Harrington 1965.",
  params: cnn1dParamsSchema,
  stages: STAGES,
  plan: (p) => [
    { stage: "prepare", weight: 1 },
    { stage: "grid-search", weight: 20 * gridSize(cnn1dGrid(p)) },
    { stage: "evaluate", weight: 1 },
    ...(p.noiseTest ? [{ stage: "robustness", weight: 1 }] : []),
  ],
  estimate: (shape, p) => {
    const w = classifyWorkload(shape, p);
    const grid = cnn1dGrid(p);
    const d = w.features;
    const flops = 6 * (d * mean(grid.kernel) * mean(grid.filters) + (d / mean(grid.pool)) * mean(grid.filters) * mean(grid.denseUnits));
    const fit = networkTrainingSeconds(w.trainSamples * (1 - p.validationFraction), d, p, flops);
    const memoryMb = w.memoryMb + 150 + (w.samples * d * Math.max(...grid.kernel) * 4) / 1e6 + (d / Math.min(...grid.pool)) * Math.max(...grid.filters) * Math.max(...grid.denseUnits) * 4e-6 * 3;
    return { seconds: 1 + w.splits * gridSize(grid) * fit, memoryMb };
  },
  checkParams: {
    outputActivations: ["softmax", "softsign"],
    denseActivations: ["relu"],
    convActivations: ["relu", "linear"],
    poolSizes: ["2"],
    denseSizes: ["32"],
    kernelSizes: ["3"],
    filterCounts: ["8"],
    epochs: 3,
    noiseTest: true,
    noiseRepeats: 2,
  },
  async run({ matrix, labels, panel }, p, ctx) {
    const backend = await selectTfjsBackend("auto");
    ctx.setBackend({ name: backend.name, requested: backend.requested, attempts: backend.attempts });
    const grid = cnn1dGrid(p);
    const training = { epochs: p.epochs, batchSize: p.batchSize, learningRate: p.learningRate, patience: p.patience, validationFraction: p.validationFraction, seed: ctx.seed };
    const result = await evaluateClassifier(matrix, labels, panel, evaluationOptions(p), {
      stages: { prepare: "prepare", train: "grid-search", evaluate: "evaluate", robustness: "robustness" },
      async train(set, split, c, onProgress) {
        const cpKey = `grid-${split}`;
        const done = c.checkpoints.get(cpKey) as GridRow[] | undefined;
        const search = await orderedGridSearch(set, grid, training, {
          signal: c.signal,
          done,
          onProgress: (f, msg) => onProgress(f, msg),
          onRow: (rows) => c.checkpoints.put(cpKey, rows),
        });
        if (done && done.length > 0) c.resumed("grid-search");
        let model = search.model;
        let report: Record<string, unknown> = {};
        if (!model) {
          model = new NeuralClassifier({ kind: "cnn1d", config: search.best }, training);
          report = await model.fit(set, { signal: c.signal });
        }
        const table = { split, order: [...GRID_ORDER], best: { ...search.best }, rows: search.rows.map((r) => ({ ...r, config: { ...r.config } })) };
        return { model, report: { ...report, grid: table, gridSeconds: search.seconds } };
      },
    }, ctx);
    // The grid table travels in each split's report (so a resumed split keeps it): move it to the payload.
    const grids = result.reports.map((r) => r.grid as NonNullable<ClassifyPayload["grid"]>[number]);
    result.reports = result.reports.map(({ grid: _grid, ...rest }) => rest);
    return classifyPayload(matrix, p, panel, result, { grid: grids });
  },
});
