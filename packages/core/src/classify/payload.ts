// From the protocol's result to the CLASSIFY payload (shared by the classifier methods).
import type { ClassifyPayload } from "../analysis/kinds/classify.ts";
import type { ExpressionMatrix } from "../types.ts";
import type { EvaluationResult } from "./evaluate.ts";
import type { ClassifyCommon } from "./params.ts";

export function classifyPayload(
  matrix: ExpressionMatrix,
  p: ClassifyCommon,
  panel: readonly string[] | undefined,
  r: EvaluationResult,
  extra: { grid?: ClassifyPayload["grid"]; details?: Record<string, unknown> } = {},
): ClassifyPayload {
  const usePanel = panel !== undefined && panel.length > 0;
  return {
    input: {
      samples: matrix.conditions.length,
      labelledSamples: r.labelled,
      unlabelledSamples: r.unlabelled,
      genes: matrix.genes.length,
      classes: r.classes,
    },
    classBalance: r.classBalance,
    features: {
      mode: usePanel ? "panel" : p.featureSet,
      requested: usePanel ? panel.length : p.featureSet === "all" ? null : p.featureCount,
      genes: r.genes,
    },
    evaluation: {
      scheme: p.evaluation,
      testFraction: p.evaluation === "holdout" ? p.testFraction : null,
      folds: p.evaluation === "cv" ? p.folds : null,
      splits: r.splits,
      splitAccuracy: r.splitAccuracy,
    },
    metrics: r.metrics,
    predictions: r.predictions,
    robustness: r.robustness,
    grid: extra.grid ?? null,
    details: { trainingSeconds: r.trainingSeconds, splits: r.reports, ...extra.details },
  };
}
