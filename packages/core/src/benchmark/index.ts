// Public exports of src/benchmark: method comparison runs (plan, score, aggregate, run).
export { aggregateBenchmark, summarise } from "./aggregate.ts";
export { benchmarkMethod, PAPER_METHODS, parseMemberParams } from "./method.ts";
export { benchmarkPayload, DEFAULT_SEEDS, memberRecord, planBenchmark, runBenchmark } from "./run.ts";
export type { BenchmarkOptions, BenchmarkPlanOptions, BenchmarkProgress, PlannedMember } from "./run.ts";
export { scoreMember, zscoredProfiles } from "./score.ts";
export type { Profiles, ScoreOptions } from "./score.ts";
export { parseGeneClasses, parseTruth, truthFromGroundTruth, truthGeneSets } from "./truth.ts";
export { formatBenchmarkTable } from "./table.ts";
