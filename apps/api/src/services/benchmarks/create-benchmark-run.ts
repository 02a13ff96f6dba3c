// A benchmark run: a BENCHMARK parent and one ordinary BICLUSTER member run per method x seed, all
// queued at once, so the members spread over every worker (fair share applies to them like to any
// run). The parent is never claimed; when its last member ends, finish-benchmark.ts aggregates.
import { randomInt } from "node:crypto";
import { InputError, planBenchmark, parseMethodParams, type PlannedMember } from "@exprlab/core";
import type { Prisma, Run } from "@exprlab/db";
import { requireTeamRole } from "../../auth/authorize.ts";
import type { Caller } from "../../auth/caller.ts";
import { badInput, limitExceeded } from "../../errors.ts";
import type { Context } from "../../graphql/context.ts";
import { getDatasetOrThrow } from "../get-dataset-or-throw.ts";
import { recordActivity } from "../record-activity.ts";
import { formatDuration } from "../validate-run-request.ts";

export interface BenchmarkArgs {
  datasetId: string;
  methods: string[];
  /** Seeds per method (default 5). */
  seeds?: number | null;
  /** Given to every method that takes it (e.g. K). */
  k?: number | null;
  permutations?: number | null;
  /** Parameters per method id. */
  memberParams?: Record<string, Record<string, unknown>> | null;
  /** First seed (default random). */
  seed?: number | null;
  name?: string | null;
}

/** Members of one benchmark (7 methods x 5 seeds = 35). */
export const MAX_MEMBERS = 60;

export async function createBenchmarkRun(ctx: Pick<Context, "prisma" | "queue" | "registry" | "limits">, caller: Caller, args: BenchmarkArgs): Promise<Run> {
  const { prisma, registry } = ctx;
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  if (dataset.kind === "DE_TABLE") throw badInput("datasetId", "is a DE table: a benchmark compares biclustering methods on an expression matrix");
  const firstSeed = args.seed ?? randomInt(0, 2 ** 31 - 1 - 100);
  const shared: Record<string, unknown> = {};
  if (args.k !== undefined && args.k !== null) shared.k = args.k;
  if (args.permutations !== undefined && args.permutations !== null) shared.permutations = args.permutations;
  let plan: PlannedMember[];
  try {
    plan = planBenchmark({ registry, methods: args.methods, seeds: args.seeds ?? 5, firstSeed, shared, params: args.memberParams ?? {} });
  } catch (error) {
    if (error instanceof InputError) throw badInput(error.location.field ?? "methods", error.detail);
    throw error;
  }
  if (plan.length > MAX_MEMBERS) throw limitExceeded("members", `${plan.length} member runs; a benchmark may have at most ${MAX_MEMBERS} (methods x seeds)`);
  const shape = { rows: dataset.geneCount, columns: dataset.conditionCount };
  const members = plan.map((m) => {
    const method = registry.require(m.method);
    const params = parseMethodParams(method, m.params);
    const estimate = method.estimate?.(shape, params) ?? null;
    if (estimate && estimate.seconds > ctx.limits.runMaxSeconds) {
      throw limitExceeded("time", `${method.label} would take about ${formatDuration(estimate.seconds)} on this dataset, over the budget of ${formatDuration(ctx.limits.runMaxSeconds)} per run`, {
        method: m.method,
      });
    }
    return { ...m, method, params, estimate };
  });
  const total = members.reduce((a, m) => a + (m.estimate?.seconds ?? 0), 0);
  const name = (args.name ?? "").trim() || `Benchmark of ${[...new Set(args.methods)].length} methods`;
  const parent = await prisma.$transaction(async (tx) => {
    const queued = await tx.run.count({ where: { teamId: dataset.teamId, status: "QUEUED" } });
    if (queued + members.length > ctx.limits.teamMaxQueued) {
      throw limitExceeded("queued-runs", `${members.length} member runs would bring your team's queue to ${queued + members.length}, over the limit of ${ctx.limits.teamMaxQueued}`);
    }
    const run = await tx.run.create({
      data: {
        teamId: dataset.teamId,
        datasetId: dataset.id,
        createdById: caller.userId,
        kind: "BENCHMARK",
        method: "benchmark",
        name,
        params: { methods: [...new Set(args.methods)], seeds: args.seeds ?? 5, ...shared, memberParams: args.memberParams ?? {} } as Prisma.InputJsonValue,
        seed: firstSeed,
        status: "RUNNING",
        stage: "members",
        startedAt: new Date(),
        estimatedSeconds: total,
      },
      omit: { result: true },
    });
    await tx.run.createMany({
      data: members.map((m) => ({
        teamId: dataset.teamId,
        datasetId: dataset.id,
        createdById: caller.userId,
        kind: "BICLUSTER" as const,
        method: m.method.id,
        name: `${name}: ${m.method.label}, seed ${m.seed}`,
        params: m.params as Prisma.InputJsonValue,
        seed: m.seed,
        parentId: run.id,
        estimatedSeconds: m.estimate?.seconds ?? null,
        ...(m.notes.length ? { notes: m.notes.join("\n") } : {}),
      })),
    });
    await recordActivity(tx, {
      teamId: dataset.teamId,
      actorId: caller.userId,
      type: "run.created",
      subjectType: "Run",
      subjectId: run.id,
      summary: `${caller.name} started a benchmark of ${[...new Set(args.methods)].join(", ")} (${members.length} runs) on ${dataset.name}`,
      data: { datasetId: dataset.id, method: "benchmark" },
    });
    return run as Run;
  });
  await ctx.queue.enqueue(parent.id).catch(() => {});
  return parent;
}
