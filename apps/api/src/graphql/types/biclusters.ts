// Biclusters: by run (filter, sort), by id with genes/conditions/profiles/submatrix, by gene, gene search.
import type { Bicluster, BiclusterGene } from "@exprlab/db";
import { badInput, notFound } from "../../errors.ts";
import { getBiclusterOrThrow } from "../../services/get-bicluster-or-throw.ts";
import { datasetConditions } from "../../services/get-dataset-or-throw.ts";
import { listBiclustersByGene } from "../../services/list-biclusters-by-gene.ts";
import { listBiclusters } from "../../services/list-biclusters.ts";
import { biclusterMatrix, MAX_BICLUSTER_ROWS, memberProfiles, type BiclusterMatrix, type MemberProfile } from "../../services/read-bicluster-matrix.ts";
import { searchGenes, type GeneHit } from "../../services/search-genes.ts";
import { builder } from "../builder.ts";
import { annotationKey } from "../loaders.ts";
import { AnnotationRef } from "./annotations.ts";
import { BiomarkerStatusEnum, ConditionRef, connectionOf, pageArgs } from "./common.ts";
import { RunRef } from "./runs.ts";

const BiclusterSortEnum = builder.enumType("BiclusterSort", {
  description: "SIZE: most genes first; MSR: most coherent (lowest residue) first; SILHOUETTE: highest first; P_VALUE: most significant first; INDEX: run order.",
  values: ["SIZE", "MSR", "SILHOUETTE", "P_VALUE", "INDEX"] as const,
});

function clampLimit(limit: number | null | undefined, fallback: number): number {
  return Math.min(Math.max(limit ?? fallback, 1), MAX_BICLUSTER_ROWS);
}

type GeneOfBicluster = BiclusterGene & { teamId: string };

const BiclusterGeneRef = builder.objectRef<GeneOfBicluster>("BiclusterGene").implement({
  fields: (t) => ({
    gene: t.exposeString("gene"),
    geneIndex: t.exposeInt("geneIndex", { description: "Row index in the run's dataset." }),
    silhouette: t.exposeFloat("silhouette", { nullable: true }),
    lag: t.exposeInt("lag", { nullable: true, description: "Time points this gene follows the bicluster's pattern late (negative: early); null when the run allowed no lags (maxLag 0)." }),
    annotation: t.field({
      type: AnnotationRef,
      nullable: true,
      description: "The team's annotation of this gene (batched per request).",
      resolve: (g, _a, ctx) => ctx.loaders.annotation.load(annotationKey(g.teamId, g.gene)),
    }),
    annotationStatus: t.field({
      type: BiomarkerStatusEnum,
      nullable: true,
      resolve: async (g, _a, ctx) => (await ctx.loaders.annotation.load(annotationKey(g.teamId, g.gene)))?.status ?? null,
    }),
  }),
});

const BiclusterMatrixRef = builder.objectRef<BiclusterMatrix>("BiclusterMatrix").implement({
  description: "The bicluster's submatrix: its genes x its conditions (raw values; null = missing).",
  fields: (t) => ({
    genes: t.exposeStringList("genes"),
    conditions: t.field({ type: [ConditionRef], resolve: (m) => m.conditions }),
    values: t.field({ type: [t.listRef("Float", { nullable: true })], resolve: (m) => m.values }),
  }),
});

const MemberProfileRef = builder.objectRef<MemberProfile>("MemberProfile").implement({
  description: "A member gene over all the dataset's conditions.",
  fields: (t) => ({
    gene: t.exposeString("gene"),
    values: t.field({ type: t.listRef("Float", { nullable: true }), resolve: (p) => p.values }),
    zscores: t.field({ type: t.listRef("Float", { nullable: true }), description: "Same scale as meanProfile.", resolve: (p) => p.zscores }),
  }),
});

export const BiclusterRef = builder.objectRef<Bicluster>("Bicluster").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    index: t.exposeInt("index", { description: "Position within the run (0-based)." }),
    runId: t.exposeID("runId"),
    run: t.field({
      type: RunRef,
      resolve: async (b, _a, ctx) => {
        const run = await ctx.loaders.run.load(b.runId);
        if (!run) throw notFound("Run");
        return run;
      },
    }),
    geneCount: t.exposeInt("geneCount"),
    conditionCount: t.exposeInt("conditionCount"),
    conditionIndices: t.exposeIntList("conditions", { description: "Condition indices into the dataset's conditions." }),
    conditions: t.field({
      type: [ConditionRef],
      resolve: async (b, _a, ctx) => {
        const run = await ctx.loaders.run.load(b.runId);
        const dataset = run ? await ctx.loaders.dataset.load(run.datasetId) : null;
        if (!dataset) throw notFound("Dataset");
        const all = datasetConditions(dataset);
        return b.conditions.flatMap((j) => (all[j] ? [all[j]] : []));
      },
    }),
    msr: t.exposeFloat("msr", { description: "Mean squared residue (lower is more coherent)." }),
    silhouette: t.exposeFloat("silhouette", { nullable: true }),
    pValue: t.exposeFloat("pValue", { nullable: true }),
    meanProfile: t.exposeFloatList("meanProfile", { description: "Mean z-scored profile over all the dataset's conditions." }),
    genes: t.field({
      type: [BiclusterGeneRef],
      description: "Member genes, best silhouette first (the first `first` of them when given: a table's top genes).",
      args: { first: t.arg.int({ description: "At most this many genes (1-10,000); all when omitted." }) },
      resolve: async (b, args, ctx) => {
        const first = args.first ?? undefined;
        if (first !== undefined && (first < 1 || first > 10_000)) throw badInput("first", "must be from 1 to 10,000");
        ctx.work.charge(Math.min(b.geneCount, first ?? b.geneCount), "bicluster genes"); // one unit a gene
        return (
          await ctx.prisma.biclusterGene.findMany({
            where: { biclusterId: b.id, bicluster: { teamId: b.teamId } },
            orderBy: [{ silhouette: { sort: "desc", nulls: "last" } }, { gene: "asc" }],
            ...(first !== undefined ? { take: first } : {}),
          })
        ).map((g) => ({ ...g, teamId: b.teamId }));
      },
    }),
    matrix: t.field({
      type: BiclusterMatrixRef,
      description: "Heatmap data: genes (at most `limit`, default 500, max 2000) x the bicluster's conditions.",
      args: { limit: t.arg.int() },
      resolve: async (b, args, ctx) => {
        const limit = clampLimit(args.limit, 500);
        ctx.work.chargeCells(Math.min(limit, b.geneCount) * b.conditionCount, "bicluster matrix");
        return biclusterMatrix(b, await ctx.loaders.biclusterRows.load(b), limit);
      },
    }),
    memberProfiles: t.field({
      type: [MemberProfileRef],
      description: "Profiles of member genes (at most `limit`, default 200, max 2000) over all conditions, for the line plot.",
      args: { limit: t.arg.int() },
      resolve: async (b, args, ctx) => {
        const data = await ctx.loaders.biclusterRows.load(b);
        const limit = clampLimit(args.limit, 200);
        ctx.work.chargeCells(2 * Math.min(limit, data.rows.length) * data.conditions.length, "member profiles");
        return memberProfiles(data, limit);
      },
    }),
  }),
});
const BiclusterConnection = connectionOf(BiclusterRef, "Bicluster");

const GeneHitRef = builder.objectRef<GeneHit>("GeneHit").implement({
  fields: (t) => ({
    gene: t.exposeString("gene"),
    datasetCount: t.exposeInt("datasetCount", { description: "The team's datasets containing the gene." }),
    biclusterCount: t.exposeInt("biclusterCount", { description: "The team's biclusters containing the gene." }),
    runCount: t.exposeInt("runCount", { description: "The team's runs with a bicluster containing the gene." }),
    annotation: t.field({
      type: AnnotationRef,
      nullable: true,
      resolve: (h, _a, ctx) => ctx.loaders.annotation.load(annotationKey(h.teamId, h.gene)),
    }),
  }),
});

builder.objectField(RunRef, "biclusters", (t) =>
  t.field({
    type: BiclusterConnection,
    description: "The run's biclusters (same filters as Query.biclusters).",
    args: { minGenes: t.arg.int(), maxPValue: t.arg.float(), sort: t.arg({ type: BiclusterSortEnum }), reverse: t.arg.boolean(), ...pageArgs },
    resolve: (run, args, ctx) => {
      if (!ctx.caller) throw notFound("Run");
      return listBiclusters(ctx.prisma, ctx.caller, { ...args, runId: run.id });
    },
  }),
);

builder.queryFields((t) => ({
  biclusters: t.withAuth({ loggedIn: true }).field({
    type: BiclusterConnection,
    description: "A run's biclusters, filtered by size and p-value, sorted (default SIZE).",
    args: {
      runId: t.arg.id({ required: true }),
      minGenes: t.arg.int(),
      maxPValue: t.arg.float(),
      sort: t.arg({ type: BiclusterSortEnum }),
      reverse: t.arg.boolean({ description: "Reverse the sort's natural direction." }),
      ...pageArgs,
    },
    resolve: (_p, args, ctx) => listBiclusters(ctx.prisma, ctx.caller, { ...args, runId: String(args.runId) }),
  }),
  bicluster: t.withAuth({ loggedIn: true }).field({
    type: BiclusterRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => getBiclusterOrThrow(ctx.prisma, ctx.caller, String(args.id)),
  }),
  biclustersByGene: t.withAuth({ loggedIn: true }).field({
    type: BiclusterConnection,
    description: "Every bicluster of the team's runs containing the gene, newest first.",
    args: { teamId: t.arg.id({ required: true }), gene: t.arg.string({ required: true }), ...pageArgs },
    resolve: (_p, args, ctx) => listBiclustersByGene(ctx.prisma, ctx.caller, { ...args, teamId: String(args.teamId) }),
  }),
  geneSearch: t.withAuth({ loggedIn: true }).field({
    type: [GeneHitRef],
    description: "Genes starting with `query` (case-insensitive) in the team's datasets, biclusters and annotations, with counts.",
    args: { teamId: t.arg.id({ required: true }), query: t.arg.string({ required: true }), limit: t.arg.int({ description: "Default 20, max 100." }) },
    resolve: (_p, args, ctx) => searchGenes(ctx.prisma, ctx.caller, { ...args, teamId: String(args.teamId) }),
  }),
}));
