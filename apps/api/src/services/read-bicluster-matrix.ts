// A bicluster's data from its dataset's rows: the submatrix (genes x the bicluster's conditions) for
// its heatmap and the member genes' profiles over all conditions (z-scored like meanProfile).
// `loadBiclusterRows` reads the rows once; the GraphQL layer caches it per request so that `matrix`
// and `memberProfiles` of one bicluster share a single read.
import { decodeRow, type Bicluster, type PrismaClient } from "@exprlab/db";
import { datasetConditions, type ConditionInfo } from "./get-dataset-or-throw.ts";
import { zscore } from "./order-heatmap.ts";
import { toNullable } from "./read-matrix-slice.ts";

/** At most this many member genes are read for heatmaps and profiles. */
export const MAX_BICLUSTER_ROWS = 2_000;

export interface BiclusterRows {
  conditions: ConditionInfo[];
  /** Member genes, best silhouette first, with their full rows. */
  rows: { gene: string; values: Float32Array }[];
}

export interface BiclusterMatrix {
  genes: string[];
  conditions: ConditionInfo[];
  /** genes x bicluster conditions, raw values; null = missing. */
  values: (number | null)[][];
}

export interface MemberProfile {
  gene: string;
  /** Raw values over all the dataset's conditions. */
  values: (number | null)[];
  /** The same values z-scored per gene (the scale of meanProfile). */
  zscores: (number | null)[];
}

/** Reads the dataset rows of a bicluster (loaded through a scoped service) and its conditions. */
export async function loadBiclusterRows(prisma: PrismaClient, bicluster: Bicluster): Promise<BiclusterRows> {
  const [run, genes] = await Promise.all([
    prisma.run.findFirstOrThrow({
      where: { id: bicluster.runId, teamId: bicluster.teamId },
      select: { dataset: { select: { id: true, conditions: true } } },
    }),
    prisma.biclusterGene.findMany({
      where: { biclusterId: bicluster.id },
      orderBy: [{ silhouette: { sort: "desc", nulls: "last" } }, { gene: "asc" }],
      take: MAX_BICLUSTER_ROWS,
      select: { gene: true, geneIndex: true },
    }),
  ]);
  const rows = await prisma.datasetRow.findMany({
    where: { datasetId: run.dataset.id, dataset: { teamId: bicluster.teamId }, index: { in: genes.map((g) => g.geneIndex) } },
    select: { index: true, values: true },
  });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  return {
    conditions: datasetConditions(run.dataset),
    rows: genes.flatMap((g) => {
      const row = byIndex.get(g.geneIndex);
      return row ? [{ gene: g.gene, values: decodeRow(row.values) }] : [];
    }),
  };
}

export function biclusterMatrix(bicluster: Bicluster, data: BiclusterRows, limit: number): BiclusterMatrix {
  const cols = bicluster.conditions;
  const rows = data.rows.slice(0, limit);
  return {
    genes: rows.map((r) => r.gene),
    conditions: cols.map((j) => data.conditions[j]).filter((c): c is ConditionInfo => c !== undefined),
    values: rows.map((r) => toNullable(cols.map((j) => r.values[j] ?? NaN))),
  };
}

export function memberProfiles(data: BiclusterRows, limit: number): MemberProfile[] {
  return data.rows.slice(0, limit).map((r) => ({ gene: r.gene, values: toNullable(r.values), zscores: toNullable(zscore(r.values)) }));
}
