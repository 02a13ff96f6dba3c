// Run kind CLASSIFY: a method learns to predict each sample's class from its expression profile
// and is scored on samples it did not train on. Unlabelled samples (label null) are left out.
import { z } from "zod";
import { createRng } from "../../random.ts";
import type { ExpressionMatrix } from "../../types.ts";

export interface ClassifyRunInput {
  /** Genes x samples. */
  matrix: ExpressionMatrix;
  /** Per sample (matrix column), its class, or null when unlabelled (excluded). */
  labels: (string | null)[];
  /** Gene ids to use as features (e.g. the genes of chosen biclusters); overrides the method's feature set. */
  panel?: string[];
}

const num = z.number();
const summary = z.object({ mean: num, variance: num });

export const classMetricsSchema = z.object({
  accuracy: num,
  macroF1: num,
  /** Harrington's overall desirability of the per-class F1s (src/metrics/desirability.ts). */
  integratedF1: num,
  /** Macro mean of one-vs-rest ROC AUCs (null when no class has both positives and negatives). */
  rocAuc: num.nullable(),
  perClass: z.array(
    z.object({ class: z.string(), precision: num, recall: num, f1: num, desirability: num.nullable(), support: z.number().int() }),
  ),
  confusion: z.object({ classes: z.array(z.string()), matrix: z.array(z.array(z.number().int())) }),
  roc: z.array(z.object({ class: z.string(), auc: num.nullable(), points: z.array(z.object({ fpr: num, tpr: num })) })),
  samples: z.number().int(),
});

export const gridRowSchema = z.object({
  step: z.number().int(),
  group: z.string(),
  value: z.union([z.string(), num]),
  config: z.record(z.string(), z.union([z.string(), num])),
  integratedF1: num,
  accuracy: num,
  valLoss: num.nullable(),
  epochs: z.number().int(),
  chosen: z.boolean(),
});

export const classifyPayloadSchema = z.object({
  input: z.object({
    samples: z.number().int(),
    labelledSamples: z.number().int(),
    unlabelledSamples: z.number().int(),
    genes: z.number().int(),
    classes: z.array(z.string()),
  }),
  classBalance: z.array(z.object({ class: z.string(), count: z.number().int(), fraction: num })),
  features: z.object({
    /** all, top-variance, correlation or panel. */
    mode: z.string(),
    requested: z.number().int().nullable(),
    /** Genes used by the model of the first split (selected on its training samples). */
    genes: z.array(z.string()),
  }),
  evaluation: z.object({
    scheme: z.enum(["holdout", "cv"]),
    testFraction: num.nullable(),
    folds: z.number().int().nullable(),
    splits: z.array(z.object({ train: z.number().int(), test: z.number().int(), features: z.number().int() })),
    /** Accuracy on each split's own test part. */
    splitAccuracy: z.array(num),
  }),
  /** Scores of the pooled test predictions (each sample predicted by a model that never saw it). */
  metrics: classMetricsSchema,
  predictions: z.array(
    z.object({ sample: z.string(), truth: z.string(), predicted: z.string(), probabilities: z.array(num), split: z.number().int() }),
  ),
  /** Scores with Gaussian noise (level x each gene's training sd) added to the test samples; null when not run. */
  robustness: z
    .array(z.object({ level: num, repeats: z.number().int(), accuracy: summary, integratedF1: summary, rocAuc: summary.nullable() }))
    .nullable(),
  /** The 1D-CNN's ordered grid search per split (null for models without one). */
  grid: z
    .array(z.object({ split: z.number().int(), order: z.array(z.string()), best: z.record(z.string(), z.union([z.string(), num])), rows: z.array(gridRowSchema) }))
    .nullable(),
  /** Model facts per split and timings (training seconds), validated by the method. */
  details: z.record(z.string(), z.unknown()),
});

export type ClassifyPayload = z.infer<typeof classifyPayloadSchema>;

/** 36 samples x 24 genes, two classes differing in 4 genes, two samples unlabelled. */
export function exampleClassifyInput(seed: number): ClassifyRunInput {
  const rng = createRng(seed).fork("example-classify");
  const G = 24;
  const S = 36;
  const labels: (string | null)[] = Array.from({ length: S }, (_, j) => (j % 2 === 0 ? "tumour" : "normal"));
  const values = new Float64Array(G * S);
  for (let g = 0; g < G; g++) {
    for (let j = 0; j < S; j++) values[g * S + j] = 6 + rng.normal() + (g < 4 && labels[j] === "tumour" ? 2 : 0);
  }
  labels[5] = null;
  labels[10] = null;
  return {
    matrix: {
      genes: Array.from({ length: G }, (_, g) => `gene${g + 1}`),
      conditions: Array.from({ length: S }, (_, j) => ({ id: `s${j + 1}` })),
      values,
    },
    labels,
  };
}
