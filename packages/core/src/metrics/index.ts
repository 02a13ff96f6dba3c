// Public exports of src/metrics.
export { silhouette, simplifiedSilhouette } from "./silhouette.ts";
export type { SilhouetteOptions, SilhouetteResult } from "./silhouette.ts";
export { meanSquaredResidue } from "./msr.ts";
export { matchedScores } from "./matched.ts";
export type { MatchedScores, MatchedScoresOptions, ClassScore } from "./matched.ts";
export { prelicRelevance, prelicRecovery, consensusScore } from "./bicluster-compare.ts";
export type { BiclusterLike, MatchOn } from "./bicluster-compare.ts";
export {
  harringtonDesirability,
  fitDesirability,
  integratedF1,
  DEFAULT_DESIRABILITY_ANCHORS,
} from "./desirability.ts";
export type {
  DesirabilityCoefficients,
  DesirabilityAnchor,
  IntegratedF1Options,
} from "./desirability.ts";
export { stageTimer } from "./stage-timer.ts";
export type { StageTimer } from "./stage-timer.ts";
export { maxWeightMatching } from "./hungarian.ts";
export { benjaminiHochberg } from "./multiple-testing.ts";
export { adjustedRandIndex } from "./rand-index.ts";
