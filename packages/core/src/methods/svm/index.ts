// Baseline of the paper's comparison: k-means on the normalised profiles refined by exactly the
// SVM loop of LSTM-SVM (RBF SVM cross-prediction, outer re-clustering), without the LSTM. It runs
// the LSTM-SVM pipeline with the LSTM switched off, so between the two only the LSTM differs.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { pipelineCost } from "../lstm-svm/index.ts";
import { lstmSvmParamsSchema, outerParams, svmParams } from "../lstm-svm/params.ts";
import { pipelinePlan, runPipeline } from "../lstm-svm/pipeline.ts";
import { extractionParams, kParams, preprocessParams, validateKRange } from "../shared/gene-cluster-params.ts";

const params = z.object({ ...kParams, ...preprocessParams, ...svmParams, ...outerParams, ...extractionParams });

/** The full pipeline parameters: this baseline's own, the pipeline's defaults, profile features only. */
const pipelineParams = (p: z.output<typeof params>) => lstmSvmParamsSchema.parse({ ...p, features: "profile" });

const SWITCHES = { lstm: false, svm: true } as const;

export const svmBaseline = defineMethod({
  id: "svm",
  kind: "BICLUSTER",
  label: "SVM baseline (k-means + SVM)",
  description: "k-means on the normalised profiles refined by the same RBF-SVM loop as LSTM-SVM, with the same background rule and bicluster extraction (no LSTM).",
  reference: "Cortes & Vapnik 1995 (SVM); the SVM-only baseline of the LSTM-SVM paper's comparison; MacQueen 1967 (k-means).",
  params,
  stages: [
    { id: "preprocess", label: "Preprocessing" },
    { id: "kmeans", label: "Clustering (k-means)" },
    { id: "svm-refine", label: "Refining clusters (SVM)" },
    { id: "bicluster", label: "Selecting conditions" },
    { id: "score", label: "Scoring biclusters" },
  ],
  plan: (p) => pipelinePlan(pipelineParams(p), SWITCHES),
  validate: validateKRange,
  estimate: (shape, p) => pipelineCost(shape, pipelineParams(p), false, true),
  checkParams: { k: 2, permutations: 19, maxOuterIterations: 1, svmMaxIterations: 3 },
  run: ({ matrix }, p, ctx) => runPipeline(matrix, pipelineParams(p), ctx, SWITCHES),
});
