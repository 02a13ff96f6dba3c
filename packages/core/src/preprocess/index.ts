// Public exports of src/preprocess: transforms, filters, imputation and z-scoring, each reported.
export type { PreprocessOptions, Transform, Impute } from "./options.ts";
export type { PreprocessReport } from "./preprocess.ts";
export { PREPROCESS_DEFAULTS, CONSTANT_VARIANCE } from "./options.ts";
export { preprocess } from "./preprocess.ts";
