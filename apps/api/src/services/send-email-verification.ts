// Email verification: a one-time link (exv_ token, stored as its sha256 hash, valid 48 h) mailed to
// the address; opening it (verifyEmail) sets User.emailVerifiedAt. A verified address is what
// lets an OAuth sign-in with the same email join the account (oauth-sign-in.ts).
import type { PrismaClient, User } from "@exprlab/db";
import type { Mailer } from "../auth/mailer.ts";
import { generateToken, hashToken } from "../auth/tokens.ts";
import { badInput } from "../errors.ts";

export const EMAIL_VERIFICATION_PREFIX = "exv_";
export const EMAIL_VERIFICATION_TTL_MS = 48 * 3600 * 1000;

export async function sendEmailVerification(deps: { prisma: PrismaClient; mailer: Mailer; webUrl: string }, user: Pick<User, "id" | "email" | "name">): Promise<void> {
  const token = generateToken(EMAIL_VERIFICATION_PREFIX);
  await deps.prisma.emailVerification.create({
    data: { userId: user.id, email: user.email, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + EMAIL_VERIFICATION_TTL_MS) },
  });
  const link = `${deps.webUrl.replace(/\/+$/, "")}/verify-email?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({
    to: user.email,
    subject: "Confirm your email address for ExprLab",
    text: `Hello ${user.name},\n\nopen this link within 48 hours to confirm that ${user.email} is yours:\n${link}\n\nIf you did not sign up, ignore this mail.`,
  });
}

/** Marks the link's address verified. Unknown, used or expired links are BAD_USER_INPUT. */
export async function verifyEmail(prisma: PrismaClient, token: string, now = new Date()): Promise<User> {
  const found = token.startsWith(EMAIL_VERIFICATION_PREFIX)
    ? await prisma.emailVerification.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } })
    : null;
  if (!found || found.usedAt || found.expiresAt <= now || found.user.email !== found.email) {
    throw badInput("token", "this link is not valid (it may have expired or been used already)");
  }
  const [, user] = await prisma.$transaction([
    prisma.emailVerification.update({ where: { id: found.id }, data: { usedAt: now } }),
    prisma.user.update({ where: { id: found.userId }, data: { emailVerifiedAt: found.user.emailVerifiedAt ?? now } }),
  ]);
  return user;
}
