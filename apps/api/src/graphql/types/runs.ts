// Runs: create, estimate, cancel, update, list, get, compare; the method registry for the forms;
// typed results per run kind (a union), typed parameters and stages.
import type { CostEstimate, MethodInfo, ParamSpec, StageSpec } from "@exprlab/core";
import type { Run } from "@exprlab/db";
import { cancelRun } from "../../services/cancel-run.ts";
import { compareRuns, type ConsensusBicluster, type MatchedPair, type RunComparison } from "../../services/compare-runs.ts";
import { createRun } from "../../services/create-run.ts";
import { estimateRun } from "../../services/estimate-run.ts";
import { getRunOrThrow } from "../../services/get-run-or-throw.ts";
import { DEFAULT_METHOD, listMethods } from "../../services/list-methods.ts";
import { listRuns } from "../../services/list-runs.ts";
import { readAnyStoredResult, type AnyStoredResult } from "../../services/read-run-result.ts";
import { runParameters, runTitle, stageLabel, type RunParameter } from "../../services/run-display.ts";
import { updateRun } from "../../services/update-run.ts";
import { notFound } from "../../errors.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { connectionOf, loadUser, pageArgs, RunStatusEnum, UserRef } from "./common.ts";
import { DatasetRef } from "./datasets.ts";
import { BenchmarkRunResultRef } from "./results/benchmark.ts";
import { BiclusterRunResultRef } from "./results/bicluster.ts";
import { ClassifyRunResultRef } from "./results/classify.ts";
import { RegressRunResultRef } from "./results/regress.ts";

export const RunKindEnum = builder.enumType("RunKind", {
  description: "What a run does: each kind has its own input and result.",
  values: ["BICLUSTER", "BENCHMARK", "CLASSIFY", "REGRESS"] as const,
});
const ParamGroupEnum = builder.enumType("ParamGroup", {
  description: "MAIN parameters are shown first in forms; ADVANCED ones are folded away.",
  values: { MAIN: { value: "main" }, ADVANCED: { value: "advanced" } } as const,
});
const ParamTypeEnum = builder.enumType("ParamType", {
  values: { INTEGER: { value: "integer" }, NUMBER: { value: "number" }, BOOLEAN: { value: "boolean" }, ENUM: { value: "enum" }, STRING: { value: "string" }, ENUM_LIST: { value: "enum-list" } } as const,
});

const MethodParamRef = builder.objectRef<ParamSpec>("MethodParam").implement({
  description: "A parameter of a method, as the method declares it in core's registry.",
  fields: (t) => ({
    name: t.exposeString("name"),
    label: t.exposeString("label"),
    help: t.exposeString("help", { description: "One line shown under the field." }),
    group: t.field({ type: ParamGroupEnum, resolve: (p) => p.group }),
    unit: t.exposeString("unit", { nullable: true }),
    type: t.field({ type: ParamTypeEnum, resolve: (p) => p.type }),
    default: t.field({ type: "JSON", nullable: true, resolve: (p) => p.default }),
    optional: t.exposeBoolean("optional", { description: "May be left empty (the method then decides, e.g. all genes)." }),
    min: t.exposeFloat("min", { nullable: true }),
    max: t.exposeFloat("max", { nullable: true }),
    options: t.exposeStringList("options", { nullable: true, description: "Allowed values of ENUM and ENUM_LIST parameters." }),
    alternatives: t.exposeStringList("alternatives", { nullable: true, description: 'Words accepted instead of a number, e.g. "auto".' }),
  }),
});

const StageSpecRef = builder.objectRef<StageSpec>("MethodStage").implement({
  fields: (t) => ({ id: t.exposeString("id"), label: t.exposeString("label") }),
});

const MethodRef = builder.objectRef<MethodInfo>("Method").implement({
  description: "An analysis method of @exprlab/core's registry.",
  fields: (t) => ({
    id: t.exposeString("id"),
    kind: t.field({ type: RunKindEnum, resolve: (m) => m.kind }),
    label: t.exposeString("label"),
    description: t.exposeString("description"),
    reference: t.exposeString("reference", { description: "The literature the method follows." }),
    isDefault: t.boolean({ resolve: (m) => m.id === DEFAULT_METHOD }),
    params: t.field({ type: [MethodParamRef], resolve: (m) => m.params }),
    stages: t.field({ type: [StageSpecRef], resolve: (m) => [...m.stages] }),
  }),
});

interface RunEstimateView extends CostEstimate {
  budgetSeconds: number;
  memoryCapMb: number;
  withinBudget: boolean;
  message: string | null;
}

const RunEstimateRef = builder.objectRef<RunEstimateView>("RunEstimate").implement({
  description: "Expected cost of a run before it starts (the method's cost model for the dataset's size).",
  fields: (t) => ({
    seconds: t.exposeFloat("seconds", { description: "Expected wall-clock seconds." }),
    memoryMb: t.exposeFloat("memoryMb"),
    budgetSeconds: t.exposeFloat("budgetSeconds", { description: "This installation's time budget per run." }),
    memoryCapMb: t.exposeFloat("memoryCapMb"),
    withinBudget: t.exposeBoolean("withinBudget", { description: "False: createRun would refuse it (LIMIT_EXCEEDED)." }),
    message: t.exposeString("message", { nullable: true }),
  }),
});

const RunParameterRef = builder.objectRef<RunParameter>("RunParameter").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    label: t.exposeString("label"),
    value: t.field({ type: "JSON", nullable: true, resolve: (p) => p.value }),
    display: t.exposeString("display", { description: "The value as text." }),
    isDefault: t.exposeBoolean("isDefault"),
    group: t.field({ type: ParamGroupEnum, resolve: (p) => p.group }),
  }),
});

const RunResultUnion = builder.unionType("RunResult", {
  description: "A run's result, by run kind.",
  types: [BiclusterRunResultRef, ClassifyRunResultRef, RegressRunResultRef, BenchmarkRunResultRef],
  resolveType: (r) =>
    r.kind === "CLASSIFY" ? ClassifyRunResultRef : r.kind === "REGRESS" ? RegressRunResultRef : r.kind === "BENCHMARK" ? BenchmarkRunResultRef : BiclusterRunResultRef,
});

export const RunRef = builder.objectRef<Run>("Run");
const RunConnection = connectionOf(RunRef, "Run");

async function resultOf(run: Run, ctx: Context): Promise<AnyStoredResult | null> {
  if (run.status !== "SUCCEEDED") return null;
  return readAnyStoredResult(await ctx.loaders.runResult.load(run.id), ctx.registry);
}

RunRef.implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    datasetId: t.exposeID("datasetId"),
    dataset: t.field({
      type: DatasetRef,
      resolve: async (r, _a, ctx) => (await ctx.loaders.dataset.load(r.datasetId)) ?? Promise.reject(notFound("Dataset")),
    }),
    kind: t.field({ type: RunKindEnum, resolve: (r) => r.kind }),
    method: t.exposeString("method", { description: "Registry id of the method." }),
    methodLabel: t.string({ resolve: (r, _a, ctx) => ctx.registry.get(r.method)?.label ?? r.method }),
    name: t.exposeString("name"),
    notes: t.exposeString("notes"),
    title: t.string({ description: "The name, or method and seed when unnamed.", resolve: (r, _a, ctx) => runTitle(r, ctx.registry) }),
    params: t.field({ type: "JSON", description: "Parameters as stored (use `parameters` for labels).", resolve: (r) => r.params }),
    parameters: t.field({
      type: [RunParameterRef],
      description: "Every parameter with its label, value and whether it is the method's default.",
      resolve: (r, _a, ctx) => runParameters(r, ctx.registry),
    }),
    seed: t.exposeInt("seed"),
    status: t.field({ type: RunStatusEnum, resolve: (r) => r.status }),
    progress: t.exposeFloat("progress", { description: "0..1 over the whole run." }),
    stage: t.exposeString("stage", { nullable: true, description: "Id of the stage in progress." }),
    stageLabel: t.string({ description: "The stage in progress in words.", resolve: (r, _a, ctx) => stageLabel(r, ctx.registry) }),
    cancelRequested: t.exposeBoolean("cancelRequested"),
    estimatedSeconds: t.exposeFloat("estimatedSeconds", { nullable: true, description: "The method's cost estimate when the run was created." }),
    backend: t.exposeString("backend", { nullable: true, description: "Backend of the numerical work." }),
    error: t.exposeString("error", { nullable: true }),
    attempts: t.exposeInt("attempts"),
    result: t.field({ type: RunResultUnion, nullable: true, description: "Null until the run succeeds.", resolve: (r, _a, ctx) => resultOf(r, ctx) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    startedAt: t.expose("startedAt", { type: "DateTime", nullable: true }),
    finishedAt: t.expose("finishedAt", { type: "DateTime", nullable: true }),
    durationSeconds: t.float({
      nullable: true,
      resolve: (r) => (r.startedAt ? ((r.finishedAt ?? new Date()).getTime() - r.startedAt.getTime()) / 1000 : null),
    }),
    createdBy: t.field({ type: UserRef, resolve: (r, _a, ctx) => loadUser(ctx, r.createdById) }),
    biclusterCount: t.int({ resolve: (r, _a, ctx) => ctx.loaders.biclusterCount.load(r.id) }),
  }),
});

const MatchedPairRef = builder.objectRef<MatchedPair>("MatchedBiclusterPair").implement({
  fields: (t) => ({
    aId: t.exposeID("aId"),
    aIndex: t.exposeInt("aIndex"),
    bId: t.exposeID("bId"),
    bIndex: t.exposeInt("bIndex"),
    jaccard: t.exposeFloat("jaccard", { description: "Gene-set Jaccard index." }),
    sharedGenes: t.exposeInt("sharedGenes"),
  }),
});

const ConsensusRef = builder.objectRef<ConsensusBicluster>("ConsensusBicluster").implement({
  fields: (t) => ({
    aId: t.exposeID("aId"),
    bId: t.exposeID("bId"),
    jaccard: t.exposeFloat("jaccard"),
    genes: t.exposeStringList("genes", { description: "Genes in both biclusters." }),
  }),
});

const RunComparisonRef = builder.objectRef<RunComparison>("RunComparison").implement({
  description:
    "Two runs side by side: biclusters matched one-to-one by gene Jaccard (optimal assignment, Hungarian), consensus biclusters (matched pairs with Jaccard >= threshold, their shared genes) and recovery scores.",
  fields: (t) => ({
    a: t.field({ type: RunRef, resolve: (c) => c.a }),
    b: t.field({ type: RunRef, resolve: (c) => c.b }),
    sameDataset: t.exposeBoolean("sameDataset"),
    pairs: t.field({ type: [MatchedPairRef], resolve: (c) => c.pairs }),
    consensus: t.field({ type: [ConsensusRef], resolve: (c) => c.consensus }),
    recoveryAInB: t.exposeFloat("recoveryAinB", { description: "Mean best-match Jaccard of A's biclusters in B." }),
    recoveryBInA: t.exposeFloat("recoveryBinA", { description: "Mean best-match Jaccard of B's biclusters in A." }),
    unmatchedA: t.exposeInt("unmatchedA"),
    unmatchedB: t.exposeInt("unmatchedB"),
  }),
});

builder.queryFields((t) => ({
  methods: t.withAuth({ loggedIn: true }).field({
    type: [MethodRef],
    description: "Analysis methods with their parameters (labels, defaults, ranges, one-line help) and stages: the run forms are generated from this.",
    args: { kind: t.arg({ type: RunKindEnum }) },
    resolve: (_p, args, ctx) => listMethods(ctx.registry, args.kind),
  }),
  estimateRun: t.withAuth({ loggedIn: true }).field({
    type: RunEstimateRef,
    description: "Expected time and memory of a run of `method` with `params` on a dataset, and whether the installation's budget allows it.",
    args: { datasetId: t.arg.id({ required: true }), method: t.arg.string(), params: t.arg({ type: "JSON" }) },
    resolve: (_p, args, ctx) => estimateRun(ctx, ctx.caller, { datasetId: String(args.datasetId), method: args.method ?? null, params: args.params }),
  }),
  runs: t.withAuth({ loggedIn: true }).field({
    type: RunConnection,
    description: "Runs of a team or of a dataset, newest first (benchmark member runs only with parentId).",
    args: {
      teamId: t.arg.id(),
      datasetId: t.arg.id(),
      status: t.arg({ type: RunStatusEnum }),
      kind: t.arg({ type: RunKindEnum }),
      method: t.arg.string(),
      createdById: t.arg.id(),
      parentId: t.arg.id({ description: "Member runs of this benchmark run." }),
      ...pageArgs,
    },
    resolve: (_p, args, ctx) =>
      listRuns(ctx.prisma, ctx.caller, {
        ...args,
        teamId: args.teamId == null ? null : String(args.teamId),
        datasetId: args.datasetId == null ? null : String(args.datasetId),
        createdById: args.createdById == null ? null : String(args.createdById),
        parentId: args.parentId == null ? null : String(args.parentId),
      }),
  }),
  run: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => getRunOrThrow(ctx.prisma, ctx.caller, String(args.id)),
  }),
  compareRuns: t.withAuth({ loggedIn: true }).field({
    type: RunComparisonRef,
    args: { a: t.arg.id({ required: true }), b: t.arg.id({ required: true }), threshold: t.arg.float({ description: "Jaccard for consensus (default 0.5)." }) },
    resolve: (_p, args, ctx) => compareRuns(ctx.prisma, ctx.caller, { a: String(args.a), b: String(args.b), threshold: args.threshold }),
  }),
}));

builder.mutationFields((t) => ({
  createRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description:
      "Queues a run (members and up). params are validated against the method's schema (BAD_USER_INPUT names extensions.field); a run estimated over the installation's budget is LIMIT_EXCEEDED.",
    args: {
      datasetId: t.arg.id({ required: true }),
      method: t.arg.string({ description: "Default: the registry's default method (lstm-svm)." }),
      params: t.arg({ type: "JSON", description: "Method parameters; missing ones take their defaults." }),
      seed: t.arg.int({ description: "Default: random." }),
      name: t.arg.string({ description: "A name for the run (at most 120 characters)." }),
      notes: t.arg.string(),
    },
    resolve: (_p, args, ctx) => createRun(ctx, ctx.caller, { ...args, datasetId: String(args.datasetId) }),
  }),
  cancelRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description: "Cancels a queued run at once, or stops a running one (its engine thread is terminated within seconds).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => cancelRun(ctx.prisma, ctx.queue, ctx.caller, String(args.id)),
  }),
  updateRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description: "Renames a run or edits its notes (members and up).",
    args: { id: t.arg.id({ required: true }), name: t.arg.string(), notes: t.arg.string() },
    resolve: (_p, args, ctx) => updateRun(ctx.prisma, ctx.caller, { id: String(args.id), name: args.name ?? null, notes: args.notes ?? null }),
  }),
}));
