import type { Invitation, PrismaClient } from "@exprlab/db";
import { requireTeamRole, teamScope } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";

/** Revokes a pending invitation of one of the caller's teams (ADMIN+). */
export async function revokeInvitation(prisma: PrismaClient, caller: Caller, id: string): Promise<Invitation> {
  const invitation = await prisma.invitation.findFirst({ where: { id, ...teamScope(caller) } });
  if (!invitation) throw notFound("Invitation");
  await requireTeamRole(caller, invitation.teamId, "ADMIN");
  if (invitation.revokedAt || invitation.acceptedAt) return invitation;
  return prisma.invitation.update({ where: { id: invitation.id }, data: { revokedAt: new Date() } });
}
