// The scores of one member run (one method, one seed) against the truth, with core's metrics:
// Hungarian-matched gene scores (unassigned genes count as background), consensus score of the
// cells, Prelic relevance and recovery of the gene sets, silhouettes, MSR, count and time.
import type { BenchmarkTruth, MemberScores } from "../analysis/kinds/benchmark.ts";
import type { BiclusterResult } from "../analysis/envelope.ts";
import { InputError } from "../errors.ts";
import { consensusScore, matchedScores, prelicRecovery, prelicRelevance, silhouette } from "../metrics/index.ts";
import { createRng } from "../random.ts";
import type { ExpressionMatrix } from "../types.ts";
import { truthGeneSets } from "./truth.ts";

/** Genes x conditions of the input, each gene z-scored over its observed values (missing -> 0). */
export interface Profiles {
  values: Float64Array;
  dim: number;
}

/** The common space of `profileSilhouette`: every input gene z-scored (constant genes all 0). */
export function zscoredProfiles(matrix: ExpressionMatrix): Profiles {
  const m = matrix.conditions.length;
  const n = matrix.genes.length;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let c = 0;
    for (let j = 0; j < m; j++) {
      const v = matrix.values[i * m + j]!;
      if (v === v) {
        s += v;
        c++;
      }
    }
    const mean = c > 0 ? s / c : 0;
    let ss = 0;
    for (let j = 0; j < m; j++) {
      const v = matrix.values[i * m + j]!;
      if (v === v) ss += (v - mean) ** 2;
    }
    const sd = c > 0 ? Math.sqrt(ss / c) : 0;
    for (let j = 0; j < m; j++) {
      const v = matrix.values[i * m + j]!;
      out[i * m + j] = v === v && sd > 1e-12 ? (v - mean) / sd : 0;
    }
  }
  return { values: out, dim: m };
}

export interface ScoreOptions {
  /** For profileSilhouette (null without): zscoredProfiles(matrix) of the benchmark's input. */
  profiles?: Profiles | undefined;
}

/**
 * Scores a BICLUSTER result. Without truth, accuracy/precision/recall/F1, consensus, relevance
 * and recovery are null; consensus is null too when the truth has no conditions (gene classes).
 */
export function scoreMember(result: BiclusterResult, truth?: BenchmarkTruth | null, options: ScoreOptions = {}): MemberScores {
  const { payload } = result;
  const found = payload.biclusters;
  let genes: { accuracy: number; precision: number; recall: number; f1: number } | null = null;
  if (truth) {
    if (truth.labels.length !== payload.labels.length) {
      throw new InputError(`the truth has ${truth.labels.length} genes, the result ${payload.labels.length}: not the same data`, { field: "truth" });
    }
    genes = matchedScores(truth.labels, payload.labels, { unassignedIsBackground: true });
  }
  const sets = truth ? truthGeneSets(truth) : null;
  let profileSilhouette: number | null = null;
  if (options.profiles) {
    if (options.profiles.values.length !== payload.labels.length * options.profiles.dim) throw new InputError("profiles do not match the result's genes", { field: "profiles" });
    profileSilhouette = silhouette(options.profiles.values, options.profiles.dim, payload.labels, { rng: createRng(0), sampleSize: 2000 }).mean;
  }
  return {
    accuracy: genes?.accuracy ?? null,
    precision: genes?.precision ?? null,
    recall: genes?.recall ?? null,
    f1: genes?.f1 ?? null,
    silhouette: payload.metrics.silhouette,
    profileSilhouette,
    msr: payload.metrics.msrMean,
    consensus: truth?.biclusters ? consensusScore(found, truth.biclusters) : null,
    relevance: sets ? prelicRelevance(found, sets, "genes") : null,
    recovery: sets ? prelicRecovery(found, sets, "genes") : null,
    biclusters: found.length,
    seconds: result.totalSeconds,
  };
}
