// Public exports of src/analysis: how methods are declared, registered and run.
export * from "./meta.ts";
export * from "./kinds/index.ts";
export { defineMethod } from "./define.ts";
export type { AnyMethod, CostEstimate, MethodDefinition, PlannedSegment, StageSpec } from "./define.ts";
export { createRunContext } from "./context.ts";
export type { BackendRecord, CheckpointStore, ContextReport, RunContext, StageTiming } from "./context.ts";
export { describeParams, parseParamsWith } from "./params.ts";
export type { ParamSpec, ParamType } from "./params.ts";
export { createRegistry, describeMethod, parseMethodParams } from "./registry.ts";
export type { MethodInfo, Registry } from "./registry.ts";
export { runMethod } from "./run-method.ts";
export type { RunMethodOptions } from "./run-method.ts";
export {
  analysisResultSchema,
  backendSchema,
  benchmarkResultSchema,
  biclusterResultSchema,
  classifyResultSchema,
  CORE_VERSION,
  regressResultSchema,
  RESULT_SCHEMA_VERSION,
  resultEnvelopeSchema,
  stageTimingSchema,
} from "./envelope.ts";
export type { AnalysisResult, BenchmarkResult, BiclusterResult, ClassifyResult, RegressResult, ResultEnvelope } from "./envelope.ts";
export { progressTracker } from "./progress.ts";
export type { ProgressTracker, Segment } from "./progress.ts";
export { runInThread, startEngineThread } from "./thread/run-in-thread.ts";
export type { EngineThread, ThreadJobOptions, ThreadOptions, ThreadRun } from "./thread/run-in-thread.ts";
