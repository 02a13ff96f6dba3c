// Datasets: list, get, delete, matrix slices, the clustered heatmap, genes.
import type { Dataset } from "@exprlab/db";
import { computeHeatmap, type Heatmap } from "../../services/compute-heatmap.ts";
import { deleteDataset } from "../../services/delete-dataset.ts";
import { datasetConditions, getDatasetOrThrow } from "../../services/get-dataset-or-throw.ts";
import { listDatasetGenes, type DatasetGene } from "../../services/list-dataset-genes.ts";
import { listDatasets } from "../../services/list-datasets.ts";
import { readMatrixSlice, type MatrixSlice } from "../../services/read-matrix-slice.ts";
import { builder } from "../builder.ts";
import { ConditionRef, connectionOf, DatasetKindEnum, loadUser, pageArgs, UserRef } from "./common.ts";

export const DatasetGeneRef = builder.objectRef<DatasetGene>("DatasetGene").implement({
  fields: (t) => ({
    index: t.exposeInt("index", { description: "Row index in the dataset." }),
    gene: t.exposeString("gene"),
    annotations: t.exposeStringList("annotations", { description: "Values of the dataset's annotationColumns." }),
  }),
});
const DatasetGeneConnection = connectionOf(DatasetGeneRef, "DatasetGene");

export const DatasetRef = builder.objectRef<Dataset>("Dataset").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    name: t.exposeString("name"),
    description: t.exposeString("description"),
    kind: t.field({ type: DatasetKindEnum, resolve: (d) => d.kind }),
    format: t.exposeString("format", { description: "csv, tsv, gct or geo-series-matrix." }),
    sourceFilename: t.exposeString("sourceFilename"),
    geneCount: t.exposeInt("geneCount"),
    conditionCount: t.exposeInt("conditionCount"),
    missingCount: t.exposeInt("missingCount", { description: "Missing values in the matrix." }),
    conditions: t.field({
      type: [ConditionRef],
      description: "Condition metadata in column order.",
      resolve: (d, _a, ctx) => {
        ctx.work.chargeCells(d.conditionCount * 10, "dataset conditions"); // ~4 fields of ~10 cells' bytes each
        return datasetConditions(d);
      },
    }),
    annotationColumns: t.exposeStringList("annotationColumns"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    createdBy: t.field({ type: UserRef, resolve: (d, _a, ctx) => loadUser(ctx, d.createdById) }),
    runCount: t.int({ resolve: (d, _a, ctx) => ctx.prisma.run.count({ where: { datasetId: d.id, teamId: d.teamId } }) }),
    genes: t.field({
      type: DatasetGeneConnection,
      description: "Genes in row order; `prefix` filters case-insensitively.",
      args: { ...pageArgs, prefix: t.arg.string() },
      resolve: (d, args, ctx) => {
        if (!ctx.caller) throw new Error("unreachable: datasets are only reachable when signed in");
        return listDatasetGenes(ctx.prisma, ctx.caller, { ...args, datasetId: d.id });
      },
    }),
  }),
});
export const DatasetConnection = connectionOf(DatasetRef, "Dataset");

const MatrixSliceRef = builder.objectRef<MatrixSlice>("MatrixSlice").implement({
  description: "Values of genes x conditions (row-major; null = missing).",
  fields: (t) => ({
    datasetId: t.exposeID("datasetId"),
    genes: t.exposeStringList("genes"),
    geneIndices: t.exposeIntList("geneIndices"),
    conditions: t.field({ type: [ConditionRef], resolve: (s) => s.conditions }),
    values: t.field({ type: [t.listRef("Float", { nullable: true })], resolve: (s) => s.values }),
  }),
});

const HeatmapRef = builder.objectRef<Heatmap>("Heatmap").implement({
  description:
    "A clustered overview: the most variable genes (by variance), rows in the leaf order of average-linkage clustering on 1 - Pearson correlation; time courses keep their condition order, sample datasets (<= 300 conditions) get columns clustered too.",
  fields: (t) => ({
    datasetId: t.exposeID("datasetId"),
    genes: t.exposeStringList("genes"),
    geneIndices: t.exposeIntList("geneIndices"),
    conditions: t.field({ type: [ConditionRef], description: "In display order.", resolve: (h) => h.conditions }),
    values: t.field({ type: [t.listRef("Float", { nullable: true })], description: "Raw values.", resolve: (h) => h.values }),
    zscores: t.field({ type: [t.listRef("Float", { nullable: true })], description: "Per-gene z-scores (for the colour scale).", resolve: (h) => h.zscores }),
    ordering: t.exposeString("ordering"),
  }),
});

builder.queryFields((t) => ({
  datasets: t.withAuth({ loggedIn: true }).field({
    type: DatasetConnection,
    description: "A team's datasets, newest first.",
    args: { teamId: t.arg.id({ required: true }), ...pageArgs },
    resolve: (_p, args, ctx) => listDatasets(ctx.prisma, ctx.caller, { ...args, teamId: String(args.teamId) }),
  }),
  dataset: t.withAuth({ loggedIn: true }).field({
    type: DatasetRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => getDatasetOrThrow(ctx.prisma, ctx.caller, String(args.id)),
  }),
  matrixSlice: t.withAuth({ loggedIn: true }).field({
    type: MatrixSliceRef,
    description: "Genes [geneOffset, geneOffset + geneLimit) or the named genes, conditions [conditionStart, conditionEnd). At most 250,000 values.",
    args: {
      datasetId: t.arg.id({ required: true }),
      geneOffset: t.arg.int(),
      geneLimit: t.arg.int(),
      conditionStart: t.arg.int(),
      conditionEnd: t.arg.int(),
      genes: t.arg.stringList(),
    },
    resolve: (_p, args, ctx) => readMatrixSlice(ctx.prisma, ctx.caller, { ...args, datasetId: String(args.datasetId) }, ctx.work),
  }),
  heatmap: t.withAuth({ loggedIn: true }).field({
    type: HeatmapRef,
    description: "The dataset's heatmap: maxGenes (default 50, max 200) most variable genes in clustered order.",
    args: { datasetId: t.arg.id({ required: true }), maxGenes: t.arg.int() },
    resolve: (_p, args, ctx) => computeHeatmap(ctx.prisma, ctx.caller, { datasetId: String(args.datasetId), maxGenes: args.maxGenes }, ctx.work),
  }),
}));

builder.mutationFields((t) => ({
  deleteDataset: t.withAuth({ loggedIn: true }).id({
    description: "Deletes a dataset with its runs and biclusters (members and up). Returns its id.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_p, args, ctx) => (await deleteDataset(ctx.prisma, ctx.caller, String(args.id))).id,
  }),
}));
