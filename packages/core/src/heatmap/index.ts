// Public exports of src/heatmap: correlation distance, UPGMA order (row statistics: src/stats).
export type { ClusterOrderOptions } from "./order.ts";
export { correlationDistance } from "./distance.ts";
export { clusterOrder, DEFAULT_MAX_EXACT } from "./order.ts";
export { TopK } from "./top-k.ts";
