// What createRun and estimateRun share: the method from the registry, its parameters validated by
// the method's own schema (BAD_USER_INPUT naming `params.<field>`), and its cost estimate for the
// dataset's size checked against the installation's budget (LIMIT_EXCEEDED naming the limit).
import { InputError, parseMethodParams, type AnyMethod, type CostEstimate, type Registry } from "@exprlab/core";
import type { RunLimits } from "../graphql/context.ts";
import { badInput, limitExceeded } from "../errors.ts";

export interface ValidatedRunRequest {
  method: AnyMethod;
  params: Record<string, unknown>;
  estimate: CostEstimate | null;
}

export function formatDuration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function validateRunRequest(
  registry: Registry,
  methodId: string,
  rawParams: unknown,
  shape: { rows: number; columns: number },
  limits: RunLimits,
): ValidatedRunRequest {
  const method = registry.get(methodId);
  if (!method) {
    throw badInput("method", `unknown method "${methodId}"; available: ${registry.methods.map((m) => m.id).join(", ")}`);
  }
  if (rawParams !== undefined && rawParams !== null && (typeof rawParams !== "object" || Array.isArray(rawParams))) {
    throw badInput("params", "must be a JSON object");
  }
  if (rawParams && Object.hasOwn(rawParams, "seed")) throw badInput("params.seed", "pass the seed as the seed argument");
  let params: Record<string, unknown>;
  try {
    params = parseMethodParams(method, rawParams ?? {});
  } catch (error) {
    if (error instanceof InputError) {
      const field = error.location.field && error.location.field !== "params" ? `params.${error.location.field}` : "params";
      throw badInput(field, error.detail);
    }
    throw error;
  }
  const estimate = method.estimate ? method.estimate(shape, params) : null;
  if (estimate && estimate.seconds > limits.runMaxSeconds) {
    throw limitExceeded(
      "time",
      `This run would take about ${formatDuration(estimate.seconds)}, over this installation's budget of ${formatDuration(limits.runMaxSeconds)} per run. ` +
        "Lower the epochs, genes, permutations or K range, or ask an administrator for a larger budget.",
      { estimateSeconds: estimate.seconds, budgetSeconds: limits.runMaxSeconds },
    );
  }
  if (estimate && estimate.memoryMb > limits.runMaxMemoryMb) {
    throw limitExceeded(
      "memory",
      `This run would need about ${Math.round(estimate.memoryMb)} MB, over this installation's cap of ${limits.runMaxMemoryMb} MB per run. Keep fewer genes (most variable) or ask an administrator.`,
      { estimateMb: estimate.memoryMb, capMb: limits.runMaxMemoryMb },
    );
  }
  return { method, params, estimate };
}
