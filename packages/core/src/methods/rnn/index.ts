// RNN baseline of the paper's comparison: a simple (Elman) recurrent network trained as a
// forecaster exactly like LSTM-SVM's LSTM (same sequences, windows, loss, early stopping, features
// = embedding + profile with the same weighting), its embedding clustered by k-means with the same
// initial K choice and background rule, no SVM refinement and no outer loop; then the shared step 6.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import type { ChooseKResult } from "../../cluster/index.ts";
import { selectTfjsBackend, subsetSequences, toSequences } from "../../lstm/index.ts";
import { buildFeatures } from "../lstm-svm/features.ts";
import { lstmParams } from "../lstm-svm/params.ts";
import { baseMemoryMb, kmeansSeconds, LSTM_EMBED_STEP, LSTM_TRAIN_STEP, permutationSeconds } from "../shared/gene-cluster-cost.ts";
import { extractionParams, kParams, preprocessParams, validateKRange } from "../shared/gene-cluster-params.ts";
import { biclustersFromGeneClusters, initialClusters, preprocessForClustering } from "../shared/gene-cluster-steps.ts";
import { RnnEncoder, type RnnEncoderJson, type RnnFitReport } from "./encoder.ts";

const rnnParams = {
  backend: z
    .enum(["auto", "tensorflow", "wasm", "cpu"])
    .default("auto")
    .meta({ label: "Compute backend", help: "TensorFlow.js backend of the RNN: auto = tfjs-node if installed, else WebAssembly, else plain JavaScript.", group: "advanced" }),
  units: z.number().int().min(2).max(256).default(64).meta({ label: "RNN hidden units", help: "Hidden units = embedding size (as the LSTM's 64).", group: "main" }),
  epochs: z
    .number()
    .int()
    .min(1)
    .max(300)
    .default(50)
    .meta({ label: "Training epochs", help: "Maximum RNN training epochs (as the LSTM's 50); early stopping may end sooner.", group: "main", unit: "epochs" }),
  learningRate: z.number().min(1e-5).max(0.1).default(0.001).meta({ label: "Learning rate", help: "Adam learning rate (as the LSTM's 0.001).", group: "advanced" }),
  inputDim: z
    .number()
    .int()
    .min(2)
    .max(200)
    .default(30)
    .meta({ label: "RNN window (time steps)", help: "Longest training window in time steps (as the LSTM's input dimension 30).", group: "advanced" }),
  batchSize: lstmParams.batchSize,
  validationSplit: lstmParams.validationSplit,
  patience: lstmParams.patience,
  maxTrainSequences: z
    .number()
    .int()
    .min(10)
    .max(20_000)
    .default(512)
    .meta({ label: "Genes the RNN trains on", help: "Seeded sample of genes used for training; every gene is embedded.", group: "advanced", unit: "genes" }),
  features: z
    .enum(["both", "embedding", "profile"])
    .default("both")
    .meta({ label: "Features clustered", help: "RNN embedding + normalised profile (as LSTM-SVM), the embedding only, or the profile only.", group: "main" }),
  embeddingWeight: z
    .number()
    .min(0)
    .max(10)
    .default(0.1)
    .meta({ label: "Embedding weight", help: "Weight of the RNN embedding against the profile when both are clustered (as LSTM-SVM: 0.1).", group: "advanced" }),
};

const params = z.object({ k: kParams.k, ...preprocessParams, ...rnnParams, kMin: kParams.kMin, kMax: kParams.kMax, background: kParams.background, kmeansRestarts: kParams.kmeansRestarts, clusteringStarts: kParams.clusteringStarts, ...extractionParams });
type Params = z.output<typeof params>;

interface TrainCheckpoint {
  model: RnnEncoderJson;
  report: RnnFitReport;
}

interface KMeansCheckpoint {
  k: number;
  labels: number[];
  scores: ChooseKResult["scores"];
  reason: string;
}

/** A tanh RNN step costs about a quarter of an LSTM step (one U x U matmul instead of U x 4U). */
function cost(shape: { rows: number; columns: number }, p: Params) {
  const genes = Math.min(shape.rows, p.topVariance ?? shape.rows);
  const T = shape.columns;
  const u = Math.max((p.units / 64) ** 2, 0.25) / 4;
  const window = Math.min(T, p.inputDim + 1);
  const dim = (p.features === "profile" ? 0 : p.units) + (p.features === "embedding" ? 0 : T);
  const kTypical = p.k === "auto" ? Math.ceil((p.kMin + p.kMax) / 2) : p.k;
  let seconds = 1 + (genes * T) / 2e6;
  if (p.features !== "profile") seconds += p.epochs * Math.min(genes, p.maxTrainSequences) * window * LSTM_TRAIN_STEP * u + genes * T * LSTM_EMBED_STEP * u;
  seconds += kmeansSeconds(genes, dim, p.k, p.kMin, p.kMax, p.kmeansRestarts) + permutationSeconds({ rows: genes, columns: T }, kTypical, p.permutations);
  return { seconds, memoryMb: baseMemoryMb({ rows: genes, columns: T }, dim) + 100 };
}

export const rnnBaseline = defineMethod({
  id: "rnn",
  kind: "BICLUSTER",
  label: "RNN baseline (RNN + k-means)",
  description: "A simple tanh recurrent network trained as a forecaster like LSTM-SVM's LSTM; k-means on its embedding + profile with the same background rule and bicluster extraction (no SVM).",
  reference: "Elman JL (1990) Finding structure in time, Cognitive Science 14:179-211; the RNN baseline of the LSTM-SVM paper's comparison; MacQueen 1967 (k-means).",
  params,
  stages: [
    { id: "preprocess", label: "Preprocessing" },
    { id: "rnn-train", label: "Training the RNN" },
    { id: "embed", label: "Embedding gene profiles" },
    { id: "kmeans", label: "Clustering (k-means)" },
    { id: "bicluster", label: "Selecting conditions" },
    { id: "score", label: "Scoring biclusters" },
  ],
  plan: (p) => [
    { stage: "preprocess", weight: 2 },
    ...(p.features === "profile" ? [] : [{ stage: "rnn-train", weight: 20 }, { stage: "embed", weight: 2 }]),
    { stage: "kmeans", weight: 6 },
    { stage: "bicluster", weight: 8 },
    { stage: "score", weight: 1 },
  ],
  validate: validateKRange,
  estimate: cost,
  checkParams: { k: 2, epochs: 2, units: 8, permutations: 19 },
  async run({ matrix }, p, ctx) {
    ctx.enter("preprocess");
    const pre = preprocessForClustering(matrix, p, ctx.seed);
    const { values, n, T } = pre;
    ctx.progress(1);

    let encoder: RnnEncoder | null = null;
    let fit: RnnFitReport | null = null;
    try {
      let embedding: { data: Float32Array; dim: number; flat: Float32Array } | null = null;
      if (p.features !== "profile") {
        const backend = await selectTfjsBackend(p.backend);
        ctx.setBackend({ name: backend.name, requested: backend.requested, attempts: backend.attempts });
        const seqs = toSequences(values, n, T);
        ctx.enter("rnn-train");
        const saved = ctx.checkpoints.get("rnn-train") as TrainCheckpoint | undefined;
        if (saved) {
          encoder = RnnEncoder.load(saved.model);
          fit = saved.report;
          ctx.resumed("rnn-train");
        } else {
          const trainIdx = n > p.maxTrainSequences ? ctx.rng.fork("rnn-sample").sample(n, p.maxTrainSequences).sort((a, b) => a - b) : null;
          encoder = new RnnEncoder({
            units: p.units,
            epochs: p.epochs,
            learningRate: p.learningRate,
            inputDim: p.inputDim,
            batchSize: p.batchSize,
            validationSplit: p.validationSplit,
            patience: p.patience,
            seed: ctx.seed,
          });
          fit = await encoder.fit(trainIdx ? subsetSequences(seqs, trainIdx) : seqs, {
            signal: ctx.signal,
            onEpoch: (e, of, loss) => ctx.progress(e / of, `epoch ${e}: loss ${loss.toFixed(4)}`),
          });
          ctx.checkpoints.put("rnn-train", { model: encoder.toJSON(), report: fit } satisfies TrainCheckpoint);
        }
        ctx.enter("embed");
        const data = await encoder.embed(seqs, { signal: ctx.signal, onProgress: (f) => ctx.progress(f) });
        const flat = await encoder.embed({ data: new Float32Array(T), n: 1, length: T });
        embedding = { data, dim: encoder.dim, flat };
      }
      const features = buildFeatures(values, T, embedding, p.features, p.embeddingWeight);

      ctx.enter("kmeans");
      let clusters = ctx.checkpoints.get("kmeans") as KMeansCheckpoint | undefined;
      if (clusters) ctx.resumed("kmeans");
      else {
        const scan = features.dim > T && p.features === "both" ? { start: features.dim - T, size: T } : undefined;
        const chosen = initialClusters(features, pre, p, ctx.seed, ctx, scan);
        clusters = { k: chosen.k, labels: Array.from(chosen.fit.labels), scores: chosen.scores, reason: chosen.reason };
        ctx.checkpoints.put("kmeans", clusters);
      }
      const auto = p.k === "auto";

      ctx.throwIfCancelled();
      const extracted = biclustersFromGeneClusters(matrix, pre, Int32Array.from(clusters.labels), features, p, ctx, { k: clusters.k });
      return {
        ...extracted,
        kChoice: { k: clusters.k, auto, criterion: auto ? "gap" : "given", reason: clusters.reason, scores: clusters.scores },
        details: {
          rnn: encoder && fit ? { features: p.features, embeddingDim: encoder.dim, fit } : null,
        },
      };
    } finally {
      encoder?.dispose();
    }
  },
});
