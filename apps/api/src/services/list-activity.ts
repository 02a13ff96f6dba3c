import type { ActivityEvent, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

/** A team's activity feed, newest first. */
export async function listActivity(prisma: PrismaClient, caller: Caller, args: PageArgs & { teamId: string }): Promise<Connection<ActivityEvent>> {
  await requireTeamRole(caller, args.teamId, "VIEWER");
  const where = { teamId: { in: [args.teamId] } };
  return paginate({
    args,
    sortField: "createdAt",
    direction: "desc",
    find: ({ cursorWhere, orderBy, take }) => prisma.activityEvent.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.activityEvent.count({ where }),
  });
}
