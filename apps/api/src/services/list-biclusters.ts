import type { Bicluster, PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { getRunOrThrow } from "./get-run-or-throw.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

export type BiclusterSort = "SIZE" | "MSR" | "SILHOUETTE" | "P_VALUE" | "INDEX";

/** Sort field and its natural direction: big, coherent, well-separated, significant first. */
const SORTS: Record<BiclusterSort, { field: keyof Bicluster; direction: "asc" | "desc"; nullable: boolean }> = {
  SIZE: { field: "geneCount", direction: "desc", nullable: false },
  MSR: { field: "msr", direction: "asc", nullable: false },
  SILHOUETTE: { field: "silhouette", direction: "desc", nullable: true },
  P_VALUE: { field: "pValue", direction: "asc", nullable: true },
  INDEX: { field: "index", direction: "asc", nullable: false },
};

export interface ListBiclustersArgs extends PageArgs {
  runId: string;
  minGenes?: number | null;
  maxPValue?: number | null;
  sort?: BiclusterSort | null;
  /** Reverse the natural direction of the sort. */
  reverse?: boolean | null;
}

/** A run's biclusters, filtered and sorted. */
export async function listBiclusters(prisma: PrismaClient, caller: Caller, args: ListBiclustersArgs): Promise<Connection<Bicluster>> {
  const run = await getRunOrThrow(prisma, caller, args.runId);
  if (args.minGenes != null && (!Number.isInteger(args.minGenes) || args.minGenes < 0)) throw badInput("minGenes", "must be 0 or more");
  if (args.maxPValue != null && !(args.maxPValue >= 0 && args.maxPValue <= 1)) throw badInput("maxPValue", "must be between 0 and 1");
  const where = {
    runId: run.id,
    teamId: { in: [run.teamId] },
    ...(args.minGenes != null ? { geneCount: { gte: args.minGenes } } : {}),
    ...(args.maxPValue != null ? { pValue: { lte: args.maxPValue } } : {}),
  };
  const sort = SORTS[args.sort ?? "SIZE"];
  const direction = args.reverse ? (sort.direction === "asc" ? "desc" : "asc") : sort.direction;
  return paginate({
    args,
    sortField: sort.field,
    direction,
    nullable: sort.nullable,
    find: ({ cursorWhere, orderBy, take }) => prisma.bicluster.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.bicluster.count({ where }),
  });
}
