// Run kind BICLUSTER: a method finds biclusters in one expression matrix.
// Indices (genes, conditions) in the payload refer to the INPUT matrix, before preprocessing.
import { z } from "zod";
import { generateSynthetic } from "../../synth/index.ts";
import type { ExpressionMatrix } from "../../types.ts";

export interface BiclusterRunInput {
  matrix: ExpressionMatrix;
}

const num = z.number();
const nullableNum = z.number().nullable();

export const biclusterSchema = z.object({
  genes: z.array(z.number().int().nonnegative()),
  conditions: z.array(z.number().int().nonnegative()),
  msr: num,
  silhouette: nullableNum,
  geneSilhouettes: z.array(num).optional(),
  pValue: nullableNum,
  meanProfile: z.array(num),
  clusterLabel: z.number().int().optional(),
  /** Benjamini-Hochberg q-value across the run's biclusters. */
  qValue: nullableNum.optional(),
  /** True when no null value reached the observed one: the p-value is below pValue = 1 / (n + 1). */
  pValueAtFloor: z.boolean().optional(),
  /** Penalised log-likelihood gain over a patternless block (nats). */
  evidence: num.optional(),
  /** Quality flags, e.g. { code: "one-condition", reason: "driven by one condition: t3 carries 80% of the pattern" }. */
  flags: z.array(z.object({ code: z.string(), reason: z.string() })).optional(),
  /** With a largest gene lag (maxLag): each member's lag in time points, aligned with `genes`. */
  geneLags: z.array(z.number().int()).optional(),
});

/** Two biclusters (indices into `biclusters`) that share genes or conditions. */
export const overlapSchema = z.object({
  a: z.number().int().nonnegative(),
  b: z.number().int().nonnegative(),
  sharedGenes: z.number().int().nonnegative(),
  sharedConditions: z.number().int().nonnegative(),
});

/** How K was chosen (given, or scanned with a criterion): the run page plots `scores`. */
export const kChoiceSchema = z.object({
  k: z.number().int(),
  auto: z.boolean(),
  /** Criterion that chose K ("given" when K was fixed). */
  criterion: z.string(),
  reason: z.string(),
  scores: z.array(
    z.object({
      k: z.number().int(),
      silhouette: nullableNum,
      inertia: num,
      gap: nullableNum.optional(),
      gapIncrement: nullableNum.optional(),
      /** Gaussian-mixture BIC (higher is better) of the K-means partition with the background component. */
      bic: nullableNum.optional(),
      /** Agreement (adjusted Rand index) of K-means partitions of two halves of the genes, predicted on all. */
      stability: nullableNum.optional(),
      /** Biclusters paying for naming their genes that step 6 made of this K's clustering (the automatic K's check; absent where not tried). */
      biclusters: z.number().int().nullable().optional(),
    }),
  ),
});

export const biclusterMetricsSchema = z.object({
  /** Mean silhouette of assigned genes in the clustered feature space. */
  silhouette: nullableNum,
  msrMean: nullableNum,
  pValueMedian: nullableNum,
  biclusters: z.number().int(),
  assignedGenes: z.number().int(),
  unassignedGenes: z.number().int(),
});

export const biclusterPayloadSchema = z.object({
  input: z.object({
    genes: z.number().int(),
    conditions: z.number().int(),
    geneIds: z.array(z.string()),
    conditionIds: z.array(z.string()),
    timed: z.boolean(),
  }),
  /** Report of src/preprocess and how many genes were kept. */
  preprocess: z.object({ report: z.record(z.string(), z.unknown()), keptGenes: z.number().int() }),
  /** Null for methods that do not cluster genes into K groups. */
  kChoice: kChoiceSchema.nullable(),
  metrics: biclusterMetricsSchema,
  biclusters: z.array(biclusterSchema),
  /** Pairs of biclusters sharing genes (overlapping biclusters) or conditions; absent for methods that do not report it. */
  overlaps: z.array(overlapSchema).optional(),
  /** Cluster per input gene; -1 = background, unassigned or dropped by preprocessing. */
  labels: z.array(z.number().int()),
  /** Method-specific reports (e.g. LSTM training, SVM iterations), validated by the method's own schema. */
  details: z.record(z.string(), z.unknown()),
});

export type BiclusterPayload = z.infer<typeof biclusterPayloadSchema>;
export type BiclusterRecord = z.infer<typeof biclusterSchema>;
export type BiclusterOverlap = z.infer<typeof overlapSchema>;

/** A small planted time course for the shared method checks. */
export function exampleBiclusterInput(seed: number): BiclusterRunInput {
  const { matrix } = generateSynthetic({ seed, genes: 120, timePoints: 10, biclusters: 2, genesPerBicluster: 30 });
  return { matrix };
}
