// Public exports of src/cluster: k-means (+ automatic K by the gap-statistic elbow) and SVM refinement.
export { KMeans, KMEANS_DEFAULTS, clusterMeans, toRows } from "./kmeans.ts";
export type { KMeansOptions, KMeansFit, KMeansJson } from "./kmeans.ts";
export { chooseK } from "./auto-k.ts";
export type { ChooseKOptions, ChooseKResult, KScore } from "./auto-k.ts";
export { SvmRefiner, SVM_DEFAULTS, loadSvm } from "./svm.ts";
export type { SvmRefinerOptions, SvmRefineReport, SvmRefineResult, RefineControl } from "./svm.ts";
