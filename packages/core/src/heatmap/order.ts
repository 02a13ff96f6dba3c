// Heatmap ordering: the leaf order of an average-linkage (UPGMA) dendrogram on correlation
// distance, from ml-hclust. Exact agglomerative clustering costs O(n^2) memory and about
// O(n^3) time, so it is bounded: at most `maxExact` items are clustered exactly and every other
// item is placed right after its nearest clustered item.
import { agnes } from "ml-hclust";
import { correlationDistance } from "./distance.ts";

export interface ClusterOrderOptions {
  /**
   * At most this many items are clustered exactly (UPGMA). With more items, `maxExact`
   * representatives are taken evenly spaced by index (deterministic, no randomness), clustered,
   * and each other item is placed after its nearest representative (correlation distance; ties
   * to the earlier representative), nearest first. Cost then is O(maxExact^3 + n * maxExact * m).
   * Default 400.
   */
  maxExact?: number;
  /** Distance between two items. Default: 1 - Pearson correlation over pairwise-finite positions. */
  distance?: (a: ArrayLike<number>, b: ArrayLike<number>) => number;
}

export const DEFAULT_MAX_EXACT = 400;

/** Leaf order of the UPGMA dendrogram of `items` (all of them clustered exactly). */
function upgmaOrder(items: readonly ArrayLike<number>[], distance: (a: ArrayLike<number>, b: ArrayLike<number>) => number): number[] {
  const n = items.length;
  if (n <= 2) return items.map((_, i) => i);
  const d: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = distance(items[i]!, items[j]!);
      d[i]![j] = v;
      d[j]![i] = v;
    }
  }
  return agnes(d, { method: "average", isDistanceMatrix: true }).indices();
}

/**
 * Display order of `items` (rows or columns of a heatmap): the leaf order of an average-linkage
 * dendrogram, so similar profiles sit next to each other. Deterministic for a given input.
 */
export function clusterOrder(items: readonly ArrayLike<number>[], options: ClusterOrderOptions = {}): number[] {
  const maxExact = Math.max(2, Math.floor(options.maxExact ?? DEFAULT_MAX_EXACT));
  const distance = options.distance ?? correlationDistance;
  const n = items.length;
  if (n <= maxExact) return upgmaOrder(items, distance);

  const reps: number[] = [];
  for (let k = 0; k < maxExact; k++) reps.push(Math.floor((k * n) / maxExact));
  const isRep = new Uint8Array(n);
  for (const r of reps) isRep[r] = 1;
  const attached: { item: number; d: number }[][] = reps.map(() => []);
  for (let i = 0; i < n; i++) {
    if (isRep[i]) continue;
    let best = 0;
    let bestD = Infinity;
    for (let k = 0; k < reps.length; k++) {
      const v = distance(items[i]!, items[reps[k]!]!);
      if (v < bestD) {
        bestD = v;
        best = k;
      }
    }
    attached[best]!.push({ item: i, d: bestD });
  }
  const order: number[] = [];
  for (const k of upgmaOrder(reps.map((r) => items[r]!), distance)) {
    order.push(reps[k]!);
    const group = attached[k]!.sort((a, b) => a.d - b.d || a.item - b.item);
    for (const g of group) order.push(g.item);
  }
  return order;
}
