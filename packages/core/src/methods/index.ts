// The built-in methods. To add one: a folder under src/methods/ with its declaration
// (defineMethod) and one line here.
import { createRegistry, type Registry } from "../analysis/registry.ts";
import type { AnyMethod } from "../analysis/define.ts";
import { benchmarkMethod } from "../benchmark/method.ts";
import { chengChurchMethod } from "./cheng-church/index.ts";
import { hmmBaseline } from "./hmm/index.ts";
import { kmeans } from "./kmeans/index.ts";
import { lstmSvm } from "./lstm-svm/index.ts";
import { svmClassifier } from "./svm-classifier/index.ts";
import { cnn1d } from "./cnn1d/index.ts";
import { cnnBilstm } from "./cnn-bilstm/index.ts";
import { deRegression } from "./de-regression/index.ts";
import { plaidMethod } from "./plaid/index.ts";
import { rnnBaseline } from "./rnn/index.ts";
import { spectralMethod } from "./spectral/index.ts";
import { svmBaseline } from "./svm/index.ts";

/** The biclustering methods: LSTM-SVM, the paper's baselines, and the classic biclustering algorithms. */
const BICLUSTER_METHODS = [lstmSvm, kmeans, svmBaseline, rnnBaseline, hmmBaseline, chengChurchMethod, plaidMethod, spectralMethod] as const;

export const BUILTIN_METHODS: readonly AnyMethod[] = [
  ...BICLUSTER_METHODS,
  benchmarkMethod(() => METHODS, BICLUSTER_METHODS.map((m) => m.id) as [string, ...string[]]),
  svmClassifier,
  cnn1d,
  cnnBilstm,
  deRegression,
];

/** The registry of built-in methods (the API, the worker and the CLI use this one). */
export const METHODS: Registry = createRegistry(BUILTIN_METHODS);

/** The method a run uses when it names none. */
export const DEFAULT_METHOD = "lstm-svm";

export { lstmSvmParamsSchema } from "./lstm-svm/params.ts";
export type { LstmSvmParams, LstmSvmParamsInput } from "./lstm-svm/params.ts";
export { INPUT_MAPPING, runPipeline, PIPELINE_STAGES } from "./lstm-svm/pipeline.ts";
export type { PipelineSwitches } from "./lstm-svm/pipeline.ts";
export { buildFeatures } from "./lstm-svm/features.ts";
export * from "./shared/gene-cluster-params.ts";
export * from "./shared/gene-cluster-steps.ts";
