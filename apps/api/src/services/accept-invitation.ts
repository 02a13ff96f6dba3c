import type { Membership, PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { hashToken } from "../auth/tokens.ts";
import { notFound } from "../errors.ts";
import { recordActivity } from "./record-activity.ts";

/**
 * Joins the team of a pending invitation addressed to the caller's email. Unknown, expired, revoked,
 * used or someone else's invitations are all NOT_FOUND.
 */
export async function acceptInvitation(prisma: PrismaClient, caller: Caller, token: string, now = new Date()): Promise<Membership> {
  const membership = await prisma.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now || invitation.email !== caller.email.toLowerCase()) {
      throw notFound("Invitation");
    }
    const { count } = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now } });
    if (count !== 1) throw notFound("Invitation");
    const existing = await tx.membership.findUnique({ where: { userId_teamId: { userId: caller.userId, teamId: invitation.teamId } } });
    if (existing) return existing;
    const created = await tx.membership.create({ data: { userId: caller.userId, teamId: invitation.teamId, role: invitation.role } });
    await recordActivity(tx, {
      teamId: invitation.teamId,
      actorId: caller.userId,
      type: "member.joined",
      subjectType: "Team",
      subjectId: invitation.teamId,
      summary: `${caller.name} joined the team as ${invitation.role.toLowerCase()}`,
    });
    return created;
  });
  if (!caller.teamIds.includes(membership.teamId)) {
    caller.memberships.push(membership);
    caller.teamIds.push(membership.teamId);
  }
  return membership;
}
