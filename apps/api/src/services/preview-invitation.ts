import type { PrismaClient, Role } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { hashToken } from "../auth/tokens.ts";
import { notFound } from "../errors.ts";

export interface InvitationPreview {
  teamId: string;
  teamName: string;
  role: Role;
  email: string;
  invitedByName: string;
  expiresAt: Date;
}

/**
 * What an invitation link offers, for the accept page: only a pending invitation addressed to the
 * caller's email is shown; everything else is NOT_FOUND (same rule as acceptInvitation).
 */
export async function previewInvitation(prisma: PrismaClient, caller: Caller, token: string, now = new Date()): Promise<InvitationPreview> {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { team: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now || invitation.email !== caller.email.toLowerCase()) {
    throw notFound("Invitation");
  }
  return {
    teamId: invitation.teamId,
    teamName: invitation.team.name,
    role: invitation.role,
    email: invitation.email,
    invitedByName: invitation.invitedBy.name,
    expiresAt: invitation.expiresAt,
  };
}
