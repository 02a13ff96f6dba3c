// Public exports of src/de: limma's moderated t-test for two groups.
export { adjustBH, eBayes, EBAYES_DEFAULTS, fitFDist, lmFitTwoGroup, squeezeVar, tmixture } from "./limma.ts";
export type { EBayesOptions, EBayesResult, SqueezeVarResult, TwoGroupFit } from "./limma.ts";
export { moderatedTTest, sortByB, TOP_TABLE_COLUMNS } from "./moderated-t.ts";
export type { DeResult, DeRow, TopTableColumn } from "./moderated-t.ts";
export { digamma, tetragamma, trigamma, trigammaInverse } from "./special.ts";
