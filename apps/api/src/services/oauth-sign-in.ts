// Called by the web app's next-auth after an OAuth provider signed the user in (server to server,
// with INTERNAL_SECRET). Finds the user by (provider, providerAccountId), else links the account to
// the user with that email (the web app must pass only provider-verified emails), else creates the
// user with a personal team. Returns a new session token.
import type { PrismaClient } from "@exprlab/db";
import { z } from "zod";
import { conflict } from "../errors.ts";
import { createTeamWithOwner } from "./create-personal-team.ts";
import { createSession } from "./create-session.ts";
import { isUniqueViolation } from "./db.ts";
import type { LogInResult } from "./log-in.ts";
import { emailSchema, nameSchema } from "./sign-up.ts";
import { parseInput } from "./validate.ts";

const oauthInput = z.object({
  provider: z.string().trim().min(1, "is required").max(50),
  providerAccountId: z.string().trim().min(1, "is required").max(255),
  email: emailSchema,
  name: nameSchema,
});

export async function oauthSignIn(
  prisma: PrismaClient,
  input: { provider: string; providerAccountId: string; email: string; name: string },
): Promise<LogInResult> {
  const { provider, providerAccountId, email, name } = parseInput(oauthInput, input);
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const account = await tx.oAuthAccount.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      let user = account?.user ?? null;
      if (!user) {
        user = await tx.user.findUnique({ where: { email } });
        // Joining an existing account by email is safe only when its owner proved the address: else
        // whoever registered it first (with a password they know) would get the OAuth identity too.
        if (user && !user.emailVerifiedAt) {
          throw conflict("An account with this email exists but its address is not confirmed yet: sign in with its password and open the confirmation link first.");
        }
        if (!user) {
          // The provider verified the address (the web app passes only verified emails).
          user = await tx.user.create({ data: { email, name, emailVerifiedAt: new Date() } });
          await createTeamWithOwner(tx, user.id, `${name}'s team`, true);
        }
        await tx.oAuthAccount.create({ data: { userId: user.id, provider, providerAccountId } });
      }
      return { user, ...(await createSession(tx, user.id)) };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two first sign-ins at once: the other one created the user/account; ours now finds it.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
