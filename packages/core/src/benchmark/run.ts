// A benchmark, step by step, so that either this process or a platform can run it:
//   planBenchmark      -> the member runs (method, seed, raw parameters), validated up front;
//   (each member)      -> an ordinary BICLUSTER run of its method with its seed, then scoreMember;
//   benchmarkPayload   -> the BENCHMARK payload from the member records (aggregateBenchmark).
// runBenchmark does all three sequentially in this process (the CLI; the registered "benchmark"
// method), with progress over all members, cancellation and per-member checkpoints.
import type { CheckpointStore } from "../analysis/context.ts";
import type { BiclusterResult } from "../analysis/envelope.ts";
import type { BenchmarkMember, BenchmarkPayload, BenchmarkRunInput, BenchmarkTruth } from "../analysis/kinds/benchmark.ts";
import type { Registry } from "../analysis/registry.ts";
import { parseMethodParams } from "../analysis/registry.ts";
import { runMethod } from "../analysis/run-method.ts";
import { CancelledError, InputError } from "../errors.ts";
import type { ExpressionMatrix } from "../types.ts";
import { aggregateBenchmark } from "./aggregate.ts";
import { scoreMember, zscoredProfiles } from "./score.ts";

export const DEFAULT_SEEDS = 5;

export interface BenchmarkPlanOptions {
  /** Where the member methods come from (the built-in METHODS). */
  registry: Registry;
  /** BICLUSTER method ids. */
  methods: readonly string[];
  /** A count (seeds firstSeed, firstSeed + 1, ...) or the seeds themselves. Default 5. */
  seeds?: number | readonly number[];
  /** First seed when `seeds` is a count. Default 0. */
  firstSeed?: number;
  /**
   * Parameters for every member whose method declares them and accepts the value, e.g. { k: 4 }
   * (K given) or { permutations: 99 }; a value a method rejects (k = "auto" for Cheng-Church)
   * leaves that method's default, with a note in the member's warnings.
   */
  shared?: Record<string, unknown>;
  /** Parameters per method id; they override `shared`. */
  params?: Record<string, Record<string, unknown>>;
}

export interface PlannedMember {
  method: string;
  seed: number;
  /** Raw parameters for runMethod (validated). */
  params: Record<string, unknown>;
  /** Shared parameters that did not apply to this method. */
  notes: string[];
}

/** The member runs of a benchmark; InputError (naming the method and parameter) before any work. */
export function planBenchmark(o: BenchmarkPlanOptions): PlannedMember[] {
  if (o.methods.length === 0) throw new InputError("a benchmark needs at least one method", { field: "methods" });
  const count = o.seeds ?? DEFAULT_SEEDS;
  const first = o.firstSeed ?? 0;
  const seeds = typeof count === "number" ? Array.from({ length: count }, (_, i) => first + i) : [...count];
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s) || s < 0 || s > 2 ** 32 - 1)) {
    throw new InputError("seeds must be one or more integers in [0, 2^32 - 1]", { field: "seeds" });
  }
  if (new Set(seeds).size !== seeds.length) throw new InputError("seeds must differ", { field: "seeds" });
  const unknownKeys = Object.keys(o.params ?? {}).filter((id) => !o.methods.includes(id));
  if (unknownKeys.length > 0) throw new InputError(`parameters given for ${unknownKeys.join(", ")}, which is not among the methods`, { field: "params" });
  const plan: PlannedMember[] = [];
  for (const id of new Set(o.methods)) {
    const method = o.registry.require(id);
    if (method.kind !== "BICLUSTER") throw new InputError(`${id} is not a biclustering method`, { field: "methods" });
    const params: Record<string, unknown> = {};
    const notes: string[] = [];
    for (const [key, value] of Object.entries(o.shared ?? {})) {
      const field = (method.params.shape as Record<string, { safeParse(v: unknown): { success: boolean } }>)[key];
      if (!field) continue;
      if (field.safeParse(value).success) params[key] = value;
      else notes.push(`${key} = ${JSON.stringify(value)} does not apply to ${id}; its default is used`);
    }
    Object.assign(params, o.params?.[id] ?? {});
    try {
      parseMethodParams(method, params);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`${id}: ${err.message}`, { field: `params.${id}.${err.location.field ?? ""}` });
      throw err;
    }
    for (const seed of seeds) plan.push({ method: id, seed, params: { ...params }, notes });
  }
  return plan;
}

/** The BENCHMARK payload of finished members (pure: the same wherever the members ran). */
export function benchmarkPayload(matrix: ExpressionMatrix, truth: BenchmarkTruth | null | undefined, members: readonly BenchmarkMember[]): BenchmarkPayload {
  const labelled = truth ? truth.labels.filter((l) => l >= 0).length : 0;
  return {
    input: { genes: matrix.genes.length, conditions: matrix.conditions.length, timed: matrix.conditions.every((c) => c.time !== undefined) },
    truth: truth
      ? {
          source: truth.source,
          classes: new Set(truth.labels.filter((l) => l >= 0)).size,
          labelledGenes: labelled,
          biclusters: truth.biclusters ? truth.biclusters.length : null,
          classNames: truth.classNames,
        }
      : null,
    methods: [...new Set(members.map((m) => m.method))],
    seeds: [...new Set(members.map((m) => m.seed))].sort((a, b) => a - b),
    members: [...members],
    summary: aggregateBenchmark(members),
  };
}

/** The record of a finished member run. */
export function memberRecord(planned: PlannedMember, result: BiclusterResult, truth: BenchmarkTruth | null | undefined, profiles?: ReturnType<typeof zscoredProfiles>): BenchmarkMember {
  return {
    method: planned.method,
    seed: planned.seed,
    params: result.params,
    scores: scoreMember(result, truth, { profiles }),
    warnings: [...planned.notes, ...result.warnings],
  };
}

export interface BenchmarkProgress {
  /** 0-based index of the member running. */
  member: number;
  members: number;
  method: string;
  seed: number;
  /** The member's own stage and fraction. */
  stage: string;
  fraction: number;
  /** Over the whole benchmark (members weighted by their cost estimates). */
  overall: number;
  message?: string;
}

export interface BenchmarkOptions extends BenchmarkPlanOptions {
  truth?: BenchmarkTruth | null;
  signal?: AbortSignal | undefined;
  onProgress?: (event: BenchmarkProgress) => void;
  /** Called after each member (finished, failed or, with restored true, taken from a checkpoint). */
  onMember?: (member: BenchmarkMember, index: number, restored: boolean) => void;
  /** Finished members are stored here and skipped by a retry; members' own checkpoints are kept under "<method>/<seed>/". */
  checkpoints?: CheckpointStore | undefined;
}

function prefixed(store: CheckpointStore | undefined, prefix: string): CheckpointStore | undefined {
  return store && { get: (k) => store.get(prefix + k), put: (k, v) => store.put(prefix + k, v) };
}

/**
 * Runs every member in this process, one after the other. A member that fails (other than by
 * cancellation) is recorded with its error and the benchmark goes on.
 */
export async function runBenchmark(input: BenchmarkRunInput, options: BenchmarkOptions): Promise<BenchmarkPayload> {
  const truth = options.truth ?? input.truth ?? null;
  const { matrix } = input;
  if (truth && truth.labels.length !== matrix.genes.length) {
    throw new InputError(`the truth has ${truth.labels.length} genes, the matrix ${matrix.genes.length}`, { field: "truth" });
  }
  const plan = planBenchmark(options);
  const shape = { rows: matrix.genes.length, columns: matrix.conditions.length };
  const weights = plan.map((p) => {
    const method = options.registry.require(p.method);
    return Math.max(1e-3, method.estimate?.(shape, parseMethodParams(method, p.params)).seconds ?? 1);
  });
  const total = weights.reduce((a, b) => a + b, 0);
  const profiles = zscoredProfiles(matrix);
  const members: BenchmarkMember[] = [];
  let before = 0;
  for (const [index, planned] of plan.entries()) {
    if (options.signal?.aborted) throw new CancelledError();
    const key = `member/${planned.method}/${planned.seed}`;
    const report = (stage: string, fraction: number, message?: string) =>
      options.onProgress?.({
        member: index,
        members: plan.length,
        method: planned.method,
        seed: planned.seed,
        stage,
        fraction,
        overall: Math.min(1, (before + weights[index]! * fraction) / total),
        ...(message ? { message } : {}),
      });
    let member = options.checkpoints?.get(key) as BenchmarkMember | undefined;
    const restored = member !== undefined;
    if (!member) {
      try {
        const result = await runMethod<"BICLUSTER">(options.registry.require(planned.method), { matrix }, planned.params, {
          seed: planned.seed,
          ...(options.signal ? { signal: options.signal } : {}),
          onProgress: (e) => report(e.stage, e.overall ?? e.fraction, e.message),
          ...(options.checkpoints ? { checkpoints: prefixed(options.checkpoints, `${planned.method}/${planned.seed}/`)! } : {}),
        });
        member = memberRecord(planned, result, truth, profiles);
      } catch (err) {
        if (err instanceof CancelledError) throw err;
        member = { method: planned.method, seed: planned.seed, params: {}, scores: null, warnings: [...planned.notes], error: err instanceof Error ? err.message : String(err) };
      }
      options.checkpoints?.put(key, member);
    }
    members.push(member);
    report("done", 1);
    before += weights[index]!;
    options.onMember?.(member, index, restored);
  }
  return benchmarkPayload(matrix, truth, members);
}
