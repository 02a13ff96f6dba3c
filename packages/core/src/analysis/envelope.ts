// The versioned result of every run: a common envelope (method, parameters, seed, versions,
// backend, stage timings, warnings, resumed stages) around a kind-specific payload.
import { z } from "zod";
import corePackage from "../../package.json" with { type: "json" };
import { benchmarkPayloadSchema } from "./kinds/benchmark.ts";
import { biclusterPayloadSchema } from "./kinds/bicluster.ts";
import { classifyPayloadSchema } from "./kinds/classify.ts";
import { regressPayloadSchema } from "./kinds/regress.ts";
import type { KindPayloads, RunKind } from "./kinds/index.ts";

export const RESULT_SCHEMA_VERSION = 2;

export const backendSchema = z.object({
  name: z.string(),
  requested: z.string(),
  attempts: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() })),
});

export const stageTimingSchema = z.object({ id: z.string(), label: z.string(), seconds: z.number() });

const envelopeShape = {
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  /** Key of the method registry. */
  method: z.string(),
  /** Parameters after defaults were applied. */
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  versions: z.object({ core: z.string(), node: z.string() }),
  /** Backend of the numerical work (null for methods without a neural network). */
  backend: backendSchema.nullable(),
  /** Seconds per stage in the order first entered (repeated stages accumulate). */
  stages: z.array(stageTimingSchema),
  totalSeconds: z.number(),
  warnings: z.array(z.string()),
  /** Stages restored from an earlier attempt's checkpoint instead of computed again. */
  resumed: z.array(z.string()),
};

export const resultEnvelopeSchema = z.object({ ...envelopeShape, kind: z.string() });
export type ResultEnvelope = z.infer<typeof resultEnvelopeSchema>;

export const biclusterResultSchema = z.object({ ...envelopeShape, kind: z.literal("BICLUSTER"), payload: biclusterPayloadSchema });

export const classifyResultSchema = z.object({ ...envelopeShape, kind: z.literal("CLASSIFY"), payload: classifyPayloadSchema });

export const regressResultSchema = z.object({ ...envelopeShape, kind: z.literal("REGRESS"), payload: regressPayloadSchema });

export const benchmarkResultSchema = z.object({ ...envelopeShape, kind: z.literal("BENCHMARK"), payload: benchmarkPayloadSchema });

/** Any run's result, by kind. */
export const analysisResultSchema = z.discriminatedUnion("kind", [biclusterResultSchema, classifyResultSchema, regressResultSchema, benchmarkResultSchema]);

export type AnalysisResult<K extends RunKind = RunKind> = Omit<ResultEnvelope, "kind"> & { kind: K; payload: KindPayloads[K] };
export type BiclusterResult = AnalysisResult<"BICLUSTER">;
export type ClassifyResult = AnalysisResult<"CLASSIFY">;
export type RegressResult = AnalysisResult<"REGRESS">;
export type BenchmarkResult = AnalysisResult<"BENCHMARK">;

export const CORE_VERSION: string = corePackage.version;
