import type { PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

export interface DatasetGene {
  id: string;
  index: number;
  gene: string;
  /** Values of the dataset's extra annotation columns. */
  annotations: string[];
}

/** Genes of a dataset in row order, optionally those starting with `prefix` (case-insensitive). */
export async function listDatasetGenes(
  prisma: PrismaClient,
  caller: Caller,
  args: PageArgs & { datasetId: string; prefix?: string | null },
): Promise<Connection<DatasetGene>> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  const where = {
    datasetId: dataset.id,
    dataset: { teamId: dataset.teamId },
    ...(args.prefix ? { gene: { startsWith: args.prefix, mode: "insensitive" as const } } : {}),
  };
  const select = { index: true, gene: true, annotations: true } as const;
  // Keyset on `index` (unique within the dataset).
  return paginate<DatasetGene>({
    args,
    sortField: "index",
    direction: "asc",
    uniqueSort: true,
    find: async ({ cursorWhere, orderBy, take }) => {
      const rows = await prisma.datasetRow.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take, select });
      return rows.map((r) => ({ ...r, id: `${dataset.id}:${r.index}` }));
    },
    count: () => prisma.datasetRow.count({ where }),
  });
}
