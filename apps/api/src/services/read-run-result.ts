// A run's stored result (Run.result) as the API exposes it: core's envelope (schemaVersion 2)
// without the bicluster rows. Results written by schemaVersion 1 (before run kinds) are upgraded
// on read, so old runs keep their metrics, stages and K choice.
import {
  backendSchema,
  biclusterMetricsSchema,
  benchmarkResultSchema,
  classifyResultSchema,
  kChoiceSchema,
  overlapSchema,
  regressResultSchema,
  stageTimingSchema,
  type BenchmarkResult,
  type ClassifyResult,
  type Registry,
  type RegressResult,
} from "@exprlab/core";
import { z } from "zod";

const storedBiclusterPayload = z.object({
  input: z.object({ genes: z.number().int(), conditions: z.number().int(), timed: z.boolean() }),
  preprocess: z.object({ report: z.record(z.string(), z.unknown()), keptGenes: z.number().int() }),
  kChoice: kChoiceSchema.nullable(),
  metrics: biclusterMetricsSchema,
  labels: z.array(z.number().int()).optional(),
  details: z.record(z.string(), z.unknown()),
  biclusterCount: z.number().int().optional(),
  overlaps: z.array(overlapSchema).optional(),
});

export const storedResultSchema = z.object({
  schemaVersion: z.literal(2),
  kind: z.literal("BICLUSTER"),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  versions: z.object({ core: z.string(), node: z.string() }).nullable(),
  backend: backendSchema.nullable(),
  stages: z.array(stageTimingSchema),
  totalSeconds: z.number(),
  warnings: z.array(z.string()),
  resumed: z.array(z.string()),
  payload: storedBiclusterPayload,
});

/** A BICLUSTER run's stored result (the bicluster rows live in the Bicluster table). */
export type StoredResult = z.infer<typeof storedResultSchema>;
export type StoredBiclusterResult = StoredResult;
/** Any run's stored result, by kind (CLASSIFY and REGRESS results are stored whole). */
export type AnyStoredResult = StoredResult | ClassifyResult | RegressResult | BenchmarkResult;

const v1Schema = z.object({
  schemaVersion: z.literal(1),
  method: z.string(),
  params: z.record(z.string(), z.unknown()),
  seed: z.number().int(),
  backend: backendSchema.nullable(),
  input: z.object({ genes: z.number().int(), conditions: z.number().int(), timed: z.boolean() }).loose(),
  preprocess: z.object({ report: z.record(z.string(), z.unknown()), keptGenes: z.number().int() }),
  lstm: z.unknown(),
  kmeans: z.object({ k: z.number().int(), auto: z.boolean(), scores: kChoiceSchema.shape.scores, reason: z.string() }).loose(),
  svm: z.unknown(),
  outer: z.unknown(),
  timings: z.record(z.string(), z.number()),
  metrics: biclusterMetricsSchema,
  labels: z.array(z.number().int()).optional(),
});

function upgradeV1(v1: z.infer<typeof v1Schema>, registry: Registry): StoredResult {
  const labels = new Map((registry.get(v1.method)?.stages ?? []).map((s) => [s.id, s.label]));
  return {
    schemaVersion: 2,
    kind: "BICLUSTER",
    method: v1.method,
    params: v1.params,
    seed: v1.seed,
    versions: null,
    backend: v1.backend,
    stages: Object.entries(v1.timings)
      .filter(([id]) => id !== "total")
      .map(([id, seconds]) => ({ id, label: labels.get(id) ?? id, seconds })),
    totalSeconds: v1.timings.total ?? 0,
    warnings: [],
    resumed: [],
    payload: {
      input: { genes: v1.input.genes, conditions: v1.input.conditions, timed: v1.input.timed },
      preprocess: v1.preprocess,
      kChoice: { k: v1.kmeans.k, auto: v1.kmeans.auto, criterion: v1.kmeans.auto ? "gap" : "given", reason: v1.kmeans.reason, scores: v1.kmeans.scores },
      metrics: v1.metrics,
      ...(v1.labels ? { labels: v1.labels } : {}),
      details: { lstm: v1.lstm ?? null, svm: v1.svm ?? [], outer: v1.outer ?? null },
    },
  };
}

/** The stored result of any kind, upgraded to the current shape; null when absent or unreadable. */
export function readAnyStoredResult(json: unknown, registry: Registry): AnyStoredResult | null {
  const kind = json && typeof json === "object" ? (json as { kind?: unknown }).kind : undefined;
  if (kind === "CLASSIFY") {
    const r = classifyResultSchema.safeParse(json);
    return r.success ? (r.data as ClassifyResult) : null;
  }
  if (kind === "BENCHMARK") {
    const r = benchmarkResultSchema.safeParse(json);
    return r.success ? (r.data as BenchmarkResult) : null;
  }
  if (kind === "REGRESS") {
    const r = regressResultSchema.safeParse(json);
    return r.success ? (r.data as RegressResult) : null;
  }
  return readStoredResult(json, registry);
}

/** A BICLUSTER run's stored result, upgraded to the current shape; null when absent or unreadable. */
export function readStoredResult(json: unknown, registry: Registry): StoredResult | null {
  if (json === null || json === undefined) return null;
  const v2 = storedResultSchema.safeParse(json);
  if (v2.success) return v2.data;
  const v1 = v1Schema.safeParse(json);
  if (v1.success) return upgradeV1(v1.data, registry);
  return null;
}
