import type { Caller } from "../auth/caller.ts";
import type { Context } from "../graphql/context.ts";
import { isAppError } from "../errors.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { DEFAULT_METHOD } from "./list-methods.ts";
import { validateRunRequest } from "./validate-run-request.ts";

/**
 * The cost a run would have (VIEWER+: anyone who can see the dataset), and whether the budget
 * allows it. Invalid parameters are BAD_USER_INPUT as in createRun; over-budget is reported, not thrown.
 */
export async function estimateRun(
  ctx: Pick<Context, "prisma" | "registry" | "limits">,
  caller: Caller,
  args: { datasetId: string; method: string | null; params: unknown },
) {
  const dataset = await getDatasetOrThrow(ctx.prisma, caller, args.datasetId);
  const shape = { rows: dataset.geneCount, columns: dataset.conditionCount };
  const budget = { budgetSeconds: ctx.limits.runMaxSeconds, memoryCapMb: ctx.limits.runMaxMemoryMb };
  try {
    const { estimate } = validateRunRequest(ctx.registry, args.method ?? DEFAULT_METHOD, args.params, shape, ctx.limits);
    return { seconds: estimate?.seconds ?? 0, memoryMb: estimate?.memoryMb ?? 0, ...budget, withinBudget: true, message: null };
  } catch (error) {
    if (!isAppError(error) || error.code !== "LIMIT_EXCEEDED") throw error;
    const method = ctx.registry.require(args.method ?? DEFAULT_METHOD);
    const { parseMethodParams } = await import("@exprlab/core");
    const estimate = method.estimate!(shape, parseMethodParams(method, args.params ?? {}));
    return { ...estimate, ...budget, withinBudget: false, message: error.userMessage };
  }
}
