import type { Invitation, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";

/** Pending (not accepted, revoked or expired) invitations of a team; ADMIN+. */
export async function listInvitations(prisma: PrismaClient, caller: Caller, teamId: string, now = new Date()): Promise<Invitation[]> {
  await requireTeamRole(caller, teamId, "ADMIN");
  return prisma.invitation.findMany({
    where: { teamId: { in: [teamId] }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}
