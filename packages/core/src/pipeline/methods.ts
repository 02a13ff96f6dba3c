// Registry of biclustering methods: what the API, worker, CLI and web form list and run.
// Add a method (HMM, RNN, plain SVM baselines...) by adding an entry whose `run` returns a
// BiclusterResult; `params` drives the web form (one-line descriptions, defaults, bounds).
import type { ExpressionMatrix } from "../types.ts";
import { PARAM_DOCS, type LstmSvmParamsInput, type ParamDoc } from "./params.ts";
import type { BiclusterResult } from "./result.ts";
import { runKmeansBaseline, runLstmSvm, type RunOptions } from "./run.ts";

export interface MethodEntry {
  label: string;
  description: string;
  params: ParamDoc[];
  run(matrix: ExpressionMatrix, params: Record<string, unknown> | undefined, options?: RunOptions): Promise<BiclusterResult>;
}

const pick = (names: string[]) => PARAM_DOCS.filter((d) => names.includes(d.name));

export const METHODS = {
  "lstm-svm": {
    label: "LSTM-SVM hybrid",
    description:
      "LSTM forecaster embeds each gene's time course; k-means on embedding + profile, refined by an RBF SVM, " +
      "with the LSTM re-applied on the refined clusters; conditions where the cluster departs from flat, scored by mean squared residue.",
    params: PARAM_DOCS,
    run: (matrix: ExpressionMatrix, params?: Record<string, unknown>, options: RunOptions = {}) => runLstmSvm(matrix, params as LstmSvmParamsInput, options),
  },
  kmeans: {
    label: "k-means baseline",
    description: "k-means on the normalised profiles with the same background rule and bicluster extraction (no LSTM, no SVM).",
    params: pick(["seed", "k", "kMin", "kMax", "transform", "impute", "topVariance", "background", "kmeansRestarts", "contiguous", "conditionCriterion", "permutations"]),
    run: (matrix: ExpressionMatrix, params?: Record<string, unknown>, options: RunOptions = {}) => runKmeansBaseline(matrix, params as LstmSvmParamsInput, options),
  },
} satisfies Record<string, MethodEntry>;

export type MethodName = keyof typeof METHODS;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}
