import type { Dataset, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

/** A team's datasets, newest first. */
export async function listDatasets(prisma: PrismaClient, caller: Caller, args: PageArgs & { teamId: string }): Promise<Connection<Dataset>> {
  await requireTeamRole(caller, args.teamId, "VIEWER");
  const where = { teamId: { in: [args.teamId] } };
  return paginate({
    args,
    sortField: "createdAt",
    direction: "desc",
    find: ({ cursorWhere, orderBy, take }) => prisma.dataset.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.dataset.count({ where }),
  });
}
