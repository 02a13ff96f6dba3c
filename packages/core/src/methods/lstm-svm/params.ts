// Parameters of LSTM-SVM: the shared gene-cluster parameters plus the LSTM, the SVM refinement
// and the outer loop. Defaults are the paper's where it gives one (64 units, tanh, MSE, Adam
// lr 0.001, 50 epochs, input dimension 30, C = 1, up to 20 SVM iterations).
import { z } from "zod";
import { extractionParams, kParams, preprocessParams } from "../shared/gene-cluster-params.ts";

export const lstmParams = {
  backend: z
    .enum(["auto", "kernel", "tensorflow", "wasm", "cpu"])
    .default("auto")
    .meta({ label: "Compute backend", help: "auto = tfjs-node if installed, else ExprLab's WebAssembly SIMD kernel; or the kernel, tfjs wasm or tfjs cpu.", group: "advanced" }),
  units: z.number().int().min(2).max(256).default(64).meta({ label: "LSTM hidden units", help: "Hidden units = embedding size (paper: 64).", group: "main" }),
  epochs: z
    .number()
    .int()
    .min(1)
    .max(300)
    .default(50)
    .meta({ label: "Training epochs", help: "Maximum LSTM training epochs (paper: 50); early stopping may end sooner.", group: "main", unit: "epochs" }),
  learningRate: z.number().min(1e-5).max(0.1).default(0.001).meta({ label: "Learning rate", help: "Adam learning rate (paper: 0.001).", group: "advanced" }),
  inputDim: z
    .number()
    .int()
    .min(2)
    .max(200)
    .default(30)
    .meta({ label: "LSTM window (time steps)", help: "Longest LSTM training window in time steps (paper: input dimension 30).", group: "advanced" }),
  batchSize: z.number().int().min(8).max(1024).default(64).meta({ label: "Batch size", help: "Sequences per gradient step.", group: "advanced" }),
  validationSplit: z
    .number()
    .min(0)
    .max(0.5)
    .default(0.1)
    .meta({ label: "Validation split", help: "Fraction of training genes held out for early stopping (0: monitor the training loss).", group: "advanced" }),
  patience: z.number().int().min(0).max(50).default(5).meta({ label: "Early-stopping patience", help: "Epochs without improvement before training stops (0: never early).", group: "advanced" }),
  maxTrainSequences: z
    .number()
    .int()
    .min(10)
    .max(20_000)
    .default(512)
    .meta({ label: "Genes the LSTM trains on", help: "Seeded sample of genes used for training; every gene is embedded.", group: "advanced", unit: "genes" }),
  fineTuneEpochs: z
    .number()
    .int()
    .min(0)
    .max(50)
    .default(5)
    .meta({ label: "Fine-tune epochs", help: "Epochs of each re-application of the LSTM with the refined clusters.", group: "advanced" }),
  labelWeight: z
    .number()
    .min(0)
    .max(10)
    .default(1)
    .meta({ label: "Cluster-label loss weight", help: "Weight of the cluster-label loss against forecasting when the LSTM is re-applied.", group: "advanced" }),
  pooling: z
    .enum(["last", "mean"])
    .default("last")
    .meta({ label: "LSTM embedding", help: "The gene's embedding: the LSTM's final hidden state (last) or the mean of its hidden states over the course (mean).", group: "advanced" }),
  features: z
    .enum(["both", "embedding", "profile"])
    .default("both")
    .meta({ label: "Features clustered", help: "LSTM embedding + normalised profile, the embedding only, or the profile only.", group: "main" }),
  embeddingWeight: z
    .number()
    .min(0)
    .max(10)
    .default(0.1)
    .meta({ label: "Embedding weight", help: "Weight of the LSTM embedding against the profile when both are clustered (1 = equal share).", group: "advanced" }),
};

export const svmParams = {
  svmGamma: z
    .union([z.number().positive().max(1000), z.literal("scale")])
    .default("scale")
    .meta({ label: "SVM gamma", help: 'RBF kernel gamma, or "scale" = 1 / (features x variance).', group: "advanced" }),
  svmCost: z.number().min(0.001).max(1000).default(1).meta({ label: "SVM cost (C)", help: "C of the RBF SVM (paper: 1).", group: "advanced" }),
  svmFolds: z.number().int().min(2).max(10).default(5).meta({ label: "SVM folds", help: "Folds of the SVM cross-prediction.", group: "advanced" }),
  svmMaxIterations: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(20)
    .meta({ label: "SVM refinement iterations", help: "Maximum SVM refinement iterations (paper: 20; 0 = no refinement).", group: "advanced" }),
  svmMaxPerCluster: z
    .number()
    .int()
    .min(10)
    .max(2000)
    .default(200)
    .meta({ label: "SVM genes per cluster", help: "Training genes per cluster (seeded sample) in each SVM iteration.", group: "advanced" }),
  svmMargin: z
    .number()
    .min(0)
    .max(10)
    .default(1)
    .meta({
      label: "SVM reassignment margin",
      help: "A gene moves to another cluster only when the SVM puts it at least this far beyond the margin between the two (1 = the margin's edge; 0 = any prediction elsewhere, twice in a row).",
      group: "advanced",
    }),
  svmConfidence: z
    .number()
    .min(0)
    .max(0.99)
    .default(0.5)
    .meta({ label: "SVM confidence threshold", help: "Genes whose cluster probability is below this become unassigned.", group: "advanced" }),
};

export const outerParams = {
  maxOuterIterations: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(3)
    .meta({ label: "Outer iterations", help: "Re-applications of LSTM, k-means and SVM with the refined clusters (0 = none).", group: "advanced" }),
  outerTolerance: z
    .number()
    .min(0)
    .max(1)
    .default(0.01)
    .meta({ label: "Outer tolerance", help: "Stop re-applying when fewer than this fraction of genes change cluster.", group: "advanced" }),
};

export const lstmSvmParamsSchema = z.object({
  k: kParams.k,
  ...preprocessParams,
  ...lstmParams,
  kMin: kParams.kMin,
  kMax: kParams.kMax,
  background: kParams.background,
  kmeansRestarts: kParams.kmeansRestarts,
  clusteringStarts: kParams.clusteringStarts,
  ...svmParams,
  ...outerParams,
  ...extractionParams,
});

export type LstmSvmParams = z.output<typeof lstmSvmParamsSchema>;
export type LstmSvmParamsInput = z.input<typeof lstmSvmParamsSchema>;
