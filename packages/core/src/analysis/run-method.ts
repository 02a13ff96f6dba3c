// Runs one method of the registry on its input: validates the parameters, builds the run context,
// runs, checks the payload against its kind's schema and wraps it in the result envelope.
import { InputError } from "../errors.ts";
import type { ProgressCallback } from "../types.ts";
import { createRunContext, type CheckpointStore } from "./context.ts";
import type { AnyMethod, MethodDefinition } from "./define.ts";
import { CORE_VERSION, RESULT_SCHEMA_VERSION, type AnalysisResult } from "./envelope.ts";
import { KINDS, type KindInputs, type KindPayloads, type RunKind } from "./kinds/index.ts";
import { parseMethodParams } from "./registry.ts";

export interface RunMethodOptions {
  /** Seed of every random step (default 0): same input + parameters + seed = same result. */
  seed?: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
  /** Work of an earlier attempt to resume from (the worker persists them between attempts). */
  checkpoints?: CheckpointStore;
}

export async function runMethod<K extends RunKind>(
  method: MethodDefinition<K> | AnyMethod,
  input: KindInputs[K],
  rawParams: unknown,
  options: RunMethodOptions = {},
): Promise<AnalysisResult<K>> {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new InputError(`seed must be an integer in [0, 2^32 - 1], got ${seed}`, { field: "seed" });
  }
  const params = parseMethodParams(method, rawParams);
  const plan = method.plan?.(params) ?? method.stages.map((s) => ({ stage: s.id, weight: 1 }));
  const { ctx, finish } = createRunContext({
    seed,
    stages: method.stages,
    plan,
    signal: options.signal,
    onProgress: options.onProgress,
    checkpoints: options.checkpoints,
  });
  ctx.throwIfCancelled();
  const payload = (await method.run(input, params, ctx)) as KindPayloads[K];
  const report = finish();
  const check = KINDS[method.kind as K].payload.safeParse(payload);
  if (!check.success) {
    const issue = check.error.issues[0]!;
    throw new Error(`method ${method.id} produced an invalid ${method.kind} payload at ${issue.path.join(".")}: ${issue.message}`);
  }
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    kind: method.kind as K,
    method: method.id,
    params,
    seed,
    versions: { core: CORE_VERSION, node: process.version },
    backend: report.backend,
    stages: report.stages,
    totalSeconds: report.totalSeconds,
    warnings: report.warnings,
    resumed: report.resumed,
    payload,
  };
}
