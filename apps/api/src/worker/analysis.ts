// The worker's view of core's method registry: run one analysis method on a matrix.
// Kept in one file so the rest of the worker does not depend on core's exact result shape.
import { METHODS, isMethodName } from "@exprlab/core";
import type { Bicluster, ExpressionMatrix, ProgressCallback } from "@exprlab/core";

export interface AnalysisResult {
  biclusters: Bicluster[];
  timings: unknown;
  metrics: unknown;
  /** tfjs backend that ran the network (null for methods without one). */
  backend: string | null;
  /** The whole versioned result, stored as Run.result. */
  json: unknown;
}

export interface AnalysisOptions {
  onProgress: ProgressCallback;
  signal: AbortSignal;
}

export class UnknownMethodError extends Error {
  override readonly name = "UnknownMethodError";
  constructor(method: string) {
    super(`unknown analysis method "${method}" (known: ${Object.keys(METHODS).join(", ")})`);
  }
}

/** Runs `method` of core's registry with the run's params and seed. Throws core's errors as they are. */
export async function runAnalysisMethod(
  method: string,
  matrix: ExpressionMatrix,
  params: Record<string, unknown>,
  seed: number,
  options: AnalysisOptions,
): Promise<AnalysisResult> {
  if (!isMethodName(method)) throw new UnknownMethodError(method);
  const result = await METHODS[method].run(matrix, { ...params, seed }, options);
  return {
    biclusters: result.biclusters,
    timings: result.timings,
    metrics: result.metrics,
    backend: result.backend?.name ?? null,
    json: result,
  };
}
