// The interactive heatmap's data: windows of a server-side ordered matrix (all genes of a dataset
// or of a bicluster), as bins for the overview and as genes for a zoomed range.
import { badInput } from "../../errors.ts";
import { getBiclusterOrThrow } from "../../services/get-bicluster-or-throw.ts";
import { getDatasetOrThrow } from "../../services/get-dataset-or-throw.ts";
import { heatmapView, MAX_VIEW_CELLS, type HeatmapBin, type HeatmapView } from "../../services/heatmap-view.ts";
import type { ValueRange } from "../../services/heatmap-matrix.ts";
import { builder } from "../builder.ts";
import { ConditionRef } from "./common.ts";

const HeatmapScaleEnum = builder.enumType("HeatmapScale", {
  description: "ZSCORE: per-gene z-score over all the dataset's conditions (population sd); RAW: the values as imported.",
  values: ["ZSCORE", "RAW"] as const,
});
const HeatmapColumnsEnum = builder.enumType("HeatmapColumns", {
  description: "For a bicluster: its own conditions (BICLUSTER, default) or all the dataset's conditions (ALL).",
  values: ["BICLUSTER", "ALL"] as const,
});

const HeatmapBinRef = builder.objectRef<HeatmapBin>("HeatmapBin").implement({
  description: "One drawn row: a gene, or a bin of consecutive genes in the clustered order (their mean per column).",
  fields: (t) => ({
    start: t.exposeInt("start", { description: "Position of its first gene in the ordered matrix." }),
    count: t.exposeInt("count", { description: "Genes in the bin (1 = the gene itself)." }),
    firstGene: t.exposeString("firstGene"),
    lastGene: t.exposeString("lastGene"),
    geneIndex: t.exposeInt("geneIndex", { nullable: true, description: "Dataset row index when count is 1." }),
  }),
});

const ValueRangeRef = builder.objectRef<ValueRange>("HeatmapRange").implement({
  description: "Value range of the whole ordered matrix (the colour scale stays fixed while zooming).",
  fields: (t) => ({
    min: t.exposeFloat("min"),
    max: t.exposeFloat("max"),
    p02: t.exposeFloat("p02", { description: "2nd percentile." }),
    p98: t.exposeFloat("p98", { description: "98th percentile." }),
  }),
});

const HeatmapMatchRef = builder.objectRef<{ gene: string; position: number }>("HeatmapMatch").implement({
  fields: (t) => ({ gene: t.exposeString("gene"), position: t.exposeInt("position", { description: "Row position in the ordered matrix." }) }),
});

const HeatmapViewRef = builder.objectRef<HeatmapView>("HeatmapView").implement({
  description: `A window [rowStart, rowEnd) of the ordered matrix, as at most maxRows drawn rows (bins when the window holds more genes). At most ${MAX_VIEW_CELLS.toLocaleString("en")} values per response.`,
  fields: (t) => ({
    totalRows: t.exposeInt("totalRows", { description: "Genes in the ordered matrix." }),
    sourceGenes: t.exposeInt("sourceGenes", { description: "Genes of the dataset or bicluster (more than totalRows when capped to the most variable)." }),
    rowStart: t.exposeInt("rowStart"),
    rowEnd: t.exposeInt("rowEnd"),
    binSize: t.exposeInt("binSize", { description: "Genes per drawn row (1 = detail)." }),
    rows: t.field({ type: [HeatmapBinRef], resolve: (v) => v.rows }),
    conditions: t.field({ type: [ConditionRef], description: "Shown conditions in display order (by time when every one has a time).", resolve: (v) => v.conditions }),
    values: t.field({ type: [t.listRef("Float", { nullable: true })], description: "rows x conditions, in the chosen scale; null = missing.", resolve: (v) => v.values }),
    scale: t.field({ type: HeatmapScaleEnum, resolve: (v) => v.scale }),
    range: t.field({ type: ValueRangeRef, resolve: (v) => v.range }),
    ordering: t.exposeString("ordering", { description: "How rows and columns were chosen and ordered, in words." }),
    matches: t.field({ type: [HeatmapMatchRef], description: "Genes matching `find` (exact match first, at most 500).", resolve: (v) => v.matches }),
    matchCount: t.exposeInt("matchCount"),
    buildSeconds: t.exposeFloat("buildSeconds", { description: "Time it took to order the matrix (once; then cached)." }),
  }),
});

builder.queryFields((t) => ({
  heatmapView: t.withAuth({ loggedIn: true }).field({
    type: HeatmapViewRef,
    description: "The interactive heatmap of a dataset (datasetId) or of a bicluster (biclusterId): all their genes, clustered, binned to fit maxRows.",
    args: {
      datasetId: t.arg.id(),
      biclusterId: t.arg.id(),
      rowStart: t.arg.int({ description: "First position (default 0)." }),
      rowEnd: t.arg.int({ description: "End position, exclusive (default: all rows)." }),
      maxRows: t.arg.int({ description: "Drawn rows at most (default 500, max 4000; fewer for wide matrices)." }),
      scale: t.arg({ type: HeatmapScaleEnum }),
      columns: t.arg({ type: HeatmapColumnsEnum }),
      find: t.arg.string({ description: "Genes containing this text (case-insensitive) are returned in matches." }),
    },
    resolve: async (_p, args, ctx) => {
      if ((args.datasetId == null) === (args.biclusterId == null)) throw badInput("datasetId", "give exactly one of datasetId and biclusterId");
      if (args.biclusterId != null) {
        const bicluster = await getBiclusterOrThrow(ctx.prisma, ctx.caller, String(args.biclusterId));
        const run = await ctx.prisma.run.findFirstOrThrow({ where: { id: bicluster.runId, teamId: bicluster.teamId }, select: { datasetId: true } });
        const dataset = await getDatasetOrThrow(ctx.prisma, ctx.caller, run.datasetId);
        return heatmapView(ctx.prisma, { dataset, bicluster }, args);
      }
      const dataset = await getDatasetOrThrow(ctx.prisma, ctx.caller, String(args.datasetId));
      return heatmapView(ctx.prisma, { dataset }, args);
    },
  }),
}));
