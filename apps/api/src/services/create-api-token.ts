import type { ApiToken, PrismaClient } from "@exprlab/db";
import { z } from "zod";
import type { Caller } from "../auth/caller.ts";
import { API_TOKEN_PREFIX, displayPrefix, generateToken, hashToken } from "../auth/tokens.ts";
import { parseInput } from "./validate.ts";

const input = z.object({
  name: z.string().trim().min(1, "is required").max(100, "is longer than 100 characters"),
  expiresInDays: z.number().int("must be a whole number").min(1, "must be at least 1").max(3650, "must be at most 3650").nullish(),
});

export interface NewApiToken {
  /** The raw token (exp_...): shown once, never stored. */
  token: string;
  apiToken: ApiToken;
}

/** A personal API token for the caller; no expiry when expiresInDays is null. */
export async function createApiToken(
  prisma: PrismaClient,
  caller: Caller,
  args: { name: string; expiresInDays?: number | null },
  now = new Date(),
): Promise<NewApiToken> {
  const { name, expiresInDays } = parseInput(input, args);
  const token = generateToken(API_TOKEN_PREFIX);
  const apiToken = await prisma.apiToken.create({
    data: {
      userId: caller.userId,
      name,
      prefix: displayPrefix(token),
      tokenHash: hashToken(token),
      expiresAt: expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000) : null,
    },
  });
  return { token, apiToken };
}
