// The worker's view of core's method registry: run one analysis method on a matrix.
// Kept in one file so the rest of the worker does not depend on core's exact result shape.
import type { Bicluster, ExpressionMatrix, ProgressCallback } from "@exprlab/core";

export interface AnalysisResult {
  biclusters: Bicluster[];
  timings?: unknown;
  metrics?: unknown;
  backend?: string | null;
  /** The whole versioned result, stored as Run.result. */
  json: unknown;
}

export interface AnalysisOptions {
  onProgress: ProgressCallback;
  signal: AbortSignal;
}

interface CoreMethod {
  run(matrix: ExpressionMatrix, params: Record<string, unknown>, options: AnalysisOptions): Promise<unknown>;
}

interface CoreResultShape {
  biclusters: Bicluster[];
  timings?: unknown;
  metrics?: unknown;
  backend?: string | { name?: string } | null;
}

/** Runs `method` of core's registry with the run's params and seed. Throws core's errors as they are. */
export async function runAnalysisMethod(
  method: string,
  matrix: ExpressionMatrix,
  params: Record<string, unknown>,
  seed: number,
  options: AnalysisOptions,
): Promise<AnalysisResult> {
  const core = (await import("@exprlab/core")) as unknown as { METHODS?: Record<string, CoreMethod> };
  const registry = core.METHODS;
  if (!registry) throw new Error("@exprlab/core does not export METHODS");
  const entry = Object.hasOwn(registry, method) ? registry[method] : undefined;
  if (!entry) throw new UnknownMethodError(method, Object.keys(registry));
  const raw = (await entry.run(matrix, { ...params, seed }, options)) as CoreResultShape;
  const backend = typeof raw.backend === "string" ? raw.backend : (raw.backend?.name ?? null);
  return { biclusters: raw.biclusters, timings: raw.timings, metrics: raw.metrics, backend, json: raw };
}

export class UnknownMethodError extends Error {
  override readonly name = "UnknownMethodError";
  constructor(method: string, known: string[]) {
    super(`unknown analysis method "${method}" (known: ${known.join(", ")})`);
  }
}
