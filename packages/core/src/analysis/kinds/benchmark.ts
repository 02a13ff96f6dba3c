// Run kind BENCHMARK: several biclustering methods, each run with several seeds on one matrix,
// scored against a known answer when there is one (planted data, a truth file, gene classes the
// user supplies) and summarised per method (mean, sd, min, max): the paper's comparison figures
// (accuracy, precision, recall, F-measure, silhouette, computing time) on a lab's own data.
// A member is an ordinary BICLUSTER run (one method, one seed); the payload is a pure function of
// the members' scores (src/benchmark: scoreMember, aggregateBenchmark), so a platform may run the
// members as separate jobs and aggregate them itself.
import { z } from "zod";
import { generateSynthetic } from "../../synth/index.ts";
import type { ExpressionMatrix } from "../../types.ts";

/** The known answer of a benchmark, aligned with the matrix's genes. */
export interface BenchmarkTruth {
  /** Per input gene: its class or planted bicluster (>= 0), or -1 (background, or not listed). */
  labels: number[];
  /** Planted biclusters (input indices); null when only gene classes are known (no conditions). */
  biclusters: { genes: number[]; conditions: number[] }[] | null;
  /** Class name per label (gene-class files); null for planted truth. */
  classNames: string[] | null;
  source: "planted" | "truth-file" | "gene-classes";
}

export interface BenchmarkRunInput {
  matrix: ExpressionMatrix;
  truth?: BenchmarkTruth | null;
}

/** Scores of one member run, in the order tables show them. */
export const SCORE_NAMES = [
  "accuracy",
  "precision",
  "recall",
  "f1",
  "silhouette",
  "profileSilhouette",
  "msr",
  "consensus",
  "relevance",
  "recovery",
  "biclusters",
  "seconds",
] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

/** What each score means (shown with the table). */
export const SCORE_HELP: Record<ScoreName, string> = {
  accuracy: "genes whose cluster is matched to their true class (Hungarian matching; unassigned = background)",
  precision: "macro precision over the true classes after matching",
  recall: "macro recall over the true classes after matching",
  f1: "macro F-measure over the true classes after matching",
  silhouette: "mean silhouette in the method's own clustered feature space",
  profileSilhouette: "mean silhouette of the labels on the z-scored input profiles (the same space for every method)",
  msr: "mean of the biclusters' mean squared residues on the z-scored matrix",
  consensus: "consensus score of the biclusters' cells against the planted biclusters",
  relevance: "Prelic relevance: mean best gene Jaccard of each found bicluster with a true one",
  recovery: "Prelic recovery: mean best gene Jaccard of each true bicluster with a found one",
  biclusters: "number of biclusters found",
  seconds: "computing time of the run",
};

const nullableNum = z.number().nullable();

export const memberScoresSchema = z.object(Object.fromEntries(SCORE_NAMES.map((n) => [n, nullableNum])) as Record<ScoreName, typeof nullableNum>);
export type MemberScores = z.infer<typeof memberScoresSchema>;

export const benchmarkMemberSchema = z.object({
  method: z.string(),
  seed: z.number().int(),
  /** The member's parameters after defaults (empty when it failed before running). */
  params: z.record(z.string(), z.unknown()),
  /** Null when the member failed. */
  scores: memberScoresSchema.nullable(),
  warnings: z.array(z.string()),
  error: z.string().optional(),
});
export type BenchmarkMember = z.infer<typeof benchmarkMemberSchema>;

export const scoreSummarySchema = z.object({
  /** Members with a value for this score. */
  n: z.number().int(),
  mean: nullableNum,
  /** Sample standard deviation (n - 1); null with fewer than 2 values. */
  sd: nullableNum,
  min: nullableNum,
  max: nullableNum,
});
export type ScoreSummary = z.infer<typeof scoreSummarySchema>;

export const methodSummarySchema = z.object({
  method: z.string(),
  runs: z.number().int(),
  failed: z.number().int(),
  scores: z.object(Object.fromEntries(SCORE_NAMES.map((n) => [n, scoreSummarySchema])) as Record<ScoreName, typeof scoreSummarySchema>),
});
export type MethodSummary = z.infer<typeof methodSummarySchema>;

export const benchmarkPayloadSchema = z.object({
  input: z.object({ genes: z.number().int(), conditions: z.number().int(), timed: z.boolean() }),
  /** What the scores were computed against; null without a truth (no accuracy, consensus...). */
  truth: z
    .object({
      source: z.enum(["planted", "truth-file", "gene-classes"]),
      classes: z.number().int(),
      labelledGenes: z.number().int(),
      biclusters: z.number().int().nullable(),
      classNames: z.array(z.string()).nullable(),
    })
    .nullable(),
  methods: z.array(z.string()),
  seeds: z.array(z.number().int()),
  members: z.array(benchmarkMemberSchema),
  summary: z.array(methodSummarySchema),
});
export type BenchmarkPayload = z.infer<typeof benchmarkPayloadSchema>;

/** A small planted time course with its truth for the shared method checks. */
export function exampleBenchmarkInput(seed: number): BenchmarkRunInput {
  const { matrix, truth } = generateSynthetic({ seed, genes: 120, timePoints: 10, biclusters: 2, genesPerBicluster: 30 });
  return { matrix, truth: { labels: truth.labels, biclusters: truth.biclusters.map((b) => ({ genes: b.genes, conditions: b.conditions })), classNames: null, source: "planted" } };
}

/** The payload without computing times, for determinism checks. */
export function reproducibleBenchmark(payload: BenchmarkPayload): unknown {
  return {
    ...payload,
    members: payload.members.map((m) => ({ ...m, scores: m.scores ? { ...m.scores, seconds: null } : null })),
    summary: payload.summary.map((s) => ({ ...s, scores: { ...s.scores, seconds: null } })),
  };
}
