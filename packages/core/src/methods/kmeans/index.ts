// Baseline: k-means on the normalised profiles, with the same background rule and bicluster
// extraction as LSTM-SVM (no LSTM, no SVM).
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { pipelineCost } from "../lstm-svm/index.ts";
import { lstmSvmParamsSchema } from "../lstm-svm/params.ts";
import { runPipeline } from "../lstm-svm/pipeline.ts";
import { extractionParams, kParams, preprocessParams, validateKRange } from "../shared/gene-cluster-params.ts";

const params = z.object({ ...kParams, ...preprocessParams, ...extractionParams });

/** The full pipeline parameters for this baseline: its own plus the pipeline's defaults, profile features. */
const pipelineParams = (p: z.output<typeof params>) => lstmSvmParamsSchema.parse({ ...p, features: "profile" });

export const kmeans = defineMethod({
  id: "kmeans",
  kind: "BICLUSTER",
  label: "k-means baseline",
  description: "k-means on the normalised profiles with the same background rule and bicluster extraction as LSTM-SVM (no LSTM, no SVM).",
  reference: "MacQueen 1967 (k-means); Arthur & Vassilvitskii 2007 (k-means++).",
  params,
  stages: [
    { id: "preprocess", label: "Preprocessing" },
    { id: "kmeans", label: "Clustering (k-means)" },
    { id: "bicluster", label: "Selecting conditions" },
    { id: "score", label: "Scoring biclusters" },
  ],
  plan: () => [
    { stage: "preprocess", weight: 2 },
    { stage: "kmeans", weight: 6 },
    { stage: "bicluster", weight: 8 },
    { stage: "score", weight: 1 },
  ],
  validate: validateKRange,
  estimate: (shape, p) => pipelineCost(shape, pipelineParams(p), false, false),
  checkParams: { k: 2, permutations: 19 },
  run: ({ matrix }, p, ctx) => runPipeline(matrix, pipelineParams(p), ctx, { lstm: false, svm: false }),
});
