// CNN-BiLSTM on a gene set chosen by Pearson correlation with the class (published: 236 genes):
// a convolution over neighbouring genes, max pooling, a bidirectional LSTM over the pooled
// sequence, a dense layer and softmax; with the published robustness test (Gaussian noise of
// 5-20% of each gene's sd added to the test samples) on by default.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { evaluateClassifier } from "../../classify/evaluate.ts";
import { NeuralClassifier } from "../../classify/network.ts";
import { classifyParams, classifyWorkload, evaluationOptions } from "../../classify/params.ts";
import { classifyPayload } from "../../classify/payload.ts";
import { selectTfjsBackend } from "../../lstm/backend.ts";
import { trainingParams } from "../cnn1d/params.ts";
import { networkTrainingSeconds } from "../cnn1d/index.ts";

const params = z.object({
  filters: z.number().int().min(1).max(256).default(32).meta({ label: "Convolution filters", help: "Filters of the convolution over neighbouring genes", group: "main" }),
  kernel: z.number().int().min(1).max(31).default(5).meta({ label: "Kernel size", help: "Genes per convolution window", group: "advanced", unit: "genes" }),
  pool: z.number().int().min(1).max(8).default(2).meta({ label: "Max-pooling size", help: "Max-pooling window: the LSTM reads features / pool steps", group: "advanced" }),
  lstmUnits: z.number().int().min(1).max(256).default(32).meta({ label: "LSTM units", help: "Units of each direction of the bidirectional LSTM", group: "main" }),
  denseUnits: z.number().int().min(1).max(1024).default(64).meta({ label: "Dense units", help: "Width of the dense layer before the softmax output", group: "advanced" }),
  ...trainingParams,
  ...classifyParams({ featureSet: "correlation", featureCount: 236, noiseTest: true }),
});

const STAGES = [
  { id: "prepare", label: "Preparing samples and labels" },
  { id: "train", label: "Training the CNN-BiLSTM" },
  { id: "evaluate", label: "Scoring the test samples" },
  { id: "robustness", label: "Noise robustness test" },
] as const;

export const cnnBilstm = defineMethod({
  id: "cnn-bilstm",
  kind: "CLASSIFY",
  label: "CNN-BiLSTM",
  description:
    "A convolution over neighbouring genes, max pooling and a bidirectional LSTM on genes chosen by Pearson correlation with the class (default 236), with a noise robustness test.",
  reference:
    "CNN-BiLSTM diagnosis on a 236-gene Pearson-correlation set (recall 0.994, ROC AUC 0.996, stable under 20% noise), seed paper of ExprLab's diagnosis models; Hochreiter & Schmidhuber 1997; Schuster & Paliwal 1997 (bidirectional RNN).",
  params,
  stages: STAGES,
  plan: (p) => [
    { stage: "prepare", weight: 1 },
    { stage: "train", weight: 30 },
    { stage: "evaluate", weight: 1 },
    ...(p.noiseTest ? [{ stage: "robustness", weight: 1 }] : []),
  ],
  estimate: (shape, p) => {
    const w = classifyWorkload(shape, p);
    const steps = Math.ceil(w.features / p.pool);
    const flops = 6 * (w.features * p.kernel * p.filters + 2 * steps * 4 * p.lstmUnits * (p.filters + p.lstmUnits));
    // Each LSTM step is a few small kernels per direction: ~6 ms per step and batch on wasm (measured at 15 steps).
    const perBatchSteps = 0.7 * p.epochs * Math.ceil((w.trainSamples * (1 - p.validationFraction)) / p.batchSize) * steps * 0.006;
    const seconds = 1 + w.splits * (networkTrainingSeconds(w.trainSamples * (1 - p.validationFraction), w.features, p, flops) + perBatchSteps);
    return { seconds, memoryMb: w.memoryMb + 150 + (w.samples * w.features * p.kernel * 4) / 1e6 };
  },
  checkParams: { filters: 4, lstmUnits: 4, denseUnits: 8, epochs: 2, featureCount: 12, noiseRepeats: 2 },
  async run({ matrix, labels, panel }, p, ctx) {
    const backend = await selectTfjsBackend("auto");
    ctx.setBackend({ name: backend.name, requested: backend.requested, attempts: backend.attempts });
    const training = { epochs: p.epochs, batchSize: p.batchSize, learningRate: p.learningRate, patience: p.patience, validationFraction: p.validationFraction, seed: ctx.seed };
    const config = { filters: p.filters, kernel: p.kernel, pool: p.pool, lstmUnits: p.lstmUnits, denseUnits: p.denseUnits };
    const result = await evaluateClassifier(matrix, labels, panel, evaluationOptions(p), {
      stages: { prepare: "prepare", train: "train", evaluate: "evaluate", robustness: "robustness" },
      async train(set, _split, c, onProgress) {
        const model = new NeuralClassifier({ kind: "cnn-bilstm", config }, training);
        const report = await model.fit(set, { signal: c.signal, onProgress });
        return { model, report };
      },
    }, ctx);
    return classifyPayload(matrix, p, panel, result);
  },
});
