import { randomInt } from "node:crypto";
import type { Prisma, PrismaClient, Run } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { AppError, badInput, ErrorCode } from "../errors.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { findMethod, listMethods, type MethodInfo } from "./list-methods.ts";
import { recordActivity } from "./record-activity.ts";
import { parseInput } from "./validate.ts";

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

/** Validates params against the method's metadata when core gives no zod schema. */
function validateByMetadata(method: MethodInfo, params: Record<string, unknown>): Record<string, unknown> {
  const known = new Map(method.params.map((p) => [p.name, p]));
  for (const key of Object.keys(params)) {
    if (!known.has(key)) throw badInput(`params.${key}`, `is not a parameter of ${method.name}`);
  }
  const out: Record<string, unknown> = {};
  for (const p of method.params) {
    const value = key(params, p.name) ? params[p.name] : p.default;
    const field = `params.${p.name}`;
    if (value === null || value === undefined) {
      if (!p.optional && p.default !== null && p.default !== undefined) throw badInput(field, "is required");
      out[p.name] = null;
      continue;
    }
    if (p.type === "number" || p.type === "integer" || typeof p.default === "number") {
      if (typeof value !== "number" || !Number.isFinite(value)) throw badInput(field, "must be a number");
      if (p.type === "integer" && !Number.isInteger(value)) throw badInput(field, "must be a whole number");
      if (p.min !== null && value < p.min) throw badInput(field, `must be at least ${p.min}`);
      if (p.max !== null && value > p.max) throw badInput(field, `must be at most ${p.max}`);
    } else if (p.type === "boolean" && typeof value !== "boolean") {
      throw badInput(field, "must be true or false");
    } else if (p.options && !p.options.includes(String(value))) {
      throw badInput(field, `must be one of ${p.options.join(", ")}`);
    }
    out[p.name] = value;
  }
  return out;
}

function key(o: Record<string, unknown>, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

export function validateRunParams(methodName: string | null | undefined, params: unknown): { method: MethodInfo; params: Record<string, unknown> } {
  const methods = listMethods();
  const name = methodName ?? methods.find((m) => m.isDefault)?.name ?? methods[0]?.name;
  const method = name ? findMethod(name) : undefined;
  if (!method) {
    throw badInput("method", `unknown method${methodName ? ` "${methodName}"` : ""}; available: ${methods.map((m) => m.name).join(", ") || "none"}`);
  }
  const raw = params ?? {};
  if (typeof raw !== "object" || Array.isArray(raw) || raw === null) throw badInput("params", "must be a JSON object");
  if ("seed" in raw) throw badInput("params.seed", "pass the seed as the createRun seed argument");
  const parsed = method.schema ? (parseInput(method.schema, raw, "params") as Record<string, unknown>) : validateByMetadata(method, raw as Record<string, unknown>);
  return { method, params: parsed };
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
