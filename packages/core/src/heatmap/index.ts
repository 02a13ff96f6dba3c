// Public exports of src/heatmap: one z-score / sd definition, correlation distance, UPGMA order.
export type { Moments } from "./moments.ts";
export type { ClusterOrderOptions } from "./order.ts";
export { moments, populationVariance, populationSd, zscoreRow } from "./moments.ts";
export { correlationDistance } from "./distance.ts";
export { clusterOrder, DEFAULT_MAX_EXACT } from "./order.ts";
export { TopK } from "./top-k.ts";
