// Parameters of the LSTM-SVM run: one flat zod schema with documented defaults. The METHODS
// registry derives the web form's fields (name, default, one-line description, bounds) from
// PARAM_DOCS below, so a parameter is documented in exactly one place.
import { z } from "zod";
import { InputError } from "../errors.ts";

export const kSchema = z.union([z.number().int().min(1).max(100), z.literal("auto")]);

export const paramsSchema = z.object({
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(0),
  k: kSchema.default("auto"),
  kMin: z.number().int().min(2).max(100).default(2),
  kMax: z.number().int().min(2).max(100).default(10),
  backend: z.enum(["auto", "kernel", "tensorflow", "wasm", "cpu"]).default("auto"),
  transform: z.enum(["none", "log2", "cpm-log2"]).default("none"),
  impute: z.enum(["knn", "row-mean"]).default("knn"),
  topVariance: z.number().int().min(10).optional(),
  units: z.number().int().min(2).max(512).default(64),
  epochs: z.number().int().min(1).max(1000).default(50),
  learningRate: z.number().positive().max(1).default(0.001),
  inputDim: z.number().int().min(2).max(1000).default(30),
  batchSize: z.number().int().min(1).max(4096).default(64),
  validationSplit: z.number().min(0).max(0.5).default(0.1),
  patience: z.number().int().min(0).max(1000).default(5),
  maxTrainSequences: z.number().int().min(10).max(100_000).default(512),
  fineTuneEpochs: z.number().int().min(0).max(100).default(5),
  labelWeight: z.number().min(0).max(100).default(1),
  features: z.enum(["both", "embedding", "profile"]).default("both"),
  embeddingWeight: z.number().min(0).max(100).default(0.1),
  background: z.boolean().default(true),
  kmeansRestarts: z.number().int().min(1).max(100).default(10),
  svmGamma: z.union([z.number().positive(), z.literal("scale")]).default("scale"),
  svmCost: z.number().positive().default(1),
  svmFolds: z.number().int().min(2).max(20).default(5),
  svmMaxIterations: z.number().int().min(0).max(20).default(20),
  svmMaxPerCluster: z.number().int().min(10).max(5000).default(200),
  svmConfidence: z.number().min(0).max(0.99).default(0.5),
  maxOuterIterations: z.number().int().min(0).max(20).default(3),
  outerTolerance: z.number().min(0).max(1).default(0.01),
  contiguous: z.union([z.boolean(), z.literal("auto")]).default("auto"),
  conditionCriterion: z.enum(["signal", "msr"]).default("signal"),
  permutations: z.number().int().min(0).max(10_000).default(199),
});

export type LstmSvmParams = z.output<typeof paramsSchema>;
export type LstmSvmParamsInput = z.input<typeof paramsSchema>;

export interface ParamDoc {
  name: keyof LstmSvmParams;
  default: unknown;
  /** One line, shown in the web form. */
  description: string;
  type: "integer" | "number" | "boolean" | "enum" | "integer|auto" | "number|scale" | "boolean|auto";
  min?: number;
  max?: number;
  options?: string[];
}

const DESCRIPTIONS: Record<keyof LstmSvmParams, string> = {
  seed: "Seed of every random step: same data + seed = same biclusters.",
  k: 'Number of clusters, or "auto" to choose it between kMin and kMax (elbow of the gap statistic).',
  kMin: "Smallest K tried when k is auto.",
  kMax: "Largest K tried when k is auto.",
  backend: "LSTM backend: auto = tfjs-node if installed, else the WebAssembly kernel; or kernel, tfjs wasm, tfjs cpu.",
  transform: "Input transform: none, log2(x+1), or counts-per-million then log2 (count data).",
  impute: "Missing values: k-nearest-gene mean or the gene's mean.",
  topVariance: "Keep only the N most variable genes (default: all).",
  units: "LSTM hidden units = embedding size (paper: 64).",
  epochs: "Maximum LSTM training epochs (paper: 50); early stopping may end sooner.",
  learningRate: "Adam learning rate (paper: 0.001).",
  inputDim: "Longest LSTM training window in time steps (paper: input dimension 30).",
  batchSize: "Sequences per gradient step.",
  validationSplit: "Fraction of training genes held out for early stopping (0: monitor training loss).",
  patience: "Epochs without improvement before early stopping (0: off).",
  maxTrainSequences: "Genes (seeded sample) the LSTM trains on; all genes are embedded.",
  fineTuneEpochs: "Epochs of each re-application of the LSTM with the refined clusters.",
  labelWeight: "Weight of the cluster-label loss against forecasting during re-application.",
  features: "What is clustered: LSTM embedding + normalised profile, embedding only, or profile only.",
  embeddingWeight: "Weight of the LSTM embedding against the profile when features = both (1 = equal share).",
  background: "Genes closer to a flat profile than to every cluster stay unassigned.",
  kmeansRestarts: "k-means++ restarts; the lowest within-cluster sum of squares wins.",
  svmGamma: 'RBF kernel gamma, or "scale" = 1 / (features x variance).',
  svmCost: "SVM C (paper: 1).",
  svmFolds: "Folds of the SVM cross-prediction.",
  svmMaxIterations: "Maximum SVM refinement iterations (paper: 20; 0 = no refinement).",
  svmMaxPerCluster: "SVM training genes per cluster (seeded sample) per iteration.",
  svmConfidence: "Genes whose cluster probability is below this become unassigned.",
  maxOuterIterations: "Re-applications of LSTM -> k-means -> SVM (0 = none).",
  outerTolerance: "Stop re-applying when fewer than this fraction of genes change cluster.",
  contiguous: "Biclusters use one contiguous time window (auto: when conditions have times).",
  conditionCriterion: "How a cluster's conditions are chosen: where its mean departs from flat (signal) or by MSR alone.",
  permutations: "Random submatrices for each bicluster's empirical p-value.",
};

function describe(name: keyof LstmSvmParams, schema: z.ZodType): ParamDoc {
  let inner: z.ZodType = schema;
  let dflt: unknown;
  if (inner instanceof z.ZodDefault) {
    dflt = (inner as z.ZodDefault<z.ZodType>).def.defaultValue;
    inner = (inner as z.ZodDefault<z.ZodType>).def.innerType as z.ZodType;
  }
  if (inner instanceof z.ZodOptional) inner = (inner as z.ZodOptional<z.ZodType>).def.innerType as z.ZodType;
  const doc: ParamDoc = { name, default: dflt ?? null, description: DESCRIPTIONS[name], type: "number" };
  const bounds = (t: z.ZodType) => {
    if (t instanceof z.ZodNumber) {
      doc.type = t.isInt ? "integer" : "number";
      if (t.minValue !== null && Number.isFinite(t.minValue)) doc.min = t.minValue;
      if (t.maxValue !== null && Number.isFinite(t.maxValue)) doc.max = t.maxValue;
      if (doc.min === undefined && t.minValue !== null && t.minValue > -Infinity) doc.min = t.minValue;
    }
  };
  if (inner instanceof z.ZodNumber) bounds(inner);
  else if (inner instanceof z.ZodBoolean) doc.type = "boolean";
  else if (inner instanceof z.ZodEnum) {
    doc.type = "enum";
    doc.options = (inner as z.ZodEnum).options.map(String);
  } else if (inner instanceof z.ZodUnion) {
    const [a] = (inner as z.ZodUnion<[z.ZodType, z.ZodType]>).options;
    bounds(a);
    doc.type = a instanceof z.ZodBoolean ? "boolean|auto" : name === "k" ? "integer|auto" : "number|scale";
  }
  return doc;
}

/** One entry per parameter, in schema order (for forms and --help). */
export const PARAM_DOCS: ParamDoc[] = Object.entries(paramsSchema.shape).map(([name, schema]) =>
  describe(name as keyof LstmSvmParams, schema as z.ZodType),
);

/** Validates user parameters and fills defaults; errors name the parameter. */
export function parseParams(input: unknown): LstmSvmParams {
  const res = paramsSchema.safeParse(input ?? {});
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const field = issue.path.join(".") || undefined;
    throw new InputError(field ? `invalid value: ${issue.message}` : `invalid parameters: ${issue.message}`, field ? { field } : {});
  }
  const p = res.data;
  if (p.kMax < p.kMin) throw new InputError(`kMax (${p.kMax}) must be >= kMin (${p.kMin})`, { field: "kMax" });
  return p;
}
