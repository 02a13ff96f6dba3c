// Gene search across a team's datasets, biclusters and annotations: genes whose symbol starts with
// the query (case-insensitive), with how many of the team's datasets, biclusters and runs contain
// them. The team scope is in the SQL of every branch.
import type { PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";

export interface GeneHit {
  teamId: string;
  gene: string;
  datasetCount: number;
  biclusterCount: number;
  runCount: number;
}

export const MAX_GENE_HITS = 100;

function likePrefix(query: string): string {
  return query.replace(/[\\%_]/g, (c) => `\\${c}`) + "%";
}

export async function searchGenes(
  prisma: PrismaClient,
  caller: Caller,
  args: { teamId: string; query: string; limit?: number | null },
): Promise<GeneHit[]> {
  await requireTeamRole(caller, args.teamId, "VIEWER");
  const query = args.query.trim();
  if (query.length < 1 || query.length > 100) throw badInput("query", "must have 1 to 100 characters");
  const limit = args.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GENE_HITS) throw badInput("limit", `must be between 1 and ${MAX_GENE_HITS}`);
  const teamId = args.teamId;
  const pattern = likePrefix(query);
  const rows = await prisma.$queryRaw<{ gene: string; datasetCount: number; biclusterCount: number; runCount: number }[]>`
    WITH hits AS (
      SELECT r.gene, COUNT(DISTINCT r."datasetId")::int AS datasets, 0 AS biclusters, 0 AS runs
        FROM "DatasetRow" r JOIN "Dataset" d ON d.id = r."datasetId"
       WHERE d."teamId" = ${teamId} AND r.gene ILIKE ${pattern}
       GROUP BY r.gene
      UNION ALL
      SELECT g.gene, 0, COUNT(*)::int, COUNT(DISTINCT b."runId")::int
        FROM "BiclusterGene" g JOIN "Bicluster" b ON b.id = g."biclusterId"
       WHERE b."teamId" = ${teamId} AND g.gene ILIKE ${pattern}
       GROUP BY g.gene
      UNION ALL
      SELECT a.gene, 0, 0, 0 FROM "Annotation" a WHERE a."teamId" = ${teamId} AND a.gene ILIKE ${pattern}
    )
    SELECT gene,
           SUM(datasets)::int AS "datasetCount",
           SUM(biclusters)::int AS "biclusterCount",
           SUM(runs)::int AS "runCount"
      FROM hits
     GROUP BY gene
     ORDER BY (lower(gene) = lower(${query})) DESC, gene ASC
     LIMIT ${limit}`;
  return rows.map((r) => ({ teamId, gene: r.gene, datasetCount: Number(r.datasetCount), biclusterCount: Number(r.biclusterCount), runCount: Number(r.runCount) }));
}
