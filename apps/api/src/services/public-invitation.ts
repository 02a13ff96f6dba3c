// What an invitation link offers, shown to whoever holds the link (signed in or not) before they
// act on it: the team, who invited, the role, and whether it can still be used. The token is the
// secret (32 random bytes); the invitee's email is shown masked so they know which address to
// sign up with. Unknown tokens are NOT_FOUND.
import type { PrismaClient, Role } from "@exprlab/db";
import { hashToken } from "../auth/tokens.ts";
import { notFound } from "../errors.ts";

export type InvitationStatus = "PENDING" | "ACCEPTED" | "REVOKED" | "EXPIRED";

export interface PublicInvitation {
  teamName: string;
  invitedByName: string;
  role: Role;
  /** "a•••@example.org". */
  emailHint: string;
  expiresAt: Date;
  status: InvitationStatus;
}

export function maskEmail(email: string): string {
  const [local = "", domain = ""] = email.split("@");
  return `${local.slice(0, 1)}•••@${domain}`;
}

export async function publicInvitation(prisma: PrismaClient, token: string, now = new Date()): Promise<PublicInvitation> {
  if (!token || token.length > 200) throw notFound("Invitation");
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { team: { select: { name: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation) throw notFound("Invitation");
  const status: InvitationStatus = invitation.acceptedAt ? "ACCEPTED" : invitation.revokedAt ? "REVOKED" : invitation.expiresAt <= now ? "EXPIRED" : "PENDING";
  return {
    teamName: invitation.team.name,
    invitedByName: invitation.invitedBy.name,
    role: invitation.role,
    emailHint: maskEmail(invitation.email),
    expiresAt: invitation.expiresAt,
    status,
  };
}
