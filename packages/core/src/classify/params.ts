// Parameters every classifier of the CLASSIFY kind shares (features, preprocessing, evaluation,
// robustness test), with their form metadata, and how they become EvaluationOptions.
import { z } from "zod";
import type { InputShape } from "../analysis/kinds/index.ts";
import type { EvaluationOptions } from "./evaluate.ts";

export interface CommonDefaults {
  featureSet: "all" | "top-variance" | "correlation";
  featureCount: number;
  noiseTest: boolean;
}

/** The shared parameters with a method's own defaults for the feature set and the noise test. */
export const classifyParams = (d: CommonDefaults = { featureSet: "all", featureCount: 500, noiseTest: false }) => ({
  featureSet: z
    .enum(["all", "top-variance", "correlation"])
    .default(d.featureSet)
    .meta({ label: "Feature genes", help: "All genes, the N most variable, or the N most correlated with the class (chosen on training samples only); a panel overrides it", group: "main" }),
  featureCount: z
    .number()
    .int()
    .min(1)
    .max(50000)
    .default(d.featureCount)
    .meta({ label: "Number of feature genes", help: "N for top-variance and correlation feature sets", group: "main", unit: "genes" }),
  counts: z
    .boolean()
    .default(false)
    .meta({ label: "RNA-seq counts", help: "Negative values to 0, counts per million, log2(x + 1); genes with no count in the training samples dropped", group: "main" }),
  scale: z.boolean().default(true).meta({ label: "Standardise genes", help: "z-score each gene with the mean and sd of the training samples", group: "advanced" }),
  evaluation: z
    .enum(["holdout", "cv"])
    .default("holdout")
    .meta({ label: "Evaluation", help: "A stratified hold-out test part, or stratified k-fold cross-validation (every sample tested once)", group: "main" }),
  testFraction: z
    .number()
    .min(0.1)
    .max(0.5)
    .default(0.3)
    .meta({ label: "Test fraction", help: "Share of the labelled samples held out for testing (hold-out evaluation)", group: "advanced" }),
  folds: z.number().int().min(2).max(20).default(5).meta({ label: "Folds", help: "Folds of the cross-validation (cv evaluation)", group: "advanced" }),
  noiseTest: z
    .boolean()
    .default(d.noiseTest)
    .meta({ label: "Noise robustness test", help: "Also score the test samples with Gaussian noise of 5, 10, 15 and 20% of each gene's sd added", group: "advanced" }),
  noiseRepeats: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(5)
    .meta({ label: "Noise draws", help: "Draws per noise level; the mean and variance of the scores over draws are reported", group: "advanced" }),
});

export const classifyCommonParams = classifyParams();

export interface ClassifyCommon {
  featureSet: "all" | "top-variance" | "correlation";
  featureCount: number;
  counts: boolean;
  scale: boolean;
  evaluation: "holdout" | "cv";
  testFraction: number;
  folds: number;
  noiseTest: boolean;
  noiseRepeats: number;
}

export function evaluationOptions(p: ClassifyCommon): EvaluationOptions {
  return {
    scheme: p.evaluation,
    testFraction: p.testFraction,
    folds: p.folds,
    features: p.featureSet === "all" ? { mode: "all" } : { mode: p.featureSet, n: p.featureCount },
    counts: p.counts,
    scale: p.scale,
    noiseRepeats: p.noiseTest ? p.noiseRepeats : 0,
  };
}

/** Splits and the samples / features each model trains on, for cost estimates (shape: rows = genes, columns = samples). */
export function classifyWorkload(shape: InputShape, p: ClassifyCommon) {
  const samples = shape.columns;
  const features = p.featureSet === "all" ? shape.rows : Math.min(shape.rows, p.featureCount);
  const splits = p.evaluation === "holdout" ? 1 : p.folds;
  const trainSamples = p.evaluation === "holdout" ? samples * (1 - p.testFraction) : (samples * (p.folds - 1)) / p.folds;
  const memoryMb = 80 + (shape.rows * samples * 8 * 3) / 1e6;
  return { samples, features, splits, trainSamples, memoryMb };
}
