// Comparing a found set of biclusters with the true (planted) set.
import { maxWeightMatching } from "./hungarian.ts";

export interface BiclusterLike {
  genes: ArrayLike<number>;
  conditions: ArrayLike<number>;
}

/** What two biclusters are compared on: gene sets (Prelic's gene match score) or cell sets. */
export type MatchOn = "genes" | "cells";

interface Sets {
  genes: Int32Array;
  conditions: Int32Array;
}

function sortedUnique(xs: ArrayLike<number>): Int32Array {
  const a = Int32Array.from(xs).sort();
  let w = 0;
  for (let r = 0; r < a.length; r++) if (r === 0 || a[r] !== a[w - 1]) a[w++] = a[r]!;
  return a.subarray(0, w);
}

function intersectSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

function prepare(bs: readonly BiclusterLike[]): Sets[] {
  return bs.map((b) => ({ genes: sortedUnique(b.genes), conditions: sortedUnique(b.conditions) }));
}

/** Jaccard index |A ∩ B| / |A ∪ B| of gene sets or of cell sets (genes x conditions); 0 if both empty. */
function jaccard(a: Sets, b: Sets, on: MatchOn): number {
  const g = intersectSize(a.genes, b.genes);
  if (on === "genes") {
    const union = a.genes.length + b.genes.length - g;
    return union > 0 ? g / union : 0;
  }
  const inter = g * intersectSize(a.conditions, b.conditions);
  const union = a.genes.length * a.conditions.length + b.genes.length * b.conditions.length - inter;
  return union > 0 ? inter / union : 0;
}

function similarity(found: readonly BiclusterLike[], truth: readonly BiclusterLike[], on: MatchOn): number[][] {
  const f = prepare(found);
  const t = prepare(truth);
  return f.map((a) => t.map((b) => jaccard(a, b, on)));
}

function averageBest(sim: number[][]): number {
  if (sim.length === 0) return 0;
  let s = 0;
  for (const row of sim) s += row.length > 0 ? Math.max(...row) : 0;
  return s / sim.length;
}

/**
 * Relevance (Prelic et al. 2006): mean over FOUND biclusters of the best Jaccard index with any
 * true bicluster ("are the found biclusters real?"). `on: "genes"` (default) is Prelic's gene
 * match score; `on: "cells"` compares genes x conditions cell sets. 0 when `found` is empty.
 */
export function prelicRelevance(
  found: readonly BiclusterLike[],
  truth: readonly BiclusterLike[],
  on: MatchOn = "genes",
): number {
  return averageBest(similarity(found, truth, on));
}

/** Recovery (Prelic et al. 2006): mean over TRUE biclusters of the best Jaccard with a found one. */
export function prelicRecovery(
  found: readonly BiclusterLike[],
  truth: readonly BiclusterLike[],
  on: MatchOn = "genes",
): number {
  return averageBest(similarity(truth, found, on));
}

/**
 * Consensus score (Hochreiter et al. 2010, as sklearn.metrics.consensus_score): Jaccard index of
 * the cell sets of every found/true pair, one-to-one Hungarian matching maximising the total,
 * total divided by max(|found|, |truth|). 1 for identical sets; 0 for disjoint ones or when one
 * side is empty; 1 when both are empty.
 */
export function consensusScore(found: readonly BiclusterLike[], truth: readonly BiclusterLike[]): number {
  if (found.length === 0 && truth.length === 0) return 1;
  if (found.length === 0 || truth.length === 0) return 0;
  const sim = similarity(found, truth, "cells");
  let total = 0;
  for (const [r, c] of maxWeightMatching(sim)) total += sim[r]![c]!;
  return total / Math.max(found.length, truth.length);
}
