// Runs beyond biclustering: classifiers trained on a labelled dataset (a column of its sample
// metadata) and regressors compared on a DE table, plus the DE tables themselves (limma between
// two groups). Their results are members of the RunResult union (types/results/).
import type { Condition } from "@exprlab/core";
import { classBalance } from "@exprlab/core";
import { computeDifferentialExpression } from "../../services/compute-differential-expression.ts";
import { createRun } from "../../services/create-run.ts";
import { badInput, limitExceeded } from "../../errors.ts";
import { getBiclusterOrThrow } from "../../services/get-bicluster-or-throw.ts";
import { getDatasetOrThrow } from "../../services/get-dataset-or-throw.ts";
import { loadMatrix } from "../../worker/kinds/bicluster.ts";
import { classLabels, conditionColumns } from "../../services/run-input.ts";
import { builder } from "../builder.ts";
import { DatasetRef } from "./datasets.ts";
import { ClassCountRef } from "./results/classify.ts";
import { RunRef } from "./runs.ts";

const conditionsOf = (d: { conditions: unknown }) => d.conditions as Condition[];

/** Rows of a DE table sent whole to a browser (6 columns each). */
const MAX_DE_ROWS = 50_000;

builder.objectFields(DatasetRef, (t) => ({
  sampleColumns: t.stringList({
    description: "Columns of the sample metadata (group, label, ... and free columns): what a classifier can learn or a DE test can compare.",
    resolve: (d) => conditionColumns(conditionsOf(d)),
  }),
  classBalance: t.field({
    type: [ClassCountRef],
    description: "Samples per value of a sample-metadata column (unlabelled samples left out).",
    args: { column: t.arg.string({ required: true }) },
    resolve: (d, args) => classBalance(classLabels(conditionsOf(d), args.column)),
  }),
}));

builder.objectFields(RunRef, (t) => ({
  labelColumn: t.string({ nullable: true, description: "CLASSIFY: the sample-metadata column of the classes.", resolve: (r) => inputField(r.input, "labelColumn") }),
  panelSize: t.int({ nullable: true, description: "CLASSIFY: genes of the panel given instead of the method's feature set.", resolve: (r) => inputList(r.input, "panel")?.length ?? null }),
  target: t.string({ nullable: true, description: "REGRESS: the DE-table column predicted.", resolve: (r) => inputField(r.input, "target") }),
}));

function inputField(input: unknown, key: string): string | null {
  const v = input && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined;
  return typeof v === "string" ? v : null;
}
function inputList(input: unknown, key: string): unknown[] | null {
  const v = input && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined;
  return Array.isArray(v) ? v : null;
}

const runArgs = builder.args((t) => ({
  datasetId: t.id({ required: true }),
  method: t.string(),
  params: t.field({ type: "JSON", description: "Method parameters; missing ones take their defaults." }),
  seed: t.int({ description: "Default: random." }),
  name: t.string(),
  notes: t.string(),
}));

builder.mutationFields((t) => ({
  createClassifyRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description:
      "Queues a classifier run (members and up) on a dataset whose samples carry classes in a sample-metadata column. The genes of a bicluster (panelBiclusterId) or a gene list (panelGenes) can be the features.",
    args: {
      ...runArgs,
      labelColumn: t.arg.string({ required: true }),
      panelGenes: t.arg.stringList(),
      panelBiclusterId: t.arg.id({ description: "Use this bicluster's genes as the panel." }),
    },
    resolve: async (_p, args, ctx) => {
      let panel = args.panelGenes ?? undefined;
      if (args.panelBiclusterId) {
        const b = await getBiclusterOrThrow(ctx.prisma, ctx.caller, String(args.panelBiclusterId));
        const genes = await ctx.prisma.biclusterGene.findMany({ where: { biclusterId: b.id }, select: { gene: true }, orderBy: { geneIndex: "asc" } });
        panel = genes.map((g) => g.gene);
      }
      return createRun(
        ctx,
        ctx.caller,
        { ...args, datasetId: String(args.datasetId), input: { labelColumn: args.labelColumn, ...(panel ? { panel } : {}) } },
        "CLASSIFY",
      );
    },
  }),
  createRegressRun: t.withAuth({ loggedIn: true }).field({
    type: RunRef,
    description: "Queues a comparison of regressors (members and up) predicting one column of a DE table.",
    args: { ...runArgs, target: t.arg.string({ required: true, description: "The column to predict, e.g. logFC or B." }) },
    resolve: (_p, args, ctx) => createRun(ctx, ctx.caller, { ...args, datasetId: String(args.datasetId), input: { target: args.target } }, "REGRESS"),
  }),
  computeDifferentialExpression: t.withAuth({ loggedIn: true }).field({
    type: DatasetRef,
    description:
      "limma's moderated t-test between two groups of a sample-metadata column (members and up); the topTable becomes a new DE-table dataset (logFC = mean(second) - mean(first)).",
    args: {
      datasetId: t.arg.id({ required: true }),
      labelColumn: t.arg.string({ required: true }),
      first: t.arg.string({ required: true, description: "The reference group." }),
      second: t.arg.string({ required: true }),
      name: t.arg.string(),
    },
    resolve: (_p, args, ctx) =>
      computeDifferentialExpression(ctx.prisma, ctx.caller, {
        datasetId: String(args.datasetId),
        labelColumn: args.labelColumn,
        groups: [args.first, args.second],
        name: args.name ?? null,
      }),
  }),
}));

interface DeTableView {
  columns: string[];
  genes: string[];
  values: (number | null)[][];
}

const DeTableRef = builder.objectRef<DeTableView>("DeTable").implement({
  description: "A DE-table dataset's rows (genes) and numeric columns, for volcano plots and tables.",
  fields: (t) => ({
    columns: t.exposeStringList("columns"),
    genes: t.exposeStringList("genes"),
    values: t.field({ type: t.listRef(t.listRef("Float", { nullable: true })), description: "genes x columns; null = missing.", resolve: (d) => d.values }),
  }),
});

builder.queryFields((t) => ({
  deTable: t.withAuth({ loggedIn: true }).field({
    type: DeTableRef,
    description: "Every row of a DE-table dataset (at most 50,000 genes).",
    args: { datasetId: t.arg.id({ required: true }) },
    resolve: async (_p, args, ctx) => {
      const dataset = await getDatasetOrThrow(ctx.prisma, ctx.caller, String(args.datasetId));
      if (dataset.kind !== "DE_TABLE") throw badInput("datasetId", "is not a DE table");
      if (dataset.geneCount > MAX_DE_ROWS) throw limitExceeded("rows", `a DE table of more than ${MAX_DE_ROWS} genes is not sent whole; export it instead`);
      const m = await loadMatrix(ctx.prisma, dataset.id);
      const C = m.conditions.length;
      return {
        columns: m.conditions.map((c) => c.id),
        genes: m.genes,
        values: m.genes.map((_, i) => Array.from(m.values.subarray(i * C, (i + 1) * C), (v) => (Number.isFinite(v) ? v : null))),
      };
    },
  }),
}));
