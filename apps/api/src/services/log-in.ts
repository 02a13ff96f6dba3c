import type { PrismaClient, User } from "@exprlab/db";
import { verifyDummy, verifyPassword } from "../auth/passwords.ts";
import { unauthenticated } from "../errors.ts";
import { createSession, type NewSession } from "./create-session.ts";

export interface LogInResult extends NewSession {
  user: User;
}

/** Email + password -> a new session token. The same error for unknown emails and bad passwords. */
export async function logIn(prisma: PrismaClient, input: { email: string; password: string }): Promise<LogInResult> {
  const email = input.email.trim().toLowerCase();
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user?.passwordHash) {
    await verifyDummy(input.password);
    throw unauthenticated("Invalid email or password.");
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw unauthenticated("Invalid email or password.");
  return { user, ...(await createSession(prisma, user.id)) };
}
