import type { PrismaClient, User } from "@exprlab/db";
import { verifyDummy, verifyPassword } from "../auth/passwords.ts";
import { unauthenticated } from "../errors.ts";
import type { RateLimits } from "../auth/rate-limits.ts";
import { createSession, type NewSession } from "./create-session.ts";

export interface LogInResult extends NewSession {
  user: User;
}

/**
 * Email + password -> a new session token. The same error for unknown emails and bad passwords.
 * Attempts count per email and per client address before the password is checked (so parallel
 * guesses count too); a success clears the email's counter.
 */
export async function logIn(
  prisma: PrismaClient,
  input: { email: string; password: string },
  limits?: { rateLimits: RateLimits; clientIp: string },
): Promise<LogInResult> {
  const email = input.email.trim().toLowerCase();
  if (limits) {
    await limits.rateLimits.consume("loginPerIp", limits.clientIp);
    await limits.rateLimits.consume("loginPerEmail", email);
  }
  const session = await checkPassword(prisma, email, input.password);
  if (limits) await limits.rateLimits.reset("loginPerEmail", email);
  return session;
}

async function checkPassword(prisma: PrismaClient, email: string, password: string): Promise<LogInResult> {
  const input = { password };
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyDummy(input.password);
    throw unauthenticated("Invalid email or password.");
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw unauthenticated("Invalid email or password.");
  return { user, ...(await createSession(prisma, user.id)) };
}
