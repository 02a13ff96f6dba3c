// Comparison of two runs of the caller's teams: biclusters matched one-to-one by gene-set Jaccard
// (the optimal assignment: core's Hungarian matching maximising the total Jaccard), the consensus of the two sets (genes shared by matched pairs with Jaccard >=
// threshold), recovery/relevance scores (mean best-match Jaccard each way, as in Prelic et al.) and
// the two runs' metrics side by side.
import { maxWeightMatching } from "@exprlab/core";
import type { PrismaClient, Run } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { badInput, limitExceeded } from "../errors.ts";
import { getRunOrThrow } from "./get-run-or-throw.ts";

export interface MatchedPair {
  aId: string;
  aIndex: number;
  bId: string;
  bIndex: number;
  jaccard: number;
  sharedGenes: number;
}

export interface ConsensusBicluster {
  aId: string;
  bId: string;
  jaccard: number;
  genes: string[];
}

export interface RunComparison {
  a: Run;
  b: Run;
  sameDataset: boolean;
  pairs: MatchedPair[];
  consensus: ConsensusBicluster[];
  /** Mean over A's biclusters of the best Jaccard with any of B's (how well B recovers A). */
  recoveryAinB: number;
  /** Mean over B's biclusters of the best Jaccard with any of A's. */
  recoveryBinA: number;
  unmatchedA: number;
  unmatchedB: number;
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const g of small) if (large.has(g)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Set_ {
  id: string;
  index: number;
  genes: Set<string>;
}

export function matchBiclusters(a: Set_[], b: Set_[], threshold: number) {
  const bestA = new Array<number>(a.length).fill(0);
  const bestB = new Array<number>(b.length).fill(0);
  const jac = a.map((x, i) =>
    b.map((y, j) => {
      const v = jaccard(x.genes, y.genes);
      if (v > (bestA[i] as number)) bestA[i] = v;
      if (v > (bestB[j] as number)) bestB[j] = v;
      return v;
    }),
  );
  const pairs = maxWeightMatching(jac)
    .map(([i, j]) => {
      const v = jac[i]![j]!;
      const x = a[i] as Set_;
      const y = b[j] as Set_;
      return { i, j, jac: v, shared: Math.round((v * (x.genes.size + y.genes.size)) / (1 + v)) };
    })
    .filter((p) => p.jac > 0)
    .sort((p, q) => q.jac - p.jac || p.i - q.i);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0);
  const strong = pairs.filter((p) => p.jac >= threshold);
  return {
    pairs,
    consensus: strong.map((p) => ({ p, genes: [...(a[p.i] as Set_).genes].filter((g) => (b[p.j] as Set_).genes.has(g)).sort() })),
    recoveryAinB: mean(bestA),
    recoveryBinA: mean(bestB),
    unmatchedA: a.length - strong.length,
    unmatchedB: b.length - strong.length,
  };
}

/**
 * Bicluster pairs compared at most (A's x B's): the Jaccard matrix and the O(n^3) Hungarian matching
 * run on the API's event loop; 300 x 300 takes ~50 ms.
 */
export const MAX_COMPARE_PAIRS = 90_000;

async function loadSets(prisma: PrismaClient, run: Run): Promise<Set_[]> {
  const rows = await prisma.bicluster.findMany({
    where: { runId: run.id, teamId: run.teamId },
    orderBy: { index: "asc" },
    select: { id: true, index: true, genes: { select: { gene: true } } },
  });
  return rows.map((r) => ({ id: r.id, index: r.index, genes: new Set(r.genes.map((g) => g.gene)) }));
}

export async function compareRuns(
  prisma: PrismaClient,
  caller: Caller,
  args: { a: string; b: string; threshold?: number | null },
): Promise<RunComparison> {
  const threshold = args.threshold ?? 0.5;
  if (!(threshold > 0 && threshold <= 1)) throw badInput("threshold", "must be in (0, 1]");
  const [a, b] = await Promise.all([getRunOrThrow(prisma, caller, args.a), getRunOrThrow(prisma, caller, args.b)]);
  const [countA, countB] = await Promise.all([
    prisma.bicluster.count({ where: { runId: a.id, teamId: a.teamId } }),
    prisma.bicluster.count({ where: { runId: b.id, teamId: b.teamId } }),
  ]);
  if (countA * countB > MAX_COMPARE_PAIRS) {
    throw limitExceeded("comparePairs", `These runs have ${countA} and ${countB} biclusters: at most ${MAX_COMPARE_PAIRS} pairs can be compared.`, {
      max: MAX_COMPARE_PAIRS,
    });
  }
  const [setsA, setsB] = await Promise.all([loadSets(prisma, a), loadSets(prisma, b)]);
  const m = matchBiclusters(setsA, setsB, threshold);
  return {
    a,
    b,
    sameDataset: a.datasetId === b.datasetId,
    pairs: m.pairs.map((p) => {
      const x = setsA[p.i] as Set_;
      const y = setsB[p.j] as Set_;
      return { aId: x.id, aIndex: x.index, bId: y.id, bIndex: y.index, jaccard: p.jac, sharedGenes: p.shared };
    }),
    consensus: m.consensus.map(({ p, genes }) => ({ aId: (setsA[p.i] as Set_).id, bId: (setsB[p.j] as Set_).id, jaccard: p.jac, genes })),
    recoveryAinB: m.recoveryAinB,
    recoveryBinA: m.recoveryBinA,
    unmatchedA: m.unmatchedA,
    unmatchedB: m.unmatchedB,
  };
}
