import type { Bicluster, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

/** Every bicluster of the team's runs that contains `gene` (exact symbol), newest first. */
export async function listBiclustersByGene(
  prisma: PrismaClient,
  caller: Caller,
  args: PageArgs & { teamId: string; gene: string },
): Promise<Connection<Bicluster>> {
  await requireTeamRole(caller, args.teamId, "VIEWER");
  const gene = args.gene.trim();
  if (!gene) throw badInput("gene", "is required");
  const where = { teamId: { in: [args.teamId] }, genes: { some: { gene } } };
  return paginate({
    args,
    sortField: "createdAt",
    direction: "desc",
    find: ({ cursorWhere, orderBy, take }) => prisma.bicluster.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.bicluster.count({ where }),
  });
}
