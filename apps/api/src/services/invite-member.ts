import type { Invitation, PrismaClient, Role } from "@exprlab/db";
import { z } from "zod";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { generateToken, hashToken, INVITATION_TOKEN_PREFIX } from "../auth/tokens.ts";
import { env } from "../env.ts";
import { badInput, forbidden } from "../errors.ts";
import { emailSchema } from "./sign-up.ts";
import { parseInput } from "./validate.ts";

/** Invitations are valid for 7 days. */
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

const input = z.object({ teamId: z.string(), email: emailSchema, role: z.enum(["OWNER", "ADMIN", "MEMBER", "VIEWER"]) });

export interface NewInvitation {
  invitation: Invitation;
  /** Raw token (exi_...): returned once. */
  token: string;
  /** Link for the web app: `${WEB_URL}/invitations/<token>`. */
  url: string;
}

/** Invites an email to a team (ADMIN+; only owners invite owners). */
export async function inviteMember(
  prisma: PrismaClient,
  caller: Caller,
  args: { teamId: string; email: string; role: Role },
  now = new Date(),
): Promise<NewInvitation> {
  const { teamId, email, role } = parseInput(input, args);
  const me = await requireTeamRole(caller, teamId, "ADMIN");
  if (role === "OWNER" && me.role !== "OWNER") throw forbidden("Only owners can invite owners.");
  const existing = await prisma.membership.findFirst({ where: { teamId, user: { email } } });
  if (existing) throw badInput("email", "is already a member of this team");
  const token = generateToken(INVITATION_TOKEN_PREFIX);
  const invitation = await prisma.invitation.create({
    data: { teamId, email, role, tokenHash: hashToken(token), invitedById: caller.userId, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
  });
  return { invitation, token, url: `${env.WEB_URL.replace(/\/$/, "")}/invitations/${encodeURIComponent(token)}` };
}
