// Public exports of src/bicluster.
export { extractBiclusters } from "./extract.ts";
export type { BiclusterInput, BiclusterOptions } from "./extract.ts";
export { selectConditions, defaultMinConditions, expectedRandomMsr } from "./select.ts";
export type { ConditionSelection, ConditionSelectionOptions } from "./select.ts";
export { msrPValue } from "./pvalue.ts";
export type { MsrPValueOptions } from "./pvalue.ts";
