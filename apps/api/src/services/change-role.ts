import type { Membership, PrismaClient, Role } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput, forbidden, notFound } from "../errors.ts";

/**
 * Sets a member's role (ADMIN+). Only owners grant or take away the owner role; the last owner
 * cannot be demoted. Runs serializable so two demotions cannot leave a team without owners.
 */
export async function changeRole(prisma: PrismaClient, caller: Caller, args: { teamId: string; userId: string; role: Role }): Promise<Membership> {
  const me = await requireTeamRole(caller, args.teamId, "ADMIN");
  return prisma.$transaction(
    async (tx) => {
      const target = await tx.membership.findUnique({ where: { userId_teamId: { userId: args.userId, teamId: args.teamId } } });
      if (!target) throw notFound("Member");
      if ((target.role === "OWNER" || args.role === "OWNER") && me.role !== "OWNER") {
        throw forbidden("Only owners can change the owner role.");
      }
      if (target.role === "OWNER" && args.role !== "OWNER") {
        const owners = await tx.membership.count({ where: { teamId: args.teamId, role: "OWNER" } });
        if (owners <= 1) throw badInput("role", "the team's last owner cannot be demoted");
      }
      return tx.membership.update({ where: { id: target.id }, data: { role: args.role } });
    },
    { isolationLevel: "Serializable" },
  );
}
