import type { PrismaClient, User } from "@exprlab/db";
import { z } from "zod";
import { hashPassword, MIN_PASSWORD_LENGTH } from "../auth/passwords.ts";
import { badInput } from "../errors.ts";
import { createTeamWithOwner } from "./create-personal-team.ts";
import { createSession, type NewSession } from "./create-session.ts";
import { isUniqueViolation } from "./db.ts";
import { parseInput } from "./validate.ts";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("is not an email address")).pipe(z.string().max(254));
export const nameSchema = z.string().trim().min(1, "is required").max(100, "is longer than 100 characters");

const signUpInput = z.object({
  email: emailSchema,
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256, "is longer than 256 characters"),
  name: nameSchema,
});

export interface SignUpResult extends NewSession {
  user: User;
}

/** Creates a user with a personal team (OWNER) and signs them in. */
export async function signUp(prisma: PrismaClient, input: { email: string; password: string; name: string }): Promise<SignUpResult> {
  const { email, password, name } = parseInput(signUpInput, input);
  const passwordHash = await hashPassword(password);
  try {
    return await prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email, name, passwordHash } });
      await createTeamWithOwner(tx, user.id, `${name}'s team`, true);
      const session = await createSession(tx, user.id);
      return { user, ...session };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw badInput("email", "is already registered");
    throw error;
  }
}
