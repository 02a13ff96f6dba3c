// Parameters shared by every method that clusters genes and turns the clusters into biclusters
// (LSTM-SVM and its baselines): preprocessing, K, background, condition selection, significance.
// Bounds are what a lab would really use; the cost estimate bounds the combination.
import { z } from "zod";
import { InputError } from "../../errors.ts";

export const preprocessParams = {
  transform: z
    .enum(["none", "log2", "cpm-log2"])
    .default("none")
    .meta({ label: "Input transform", help: "none, log2(x + 1), or counts per million then log2 (for count data).", group: "main" }),
  impute: z
    .enum(["knn", "row-mean"])
    .default("knn")
    .meta({ label: "Missing-value imputation", help: "Fill missing values with the mean of the k nearest genes, or the gene's own mean.", group: "advanced" }),
  topVariance: z
    .number()
    .int()
    .min(10)
    .max(50_000)
    .optional()
    .meta({ label: "Most variable genes kept", help: "Keep only the N most variable genes (empty: all genes).", group: "main", unit: "genes" }),
};

export const kParams = {
  k: z
    .union([z.number().int().min(1).max(50), z.literal("auto")])
    .default("auto")
    .meta({ label: "Number of clusters (K)", help: 'K, or "auto" to choose it between the smallest and largest K (elbow of the gap statistic).', group: "main" }),
  kMin: z.number().int().min(2).max(50).default(2).meta({ label: "Smallest K", help: "Smallest K tried when K is automatic.", group: "advanced" }),
  kMax: z.number().int().min(2).max(50).default(10).meta({ label: "Largest K", help: "Largest K tried when K is automatic.", group: "advanced" }),
  background: z
    .boolean()
    .default(true)
    .meta({ label: "Leave flat genes unassigned", help: "Genes closer to a flat profile than to every cluster stay in the background.", group: "advanced" }),
  kmeansRestarts: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .meta({ label: "k-means restarts", help: "k-means++ restarts; the lowest within-cluster sum of squares wins.", group: "advanced" }),
  clusteringStarts: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .meta({ label: "Clustering starts", help: "Independent k-means starts turned into biclusters; the one with the most evidence is kept, their agreement reported.", group: "advanced" }),
};

export const extractionParams = {
  contiguous: z
    .union([z.boolean(), z.literal("auto")])
    .default("auto")
    .meta({ label: "Contiguous time window", help: "Conditions as one window of time points (true), any subset (false), or auto: the better of both when conditions have times.", group: "advanced" }),
  conditionCriterion: z
    .enum(["likelihood", "signal", "msr"])
    .default("likelihood")
    .meta({ label: "Condition criterion", help: "likelihood: coherence against background, genes pruned and added; signal / msr: the earlier one-pass rules.", group: "advanced" }),
  minConditions: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(2)
    .meta({ label: "Fewest conditions", help: "Smallest number of conditions a bicluster may have (capped at the number of conditions).", group: "advanced" }),
  maxConditions: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .meta({ label: "Most conditions", help: "Largest number of conditions a bicluster may have (empty: all).", group: "advanced" }),
  overlap: z
    .boolean()
    .default(true)
    .meta({ label: "Overlapping biclusters", help: "A gene that fits another bicluster's conditions joins it too (a gene may be in several).", group: "advanced" }),
  geneMembership: z
    .enum(["model", "cluster"])
    .default("model")
    .meta({
      label: "Gene membership",
      help: "model: genes join or leave a bicluster by how well they fit its pattern (overlaps possible); cluster: it keeps its cluster's genes (for lagged or phase-shifted genes).",
      group: "advanced",
    }),
  maxLag: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(0)
    .meta({
      label: "Largest gene lag",
      help: "Time courses: a gene may follow its bicluster's pattern up to this many time points early or late (time-lagged co-regulation); each gene's lag is reported. 0: no lags.",
      group: "advanced",
    }),
  permutations: z
    .number()
    .int()
    .min(0)
    .max(2000)
    .default(199)
    .meta({ label: "Null values for p-values", help: "Most null biclusters (gene-shuffled data, clustered and searched the same way; stops early once decided); 0: no p-values.", group: "main" }),
};

/** kMax >= kMin. */
export function validateKRange(p: { kMin: number; kMax: number }): void {
  if (p.kMax < p.kMin) throw new InputError(`kMax (${p.kMax}) must be >= kMin (${p.kMin})`, { field: "kMax" });
}

export type PreprocessParams = z.output<z.ZodObject<typeof preprocessParams>>;
export type KParams = z.output<z.ZodObject<typeof kParams>>;
export type ExtractionParams = z.output<z.ZodObject<typeof extractionParams>>;
