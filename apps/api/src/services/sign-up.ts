// Sign-up answers the same whether or not the email is taken, so it cannot be used to find out
// who has an account: it never signs in (the client then calls login, whose answer for a wrong
// password is the same for every account), it hashes the password either way (same time), and
// the owner of a taken address gets a mail saying someone tried. A new account gets a
// verification link (send-email-verification.ts).
import type { PrismaClient } from "@exprlab/db";
import { z } from "zod";
import type { Mailer } from "../auth/mailer.ts";
import { MAX_PASSWORD_LENGTH, passwordProblem } from "../auth/password-policy.ts";
import { hashPassword } from "../auth/passwords.ts";
import { badInput } from "../errors.ts";
import { createTeamWithOwner } from "./create-personal-team.ts";
import { isUniqueViolation } from "./db.ts";
import { sendEmailVerification } from "./send-email-verification.ts";
import { parseInput } from "./validate.ts";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("is not an email address")).pipe(z.string().max(254));
export const nameSchema = z.string().trim().min(1, "is required").max(100, "is longer than 100 characters");

const signUpInput = z.object({
  email: emailSchema,
  password: z.string().max(MAX_PASSWORD_LENGTH, `is longer than ${MAX_PASSWORD_LENGTH} characters`),
  name: nameSchema,
});

/** The one answer of signUp, for new and taken emails alike. */
export const SIGN_UP_MESSAGE =
  "If this email address was not registered yet, your account is ready: sign in with it. We also sent a link to confirm the address.";

export interface SignUpResult {
  message: string;
}

export interface SignUpDeps {
  prisma: PrismaClient;
  mailer: Mailer;
  /** Public URL of the web app (for the verification link). */
  webUrl: string;
}

/** Creates a user with a personal team (OWNER) unless the email is taken; the answer does not say which. */
export async function signUp(deps: SignUpDeps, input: { email: string; password: string; name: string }): Promise<SignUpResult> {
  const { email, password, name } = parseInput(signUpInput, input);
  const problem = passwordProblem(password, { email, name });
  if (problem) throw badInput("password", problem);
  const passwordHash = await hashPassword(password);
  const { prisma } = deps;
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({ data: { email, name, passwordHash } });
      await createTeamWithOwner(tx, created.id, `${name}'s team`, true);
      return created;
    });
    await sendEmailVerification(deps, user).catch((error: unknown) => console.error("[sign-up] verification mail failed:", error));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await deps.mailer
      .send({
        to: email,
        subject: "Someone tried to create an ExprLab account with your address",
        text: `Somebody (maybe you) tried to sign up with ${email}, which already has an account. Nothing changed.\nSign in at ${deps.webUrl}/signin.`,
      })
      .catch(() => undefined);
  }
  return { message: SIGN_UP_MESSAGE };
}
