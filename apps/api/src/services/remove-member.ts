import type { Membership, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput, forbidden, notFound } from "../errors.ts";

/**
 * Removes a member (ADMIN+, or anyone removing themselves). Admins cannot remove owners; the last
 * owner is never removed.
 */
export async function removeMember(prisma: PrismaClient, caller: Caller, args: { teamId: string; userId: string }): Promise<Membership> {
  const self = args.userId === caller.userId;
  const me = await requireTeamRole(caller, args.teamId, self ? "VIEWER" : "ADMIN");
  return prisma.$transaction(
    async (tx) => {
      const target = await tx.membership.findUnique({ where: { userId_teamId: { userId: args.userId, teamId: args.teamId } } });
      if (!target) throw notFound("Member");
      if (target.role === "OWNER" && !self && me.role !== "OWNER") throw forbidden("Only owners can remove owners.");
      if (target.role === "OWNER") {
        const owners = await tx.membership.count({ where: { teamId: args.teamId, role: "OWNER" } });
        if (owners <= 1) throw badInput("userId", "the team's last owner cannot be removed");
      }
      return tx.membership.delete({ where: { id: target.id } });
    },
    { isolationLevel: "Serializable" },
  );
}
