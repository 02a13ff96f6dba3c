// Public exports of src/stats: the one definition of a row's mean, sd and z-score in core.
export type { Moments } from "./moments.ts";
export { moments, populationVariance, populationSd, zscoreRow } from "./moments.ts";
