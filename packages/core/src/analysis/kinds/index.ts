// Run kinds: what a run takes and what it produces. Each kind is one file in this folder (its
// input type, payload schema and a tiny example input for the shared method checks) plus one
// entry below. Methods of the registry declare their kind; the API loads the input of a kind and
// stores its payload; the web renders each kind's result page.
import type { z } from "zod";
import { benchmarkPayloadSchema, exampleBenchmarkInput, reproducibleBenchmark, type BenchmarkPayload, type BenchmarkRunInput } from "./benchmark.ts";
import { biclusterPayloadSchema, exampleBiclusterInput, type BiclusterRunInput, type BiclusterPayload } from "./bicluster.ts";
import { classifyPayloadSchema, exampleClassifyInput, type ClassifyPayload, type ClassifyRunInput } from "./classify.ts";
import { exampleRegressInput, regressPayloadSchema, type RegressPayload, type RegressRunInput } from "./regress.ts";

/** Every kind the platform knows (the database enum); KINDS below lists those implemented. */
export const RUN_KINDS = ["BICLUSTER", "BENCHMARK", "CLASSIFY", "REGRESS"] as const;
export type RunKindName = (typeof RUN_KINDS)[number];

export interface KindInputs {
  BICLUSTER: BiclusterRunInput;
  CLASSIFY: ClassifyRunInput;
  REGRESS: RegressRunInput;
  BENCHMARK: BenchmarkRunInput;
}

export interface KindPayloads {
  BICLUSTER: BiclusterPayload;
  CLASSIFY: ClassifyPayload;
  REGRESS: RegressPayload;
  BENCHMARK: BenchmarkPayload;
}

export type RunKind = keyof KindInputs & keyof KindPayloads & RunKindName;

/** Size of an input, for cost estimates: rows (genes, samples) x columns (conditions, features). */
export interface InputShape {
  rows: number;
  columns: number;
}

export interface KindSpec<K extends RunKind> {
  kind: K;
  label: string;
  payload: z.ZodType<KindPayloads[K]>;
  /** A small input every method of this kind must handle (shared method checks). */
  example(seed: number): KindInputs[K];
  shape(input: KindInputs[K]): InputShape;
  /** The payload without what legitimately varies between identical runs (timings), for the determinism checks. Default: without `details`. */
  reproducible?(payload: KindPayloads[K]): unknown;
}

export const KINDS: { [K in RunKind]: KindSpec<K> } = {
  BICLUSTER: {
    kind: "BICLUSTER",
    label: "Biclustering",
    payload: biclusterPayloadSchema,
    example: exampleBiclusterInput,
    shape: ({ matrix }) => ({ rows: matrix.genes.length, columns: matrix.conditions.length }),
  },
  CLASSIFY: {
    kind: "CLASSIFY",
    label: "Sample classification",
    payload: classifyPayloadSchema,
    example: exampleClassifyInput,
    // rows = genes, columns = labelled samples (the ones a model trains and is tested on)
    shape: ({ matrix, labels }) => ({ rows: matrix.genes.length, columns: labels.filter((l) => l !== null).length }),
  },
  REGRESS: {
    kind: "REGRESS",
    label: "Regression of a DE table",
    payload: regressPayloadSchema,
    example: exampleRegressInput,
    shape: ({ table }) => ({ rows: table.rows.length, columns: table.columns.length }),
  },
  BENCHMARK: {
    kind: "BENCHMARK",
    label: "Method comparison",
    payload: benchmarkPayloadSchema,
    example: exampleBenchmarkInput,
    shape: ({ matrix }) => ({ rows: matrix.genes.length, columns: matrix.conditions.length }),
    reproducible: reproducibleBenchmark,
  },
};

export function isRunKind(kind: string): kind is RunKind {
  return Object.hasOwn(KINDS, kind);
}

export * from "./bicluster.ts";
export * from "./classify.ts";
export * from "./regress.ts";
export * from "./benchmark.ts";
