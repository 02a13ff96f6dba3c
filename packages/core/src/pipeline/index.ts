// Public exports of src/pipeline: the LSTM-SVM run, its parameters, the result schema, methods.
export { runLstmSvm, runKmeansBaseline, INPUT_MAPPING } from "./run.ts";
export type { RunOptions } from "./run.ts";
export { paramsSchema, parseParams, PARAM_DOCS, kSchema } from "./params.ts";
export type { LstmSvmParams, LstmSvmParamsInput, ParamDoc } from "./params.ts";
export { biclusterResultSchema, biclusterSchema, lstmFitReportSchema, svmReportSchema } from "./result.ts";
export type { BiclusterResult } from "./result.ts";
export { METHODS, isMethodName } from "./methods.ts";
export type { MethodEntry, MethodName } from "./methods.ts";
export { buildFeatures } from "./features.ts";
export type { Features, FeatureMode } from "./features.ts";
