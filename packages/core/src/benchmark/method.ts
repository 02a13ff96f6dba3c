// The BENCHMARK method of the registry: its parameters are what a benchmark form asks (methods,
// seeds, K given to every method, per-method parameters) and its run executes the members one
// after the other in this process (runBenchmark). A platform may instead plan the members
// (planBenchmark), run them as separate BICLUSTER jobs and build the same payload (benchmarkPayload).
import { z } from "zod";
import { defineMethod, type MethodDefinition } from "../analysis/define.ts";
import type { Registry } from "../analysis/registry.ts";
import { parseMethodParams } from "../analysis/registry.ts";
import { InputError } from "../errors.ts";
import { DEFAULT_SEEDS, planBenchmark, runBenchmark, type BenchmarkPlanOptions } from "./run.ts";

/** The paper's comparison (LSTM-SVM against HMM, RNN and SVM approaches) plus k-means. */
export const PAPER_METHODS = ["lstm-svm", "hmm", "rnn", "svm", "kmeans"] as const;

function benchmarkParams(ids: readonly [string, ...string[]]) {
  const defaults = PAPER_METHODS.filter((m) => ids.includes(m));
  return z.object({
    methods: z
      .array(z.enum(ids))
      .min(1)
      .max(ids.length)
      .default(defaults.length > 0 ? defaults : [ids[0]])
      .meta({ label: "Methods compared", help: "Biclustering methods to run on the same data (default: the paper's comparison and k-means).", group: "main" }),
    seeds: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(DEFAULT_SEEDS)
      .meta({ label: "Seeds per method", help: "Runs of each method, with seeds s, s + 1, ... (s = the run's seed); the spread shows how stable a method is.", group: "main" }),
    k: z
      .union([z.number().int().min(1).max(50), z.literal("auto")])
      .optional()
      .meta({ label: "K for every method", help: 'Clusters/biclusters given to every method that takes K (empty: each method default; "auto" where supported).', group: "main" }),
    permutations: z
      .number()
      .int()
      .min(0)
      .max(2000)
      .optional()
      .meta({ label: "Permutations for p-values", help: "Random submatrices per bicluster p-value in every member (empty: each method's default).", group: "advanced" }),
    memberParams: z
      .string()
      .max(20_000)
      .default("{}")
      .meta({ label: "Parameters per method (JSON)", help: 'Other parameters by method, e.g. {"cheng-church": {"delta": 0.3}, "lstm-svm": {"epochs": 20}}.', group: "advanced" }),
  });
}

type BenchmarkParams = z.output<ReturnType<typeof benchmarkParams>>;

/** memberParams as an object of parameter objects (InputError naming the field otherwise). */
export function parseMemberParams(text: string): Record<string, Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`memberParams is not valid JSON: ${(err as Error).message}`, { field: "memberParams" });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new InputError("memberParams must be a JSON object of method ids", { field: "memberParams" });
  for (const [id, v] of Object.entries(value)) {
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new InputError(`memberParams.${id} must be an object of parameters`, { field: "memberParams" });
  }
  return value as Record<string, Record<string, unknown>>;
}

function planOptions(registry: Registry, p: BenchmarkParams, firstSeed: number): BenchmarkPlanOptions {
  const shared: Record<string, unknown> = {};
  if (p.k !== undefined) shared.k = p.k;
  if (p.permutations !== undefined) shared.permutations = p.permutations;
  return { registry, methods: p.methods, seeds: p.seeds, firstSeed, shared, params: parseMemberParams(p.memberParams) };
}

/**
 * The registered benchmark method over the methods of `registry()` (a thunk, so the registry can
 * contain this method itself); `ids` are the BICLUSTER methods it may compare.
 */
export function benchmarkMethod(registry: () => Registry, ids: readonly [string, ...string[]]): MethodDefinition<"BENCHMARK", ReturnType<typeof benchmarkParams>> {
  return defineMethod({
    id: "benchmark",
    kind: "BENCHMARK",
    label: "Method comparison (benchmark)",
    description: "Runs several biclustering methods with several seeds on the same data and reports accuracy, precision, recall, F-measure, silhouette, MSR, consensus, relevance/recovery and time per method.",
    reference: "Prelic et al. (2006) A systematic comparison and evaluation of biclustering methods for gene expression data, Bioinformatics 22:1122-1129; Hochreiter et al. (2010) FABIA (consensus score).",
    params: benchmarkParams(ids),
    stages: [{ id: "members", label: "Running the methods" }],
    validate: (p) => void planBenchmark(planOptions(registry(), p, 0)),
    estimate: (shape, p) => {
      const reg = registry();
      const parts = planBenchmark(planOptions(reg, p, 0)).map((m) => reg.require(m.method).estimate?.(shape, parseMethodParams(reg.require(m.method), m.params)) ?? { seconds: 1, memoryMb: 250 });
      return { seconds: parts.reduce((a, e) => a + e.seconds, 0), memoryMb: Math.max(...parts.map((e) => e.memoryMb)) };
    },
    checkParams: { methods: ["kmeans", "cheng-church"], seeds: 2, k: 2, permutations: 19 },
    async run(input, p, ctx) {
      ctx.enter("members");
      return runBenchmark(input, {
        ...planOptions(registry(), p, ctx.seed),
        signal: ctx.signal,
        checkpoints: ctx.checkpoints,
        onProgress: (e) => ctx.progress(e.overall, `${e.method}, seed ${e.seed} (${e.member + 1} of ${e.members}): ${e.stage}`),
        onMember: (_m, _i, restored) => restored && ctx.resumed("members"),
      });
    },
  });
}
