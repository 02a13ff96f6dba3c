// The heatmap query's ordering helpers, from core's src/heatmap so that the API, the worker and
// the web app share one z-score (population sd over the finite values, as preprocess uses) and one
// clustered order (average-linkage UPGMA on 1 - Pearson, bounded for large inputs).
import {
  clusterOrder as coreClusterOrder,
  correlationDistance as coreCorrelationDistance,
  populationVariance,
  TopK as CoreTopK,
  zscoreRow,
} from "@exprlab/core";

/** Population variance of the finite values of `row` (0 when fewer than two). */
export function variance(row: ArrayLike<number>): number {
  return populationVariance(row);
}

/** The row z-scored over its finite values with the population sd (missing stay NaN; a constant row becomes 0s). */
export function zscore(row: ArrayLike<number>): Float64Array {
  return zscoreRow(row);
}

/** 1 - Pearson correlation over pairwise-finite positions (1 when undefined). In [0, 2]. */
export function correlationDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return coreCorrelationDistance(a, b);
}

/**
 * Leaf order of an average-linkage (UPGMA) dendrogram of `items` under correlation distance.
 * Deterministic; beyond core's DEFAULT_MAX_EXACT items, representatives are clustered and the
 * rest placed next to their nearest representative (see core's clusterOrder).
 */
export function clusterOrder(items: ArrayLike<number>[]): number[] {
  return coreClusterOrder(items);
}

/** Keeps the `k` entries with the largest score (stable for ties: earlier index wins). */
export class TopK<T> extends CoreTopK<T> {}
