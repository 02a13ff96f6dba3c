// Runs: create, cancel, list, get, compare; the method registry for the new-run form.
import type { Run } from "@exprlab/db";
import { cancelRun } from "../../services/cancel-run.ts";
import { compareRuns, type ConsensusBicluster, type MatchedPair, type RunComparison } from "../../services/compare-runs.ts";
import { createRun } from "../../services/create-run.ts";
import { getRunOrThrow } from "../../services/get-run-or-throw.ts";
import { listMethods, type MethodInfo, type MethodParam } from "../../services/list-methods.ts";
import { listRuns } from "../../services/list-runs.ts";
import { notFound } from "../../errors.ts";
import { builder } from "../builder.ts";
import { connectionOf, loadUser, pageArgs, RunStatusEnum, UserRef } from "./common.ts";
import { DatasetRef } from "./datasets.ts";

const MethodParamRef = builder.objectRef<MethodParam>("MethodParam").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    type: t.exposeString("type", { description: "number, integer, boolean, string or enum (as declared by core)." }),
    default: t.field({ type: "JSON", nullable: true, resolve: (p) => p.default }),
    description: t.exposeString("description", { description: "One-line explanation for the form." }),
    min: t.exposeFloat("min", { nullable: true }),
    max: t.exposeFloat("max", { nullable: true }),
    options: t.exposeStringList("options", { nullable: true }),
    optional: t.exposeBoolean("optional", { description: "May be null (e.g. K = automatic)." }),
  }),
});

const MethodRef = builder.objectRef<MethodInfo>("Method").implement({
  description: "An analysis method of @exprlab/core's registry.",
  fields: (t) => ({
    name: t.exposeString("name"),
    label: t.exposeString("label"),
    description: t.exposeString("description"),
    isDefault: t.exposeBoolean("isDefault"),
    params: t.field({ type: [MethodParamRef], resolve: (m) => m.params }),
  }),
});

export const RunRef = builder.objectRef<Run>("Run");
const RunConnection = connectionOf(RunRef, "Run");

RunRef.implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    datasetId: t.exposeID("datasetId"),
    dataset: t.field({
      type: DatasetRef,
      resolve: async (r, _a, ctx) => (await ctx.loaders.dataset.load(r.datasetId)) ?? Promise.reject(notFound("Dataset")),
    }),
    method: t.exposeString("method"),
    params: t.field({ type: "JSON", resolve: (r) => r.params }),
    seed: t.exposeInt("seed"),
    status: t.field({ type: RunStatusEnum, resolve: (r) => r.status }),
    progress: t.exposeFloat("progress", { description: "0..1 over the whole run." }),
    stage: t.exposeString("stage", { nullable: true }),
    cancelRequested: t.exposeBoolean("cancelRequested"),
    timings: t.field({ type: "JSON", nullable: true, description: "Seconds per stage.", resolve: (r) => r.timings }),
    metrics: t.field({ type: "JSON", nullable: true, resolve: (r) => r.metrics }),
    backend: t.exposeString("backend", { nullable: true, description: "tfjs backend that ran the LSTM." }),
    error: t.exposeString("error", { nullable: true }),
    attempts: t.exposeInt("attempts"),
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

interface MetricRow {
  name: string;
  a: unknown;
  b: unknown;
}

const MetricComparisonRef = builder.objectRef<MetricRow>("MetricComparison").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    a: t.field({ type: "JSON", nullable: true, resolve: (m) => m.a }),
    b: t.field({ type: "JSON", nullable: true, resolve: (m) => m.b }),
  }),
});

function metricRows(c: RunComparison): MetricRow[] {
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const a = obj(c.a.metrics);
  const b = obj(c.b.metrics);
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().map((name) => ({ name, a: a[name] ?? null, b: b[name] ?? null }));
}

const RunComparisonRef = builder.objectRef<RunComparison>("RunComparison").implement({
  description:
    "Two runs side by side: biclusters matched one-to-one by gene Jaccard (greedy, best first), consensus biclusters (matched pairs with Jaccard >= threshold, their shared genes) and recovery scores.",
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
    metrics: t.field({ type: [MetricComparisonRef], description: "Each run's metrics by name.", resolve: metricRows }),
  }),
});

builder.queryFields((t) => ({
  methods: t.withAuth({ loggedIn: true }).field({
    type: [MethodRef],
    description: "Analysis methods with their parameters (defaults, ranges, one-line help): the new-run form is generated from this.",
    resolve: () => listMethods(),
  }),
  runs: t.withAuth({ loggedIn: true }).field({
    type: RunConnection,
    description: "Runs of a team or of a dataset, newest first.",
    args: { teamId: t.arg.id(), datasetId: t.arg.id(), status: t.arg({ type: RunStatusEnum }), ...pageArgs },
    resolve: (_p, args, ctx) =>
      listRuns(ctx.prisma, ctx.caller, {
        ...args,
        teamId: args.teamId == null ? null : String(args.teamId),
        datasetId: args.datasetId == null ? null : String(args.datasetId),
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
    description: "Queues a run (members and up). params are validated against the method's schema: BAD_USER_INPUT names the field (extensions.field).",
    args: {
      datasetId: t.arg.id({ required: true }),
      method: t.arg.string({ description: "Default: the registry's default method (lstm-svm)." }),
      params: t.arg({ type: "JSON", description: "Method parameters; missing ones take their defaults." }),
      seed: t.arg.int({ description: "Default: random." }),
    },
    resolve: (_p, args, ctx) => createRun(ctx.prisma, ctx.queue, ctx.caller, { ...args, datasetId: String(args.datasetId) }),
  }),
  cancelRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description: "Cancels a queued run at once, or asks the worker to stop a running one (cancelRequested).",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => cancelRun(ctx.prisma, ctx.caller, String(args.id)),
  }),
}));
