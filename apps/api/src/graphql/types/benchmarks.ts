// Method comparison: benchmark runs (members as ordinary runs over every worker), synthetic
// datasets with their planted truth, and truth uploads for a lab's own data.
import { DESIGN_HELP, DESIGNS } from "@exprlab/core";
import { createBenchmarkRun } from "../../services/benchmarks/create-benchmark-run.ts";
import { loadTruth, uploadDatasetTruth } from "../../services/benchmarks/dataset-truth.ts";
import { createSyntheticDataset } from "../../services/benchmarks/synthetic-dataset.ts";
import { badInput } from "../../errors.ts";
import { builder } from "../builder.ts";
import { DatasetRef } from "./datasets.ts";
import { RunRef } from "./runs.ts";

interface TruthView {
  source: string;
  classes: number;
  labelledGenes: number;
  biclusters: number | null;
}

const DatasetTruthRef = builder.objectRef<TruthView>("DatasetTruth").implement({
  description: "The known answer of a dataset (planted, a truth file, or gene classes), used to score benchmarks.",
  fields: (t) => ({
    source: t.exposeString("source"),
    classes: t.exposeInt("classes"),
    labelledGenes: t.exposeInt("labelledGenes"),
    biclusters: t.exposeInt("biclusters", { nullable: true }),
  }),
});

builder.objectField(DatasetRef, "truth", (t) =>
  t.field({
    type: DatasetTruthRef,
    nullable: true,
    resolve: async (d, _a, ctx) => {
      const truth = await loadTruth(ctx.prisma, d.id);
      if (!truth) return null;
      return {
        source: truth.source,
        classes: new Set(truth.labels.filter((l) => l >= 0)).size,
        labelledGenes: truth.labels.filter((l) => l >= 0).length,
        biclusters: truth.biclusters ? truth.biclusters.length : null,
      };
    },
  }),
);

const DesignRef = builder.objectRef<{ id: string; help: string }>("SyntheticDesign").implement({
  fields: (t) => ({ id: t.exposeString("id"), help: t.exposeString("help") }),
});

builder.queryFields((t) => ({
  syntheticDesigns: t.withAuth({ loggedIn: true }).field({
    type: [DesignRef],
    description: "Planted designs of the synthetic generator (temporal and Prelic-style).",
    resolve: () => DESIGNS.map((id) => ({ id, help: DESIGN_HELP[id] })),
  }),
}));

builder.mutationFields((t) => ({
  createBenchmarkRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description:
      "Compares biclustering methods on a dataset (members and up): each method runs with several seeds as separate runs spread over the workers; the benchmark's result aggregates their scores against the dataset's truth.",
    args: {
      datasetId: t.arg.id({ required: true }),
      methods: t.arg.stringList({ required: true }),
      seeds: t.arg.int({ description: "Seeds per method (default 5)." }),
      k: t.arg.int({ description: "K for every method that takes it (default: each method's own)." }),
      permutations: t.arg.int(),
      memberParams: t.arg({ type: "JSON", description: "Parameters per method id, e.g. { \"lstm-svm\": { \"epochs\": 20 } }." }),
      seed: t.arg.int({ description: "First seed (default random)." }),
      name: t.arg.string(),
    },
    resolve: (_p, args, ctx) => {
      const mp = args.memberParams;
      if (mp !== null && mp !== undefined && (typeof mp !== "object" || Array.isArray(mp))) throw badInput("memberParams", "must be an object of method ids");
      return createBenchmarkRun(ctx, ctx.caller, { ...args, datasetId: String(args.datasetId), memberParams: (mp ?? null) as Record<string, Record<string, unknown>> | null });
    },
  }),
  createSyntheticDataset: t.withAuth({ loggedIn: true }).field({
    type: DatasetRef,
    description: "A planted synthetic dataset with its truth (members and up), for benchmarks with a known answer.",
    args: {
      teamId: t.arg.id({ required: true }),
      design: t.arg.string({ required: true }),
      name: t.arg.string(),
      genes: t.arg.int(),
      conditions: t.arg.int({ description: "Time points or samples." }),
      biclusters: t.arg.int(),
      genesPerBicluster: t.arg.int(),
      conditionsPerBicluster: t.arg.int(),
      noiseSd: t.arg.float(),
      overlap: t.arg.float(),
      missingFraction: t.arg.float(),
      seed: t.arg.int(),
    },
    resolve: (_p, args, ctx) => {
      const { teamId, design, name, ...rest } = args;
      const options = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined));
      return createSyntheticDataset(ctx.prisma, ctx.caller, { teamId: String(teamId), design, name: name ?? null, options });
    },
  }),
  uploadDatasetTruth: t.withAuth({ loggedIn: true }).field({
    type: DatasetRef,
    description: "Sets a dataset's truth from a truth JSON (planted biclusters) or a gene,class table (members and up); errors name the line.",
    args: { datasetId: t.arg.id({ required: true }), content: t.arg.string({ required: true }) },
    resolve: async (_p, args, ctx) => {
      await uploadDatasetTruth(ctx.prisma, ctx.caller, { datasetId: String(args.datasetId), content: args.content });
      return (await ctx.loaders.dataset.load(String(args.datasetId)))!;
    },
  }),
}));
