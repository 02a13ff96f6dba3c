// Diagnosis baseline: a support vector classifier (RBF or linear) on the chosen feature genes.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { evaluateClassifier } from "../../classify/evaluate.ts";
import { classifyCommonParams, classifyWorkload, evaluationOptions } from "../../classify/params.ts";
import { classifyPayload } from "../../classify/payload.ts";
import { SvmClassifier } from "../../classify/svm-classifier.ts";

const params = z.object({
  kernel: z.enum(["rbf", "linear"]).default("rbf").meta({ label: "Kernel", help: "RBF (Gaussian) or linear kernel", group: "main" }),
  cost: z.number().min(1e-4).max(1e4).default(1).meta({ label: "C", help: "Penalty of the C-SVC: larger fits the training samples more closely", group: "main" }),
  gamma: z
    .union([z.number().min(1e-8).max(1e4), z.literal("scale")])
    .default("scale")
    .meta({ label: "RBF gamma", help: '"scale" = 1 / (features x variance of the training values), as scikit-learn', group: "advanced" }),
  ...classifyCommonParams,
});

const STAGES = [
  { id: "prepare", label: "Preparing samples and labels" },
  { id: "train", label: "Training the SVM" },
  { id: "evaluate", label: "Scoring the test samples" },
  { id: "robustness", label: "Noise robustness test" },
] as const;

export const svmClassifier = defineMethod({
  id: "svm-classifier",
  kind: "CLASSIFY",
  label: "SVM classifier",
  description: "Support vector classifier (libsvm C-SVC, RBF or linear kernel, Platt probabilities) on the chosen feature genes: the diagnosis baseline.",
  reference: "Cortes & Vapnik 1995 (support vector networks); Chang & Lin 2011 (LIBSVM); Platt 1999 (probability outputs).",
  params,
  stages: STAGES,
  plan: (p) => [
    { stage: "prepare", weight: 1 },
    { stage: "train", weight: 8 },
    { stage: "evaluate", weight: 1 },
    ...(p.noiseTest ? [{ stage: "robustness", weight: 1 }] : []),
  ],
  estimate: (shape, p) => {
    const w = classifyWorkload(shape, p);
    // libsvm with probability estimates: ~5 internal trainings of O(n^2 d) kernel evaluations.
    const seconds = 0.5 + w.splits * (6 * w.trainSamples * w.trainSamples * w.features) / 2e8;
    return { seconds, memoryMb: w.memoryMb };
  },
  checkParams: { noiseTest: true, noiseRepeats: 2 },
  async run({ matrix, labels, panel }, p, ctx) {
    const result = await evaluateClassifier(matrix, labels, panel, evaluationOptions(p), {
      stages: { prepare: "prepare", train: "train", evaluate: "evaluate", robustness: "robustness" },
      async train(set, _split, c, onProgress) {
        const model = new SvmClassifier({ kernel: p.kernel, cost: p.cost, gamma: p.gamma });
        const report = await model.fit(set, { signal: c.signal, onProgress });
        return { model, report };
      },
    }, ctx);
    return classifyPayload(matrix, p, panel, result);
  },
});
