import type { Comment, PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { resolveCommentTarget, type CommentTargetInput } from "./comments.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

/** Comments of one target, oldest first (a thread). */
export async function listComments(prisma: PrismaClient, caller: Caller, args: PageArgs & CommentTargetInput): Promise<Connection<Comment>> {
  const t = await resolveCommentTarget(prisma, caller, args);
  const where = {
    teamId: { in: [t.teamId] },
    target: t.target,
    ...(t.runId ? { runId: t.runId } : {}),
    ...(t.biclusterId ? { biclusterId: t.biclusterId } : {}),
    ...(t.gene ? { gene: t.gene } : {}),
  };
  return paginate({
    args,
    sortField: "createdAt",
    direction: "asc",
    find: ({ cursorWhere, orderBy, take }) => prisma.comment.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.comment.count({ where }),
  });
}
