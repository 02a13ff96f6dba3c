// A bicluster's data from its dataset's rows: the submatrix (genes x the bicluster's conditions) for
// its heatmap and the member genes' profiles over all conditions (z-scored like meanProfile).
import { decodeRow, type Bicluster, type PrismaClient } from "@exprlab/db";
import { datasetConditions, type ConditionInfo } from "./get-dataset-or-throw.ts";
import { zscore } from "./order-heatmap.ts";
import { toNullable } from "./read-matrix-slice.ts";

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

/** Loads the dataset rows of a bicluster's genes (at most `limit`, in gene order of the bicluster). */
async function loadRows(prisma: PrismaClient, bicluster: Bicluster, limit: number) {
  const run = await prisma.run.findFirstOrThrow({
    where: { id: bicluster.runId, teamId: bicluster.teamId },
    select: { dataset: { select: { id: true, conditions: true, teamId: true } } },
  });
  const genes = await prisma.biclusterGene.findMany({
    where: { biclusterId: bicluster.id },
    orderBy: [{ silhouette: { sort: "desc", nulls: "last" } }, { gene: "asc" }],
    take: limit,
    select: { gene: true, geneIndex: true },
  });
  const rows = await prisma.datasetRow.findMany({
    where: { datasetId: run.dataset.id, dataset: { teamId: bicluster.teamId }, index: { in: genes.map((g) => g.geneIndex) } },
    select: { index: true, gene: true, values: true },
  });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const ordered = genes.flatMap((g) => {
    const row = byIndex.get(g.geneIndex);
    return row ? [{ gene: g.gene, values: decodeRow(row.values) }] : [];
  });
  return { conditions: datasetConditions(run.dataset), rows: ordered };
}

export async function readBiclusterMatrix(prisma: PrismaClient, bicluster: Bicluster, limit = 500): Promise<BiclusterMatrix> {
  const { conditions, rows } = await loadRows(prisma, bicluster, limit);
  const cols = bicluster.conditions;
  return {
    genes: rows.map((r) => r.gene),
    conditions: cols.map((j) => conditions[j]).filter((c): c is ConditionInfo => c !== undefined),
    values: rows.map((r) => toNullable(cols.map((j) => r.values[j] ?? NaN))),
  };
}

export async function readMemberProfiles(prisma: PrismaClient, bicluster: Bicluster, limit = 200): Promise<MemberProfile[]> {
  const { rows } = await loadRows(prisma, bicluster, limit);
  return rows.map((r) => ({ gene: r.gene, values: toNullable(r.values), zscores: toNullable(zscore(r.values)) }));
}
