// Public exports of src/bicluster.
export { extractBiclusters, extractWithLabels } from "./extract.ts";
export type { BiclusterInput, BiclusterOptions } from "./extract.ts";
export { selectConditions, defaultMinConditions, expectedRandomMsr } from "./select.ts";
export type { ConditionSelection, ConditionSelectionOptions } from "./select.ts";
export { msrPValue } from "./pvalue.ts";
export type { MsrPValueOptions } from "./pvalue.ts";
export { selectByLikelihood, geneEvidence, memberModel, columnBackground, zscoredBackground } from "./likelihood.ts";
export type { LikelihoodSelection, SelectionMode } from "./likelihood.ts";
export { refineCluster, refineClusters, primaryLabels } from "./refine.ts";
export type { RefinedBicluster, RefineOptions } from "./refine.ts";
export { biclusterSignificance, qValues } from "./significance.ts";
export { biclusterFlags, geneLevels } from "./flags.ts";
export type { BiclusterFlag, FlagCode, GeneLevels } from "./flags.ts";
