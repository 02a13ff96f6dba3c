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
  distance?: Distance;
}

export const DEFAULT_MAX_EXACT = 400;

type Distance = (a: ArrayLike<number>, b: ArrayLike<number>) => number;

/**
 * Correlation distance with each complete item centred and scaled to unit length once, so a pair
 * of complete items costs one dot product (1 - r = 1 - <a, b>); items with missing values use
 * correlationDistance's pairwise-complete definition. Same values as correlationDistance up to
 * rounding (1e-15), which can only reorder exact near-ties. Exported for its test.
 */
export function fastCorrelation(items: readonly ArrayLike<number>[]): (i: number, j: number) => number {
  const unit: (Float64Array | null | undefined)[] = items.map((x) => {
    let sum = 0;
    for (let k = 0; k < x.length; k++) {
      const v = x[k]!;
      if (!Number.isFinite(v)) return undefined;
      sum += v;
    }
    const mean = sum / x.length;
    const out = new Float64Array(x.length);
    let ss = 0;
    for (let k = 0; k < x.length; k++) {
      out[k] = x[k]! - mean;
      ss += out[k]! * out[k]!;
    }
    if (!(ss > 0) || x.length < 2) return null;
    const inv = 1 / Math.sqrt(ss);
    for (let k = 0; k < out.length; k++) out[k]! *= inv;
    return out;
  });
  return (i, j) => {
    const a = unit[i];
    const b = unit[j];
    if (a === undefined || b === undefined) return correlationDistance(items[i]!, items[j]!);
    if (a === null || b === null || a.length !== b.length) return 1;
    let dot = 0;
    for (let k = 0; k < a.length; k++) dot += a[k]! * b[k]!;
    const d = 1 - dot;
    return d < 0 ? 0 : d > 2 ? 2 : d;
  };
}

/** Leaf order of the UPGMA dendrogram of items 0..n-1 (all of them clustered exactly). */
function upgmaOrder(n: number, distance: (i: number, j: number) => number): number[] {
  if (n <= 2) return Array.from({ length: n }, (_, i) => i);
  const d: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = distance(i, j);
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
  const custom: Distance | undefined = options.distance;
  const distance = custom ? (i: number, j: number) => custom(items[i]!, items[j]!) : fastCorrelation(items);
  const n = items.length;
  if (n <= maxExact) return upgmaOrder(n, distance);

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
      const v = distance(i, reps[k]!);
      if (v < bestD) {
        bestD = v;
        best = k;
      }
    }
    attached[best]!.push({ item: i, d: bestD });
  }
  const order: number[] = [];
  for (const k of upgmaOrder(reps.length, (a, b) => distance(reps[a]!, reps[b]!))) {
    order.push(reps[k]!);
    const group = attached[k]!.sort((a, b) => a.d - b.d || a.item - b.item);
    for (const g of group) order.push(g.item);
  }
  return order;
}
