import type { Membership, PrismaClient, User } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { requireTeamRole } from "../auth/authorize.ts";

export type MemberWithUser = Membership & { user: User };

/** Members of a team the caller belongs to (any role), owners first. */
export async function listMembers(prisma: PrismaClient, caller: Caller, teamId: string): Promise<MemberWithUser[]> {
  await requireTeamRole(caller, teamId, "VIEWER");
  return prisma.membership.findMany({
    where: { teamId: { in: [teamId] } },
    include: { user: true },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}
