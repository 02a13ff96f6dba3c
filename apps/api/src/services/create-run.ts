import { randomInt } from "node:crypto";
import { InputError, paramsSchema, parseParams } from "@exprlab/core";
import type { Prisma, PrismaClient, Run } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { AppError, badInput, ErrorCode } from "../errors.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { DEFAULT_METHOD, findMethod, listMethods, type MethodInfo } from "./list-methods.ts";
import { recordActivity } from "./record-activity.ts";

/** What createRun needs from the job queue (apps/api/src/queue's RunQueue satisfies it). */
export interface RunEnqueuer {
  enqueue(runId: string): Promise<unknown>;
}

export interface CreateRunArgs {
  datasetId: string;
  /** Method name from core's registry; default: the registry's default method. */
  method?: string | null;
  /** Method parameters (JSON object); missing ones take core's defaults. */
  params?: unknown;
  /** Seed for every random choice of the run; default: a random 31-bit integer. */
  seed?: number | null;
}

/**
 * The method and its parameters with core's defaults applied (core's parseParams: zod schema plus
 * cross-field rules). Unknown parameters, and parameters the method does not take, are rejected;
 * errors are BAD_USER_INPUT naming `params.<field>`.
 */
export function validateRunParams(methodName: string | null | undefined, params: unknown): { method: MethodInfo; params: Record<string, unknown> } {
  const name = methodName ?? DEFAULT_METHOD;
  const method = findMethod(name);
  if (!method) {
    throw badInput("method", `unknown method "${name}"; available: ${listMethods().map((m) => m.name).join(", ")}`);
  }
  const raw = params ?? {};
  if (typeof raw !== "object" || Array.isArray(raw) || raw === null) throw badInput("params", "must be a JSON object");
  const allowed = new Set(method.params.map((p) => p.name));
  for (const key of Object.keys(raw)) {
    if (key === "seed") throw badInput("params.seed", "pass the seed as the createRun seed argument");
    if (!allowed.has(key)) throw badInput(`params.${key}`, `is not a parameter of ${method.name}`);
  }
  const checked = paramsSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw badInput(["params", ...(issue?.path.map(String) ?? [])].join("."), issue?.message ?? "is invalid");
  }
  let parsed: Record<string, unknown>;
  try {
    parsed = parseParams(raw) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof InputError) {
      const field = error.location.field ? `params.${error.location.field}` : "params";
      throw badInput(field, error.message.replace(/^\([^)]*\): /, ""));
    }
    throw error;
  }
  const out: Record<string, unknown> = {};
  for (const key of allowed) if (parsed[key] !== undefined) out[key] = parsed[key];
  return { method, params: out };
}

/** Creates a QUEUED run of a dataset (MEMBER+) and enqueues it. */
export async function createRun(prisma: PrismaClient, queue: RunEnqueuer, caller: Caller, args: CreateRunArgs): Promise<Run> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  const { method, params } = validateRunParams(args.method, args.params);
  const seed = args.seed ?? randomInt(0, 2 ** 31 - 1);
  if (!Number.isInteger(seed) || seed < 0) throw badInput("seed", "must be a non-negative integer");
  const run = await prisma.$transaction(async (tx) => {
    const created = await tx.run.create({
      data: {
        teamId: dataset.teamId,
        datasetId: dataset.id,
        createdById: caller.userId,
        method: method.name,
        params: params as Prisma.InputJsonValue,
        seed,
      },
    });
    await recordActivity(tx, {
      teamId: dataset.teamId,
      actorId: caller.userId,
      type: "run.created",
      subjectType: "Run",
      subjectId: created.id,
      summary: `${caller.name} started ${method.label} on ${dataset.name}`,
      data: { datasetId: dataset.id, method: method.name },
    });
    return created;
  });
  try {
    await queue.enqueue(run.id);
  } catch (error) {
    await prisma.run.updateMany({
      where: { id: run.id, status: "QUEUED" },
      data: { status: "FAILED", error: "Could not enqueue the run.", finishedAt: new Date() },
    });
    throw new AppError(ErrorCode.INTERNAL_SERVER_ERROR, "The run could not be queued; try again.", { cause: error, internal: String(error) });
  }
  return run;
}
