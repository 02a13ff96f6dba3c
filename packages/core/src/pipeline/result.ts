// The versioned JSON result of a run (schemaVersion 1). Everything a front end shows or a later
// analysis needs: parameters, backend, what each stage did, timings, metrics, biclusters, labels.
// Indices (genes, conditions) refer to the INPUT matrix, before preprocessing.
import { z } from "zod";

const num = z.number();
const nullableNum = z.number().nullable();

export const lstmFitReportSchema = z.object({
  objective: z.enum(["forecast", "forecast+labels"]),
  epochsRequested: z.number().int(),
  epochsRun: z.number().int(),
  earlyStopped: z.boolean(),
  bestEpoch: z.number().int(),
  monitor: z.enum(["validation", "train"]),
  trainLoss: z.array(num),
  valLoss: z.array(num),
  labelLoss: z.array(num).optional(),
  trainSequences: z.number().int(),
  validationSequences: z.number().int(),
  windowLength: z.number().int(),
  sequenceLength: z.number().int(),
  batchSize: z.number().int(),
  seconds: num,
  sequencesPerSecond: num,
});

export const svmReportSchema = z.object({
  iterations: z.number().int(),
  converged: z.boolean(),
  reassigned: z.array(z.number().int()),
  toBackground: z.array(z.number().int()),
  readmitted: z.array(z.number().int()),
  unassignedPerIteration: z.array(z.number().int()),
  belowConfidence: z.number().int(),
  unassigned: z.number().int(),
  trainingGenes: z.array(z.number().int()),
  gamma: num,
  seconds: num,
});

export const biclusterSchema = z.object({
  genes: z.array(z.number().int().nonnegative()),
  conditions: z.array(z.number().int().nonnegative()),
  msr: num,
  silhouette: nullableNum,
  geneSilhouettes: z.array(num).optional(),
  pValue: nullableNum,
  meanProfile: z.array(num),
  clusterLabel: z.number().int().optional(),
});

export const biclusterResultSchema = z.object({
  schemaVersion: z.literal(1),
  /** Key of the METHODS registry. */
  method: z.string(),
  /** Parameters after defaults were applied. */
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  /** LSTM backend used: the WebAssembly kernel or a tfjs backend (null for methods without a neural network). */
  backend: z
    .object({
      name: z.enum(["tensorflow", "kernel", "wasm", "cpu"]),
      requested: z.string(),
      attempts: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() })),
    })
    .nullable(),
  input: z.object({
    genes: z.number().int(),
    conditions: z.number().int(),
    geneIds: z.array(z.string()),
    conditionIds: z.array(z.string()),
    timed: z.boolean(),
  }),
  /** Report of src/preprocess plus the input indices of the genes kept. */
  preprocess: z.object({ report: z.record(z.string(), z.unknown()), keptGenes: z.number().int() }),
  lstm: z
    .object({
      /** How profiles become LSTM input (the "input dimension 30" decision). */
      inputMapping: z.string(),
      features: z.enum(["both", "embedding", "profile"]),
      embeddingDim: z.number().int(),
      fit: lstmFitReportSchema,
      fineTune: z.array(lstmFitReportSchema),
    })
    .nullable(),
  kmeans: z.object({
    k: z.number().int(),
    auto: z.boolean(),
    scores: z.array(
      z.object({ k: z.number().int(), silhouette: nullableNum, inertia: num, gap: nullableNum.optional(), gapIncrement: nullableNum.optional() }),
    ),
    reason: z.string(),
    background: z.boolean(),
    /** Genes in the background (nearest to the flat profile) after the first k-means. */
    backgroundGenes: z.number().int(),
  }),
  svm: z.array(svmReportSchema),
  outer: z.object({
    iterations: z.number().int(),
    /** Fraction of genes whose cluster changed in each outer iteration. */
    changed: z.array(num),
    converged: z.boolean(),
  }),
  /** Seconds per stage (repeated stages accumulate) and in total. */
  timings: z.record(z.string(), num),
  metrics: z.object({
    /** Mean silhouette of assigned genes in the clustered feature space. */
    silhouette: nullableNum,
    msrMean: nullableNum,
    pValueMedian: nullableNum,
    biclusters: z.number().int(),
    assignedGenes: z.number().int(),
    unassignedGenes: z.number().int(),
  }),
  biclusters: z.array(biclusterSchema),
  /** Cluster per input gene; -1 = background, unassigned or dropped by preprocessing. */
  labels: z.array(z.number().int()),
});

export type BiclusterResult = z.infer<typeof biclusterResultSchema>;
