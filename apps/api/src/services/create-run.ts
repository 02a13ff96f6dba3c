import { randomInt } from "node:crypto";
import type { Prisma, Run } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { AppError, badInput, ErrorCode, limitExceeded } from "../errors.ts";
import type { Context } from "../graphql/context.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { DEFAULT_METHODS } from "./list-methods.ts";
import { recordActivity } from "./record-activity.ts";
import { checkRunInput, classLabels, type RunInputKind } from "./run-input.ts";
import { validateRunRequest } from "./validate-run-request.ts";

export interface CreateRunArgs {
  datasetId: string;
  /** Method id from core's registry; default: the registry's default method. */
  method?: string | null;
  /** Method parameters (JSON object); missing ones take the method's defaults. */
  params?: unknown;
  /** Seed for every random choice of the run; default: a random 31-bit integer. */
  seed?: number | null;
  name?: string | null;
  notes?: string | null;
  /** What the run's kind takes besides the dataset (services/run-input.ts). */
  input?: unknown;
}

const MAX_NAME = 120;
const MAX_NOTES = 4000;

/** The size the cost model sees: genes x conditions, or x labelled samples / panel genes for classifiers. */
function shapeOf(kind: RunInputKind, dataset: { geneCount: number; conditionCount: number; conditions: unknown }, input: Record<string, unknown>) {
  if (kind === "CLASSIFY") {
    const labels = classLabels(dataset.conditions as never, String(input.labelColumn));
    const panel = Array.isArray(input.panel) ? input.panel.length : dataset.geneCount;
    return { rows: panel, columns: labels.filter((l) => l !== null).length };
  }
  return { rows: dataset.geneCount, columns: dataset.conditionCount };
}

/**
 * Creates a QUEUED run of a dataset (MEMBER+) and tells the workers. `kind` is what the caller
 * asked for (createRun: BICLUSTER, createClassifyRun: CLASSIFY, ...); the method must be of that
 * kind. The method and parameters are validated by the registry, the kind's input against the
 * dataset, the estimated cost against the installation's budget, and the team may not have more
 * than teamMaxQueued runs waiting.
 */
export async function createRun(
  ctx: Pick<Context, "prisma" | "queue" | "registry" | "limits">,
  caller: Caller,
  args: CreateRunArgs,
  kind: RunInputKind = "BICLUSTER",
): Promise<Run> {
  const { prisma } = ctx;
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  const methodId = args.method ?? DEFAULT_METHODS[kind];
  const declared = ctx.registry.get(methodId);
  if (declared && declared.kind !== kind) {
    throw badInput("method", `${declared.id} is a ${String(declared.kind).toLowerCase()} method, not a ${kind.toLowerCase()} method`);
  }
  const input = checkRunInput(kind, args.input, dataset) as Record<string, unknown>;
  const { method, params, estimate } = validateRunRequest(ctx.registry, methodId, args.params, shapeOf(kind, dataset, input), ctx.limits);
  const seed = args.seed ?? randomInt(0, 2 ** 31 - 1);
  if (!Number.isInteger(seed) || seed < 0) throw badInput("seed", "must be a non-negative integer");
  const name = (args.name ?? "").trim();
  const notes = (args.notes ?? "").trim();
  if (name.length > MAX_NAME) throw badInput("name", `at most ${MAX_NAME} characters`);
  if (notes.length > MAX_NOTES) throw badInput("notes", `at most ${MAX_NOTES} characters`);
  const run = await prisma.$transaction(async (tx) => {
    const queued = await tx.run.count({ where: { teamId: dataset.teamId, status: "QUEUED" } });
    if (queued >= ctx.limits.teamMaxQueued) {
      throw limitExceeded("queued-runs", `Your team already has ${queued} runs waiting (the limit is ${ctx.limits.teamMaxQueued}); wait for some to finish or cancel some.`);
    }
    const created = await tx.run.create({
      data: {
        teamId: dataset.teamId,
        datasetId: dataset.id,
        createdById: caller.userId,
        kind: method.kind,
        method: method.id,
        params: params as Prisma.InputJsonValue,
        input: input as Prisma.InputJsonValue,
        seed,
        name,
        notes,
        estimatedSeconds: estimate?.seconds ?? null,
      },
      omit: { result: true },
    });
    await recordActivity(tx, {
      teamId: dataset.teamId,
      actorId: caller.userId,
      type: "run.created",
      subjectType: "Run",
      subjectId: created.id,
      summary: `${caller.name} started ${method.label} on ${dataset.name}`,
      data: { datasetId: dataset.id, method: method.id },
    });
    return created as Run;
  });
  try {
    await ctx.queue.enqueue(run.id);
  } catch (error) {
    // The row is the job: a worker's next poll finds it even without the notification.
    throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, "The run was queued, but the workers could not be told; it will start at their next poll.", {
      cause: error,
      internal: String(error),
    });
  }
  return run;
}
