// Public exports of src/regress: DE tables, leakage rules, the six regressors and their comparison.
export { parseTable, readTable, tableFromDe } from "./table.ts";
export type { NumericTable } from "./table.ts";
export { canonicalColumn, chooseFeatures } from "./leakage.ts";
export type { FeatureChoice } from "./leakage.ts";
export { permutationImportance, regressionScores } from "./metrics.ts";
export type { FeatureImportance, RegressionScores } from "./metrics.ts";
export { BoostingRegressor, createRegressor, REGRESSOR_DEFAULTS, REGRESSOR_LABELS, REGRESSOR_NAMES } from "./regressors.ts";
export type { Regressor, RegressorName, RegressorOptions } from "./regressors.ts";
export { compareRegressors } from "./compare.ts";
export type { CompareOptions, CompareResult, ModelResult } from "./compare.ts";
