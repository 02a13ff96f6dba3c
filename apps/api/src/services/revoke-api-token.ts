import type { ApiToken, PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";

/** Revokes one of the caller's tokens; someone else's token is NOT_FOUND. Idempotent. */
export async function revokeApiToken(prisma: PrismaClient, caller: Caller, id: string): Promise<ApiToken> {
  const token = await prisma.apiToken.findFirst({ where: { id, userId: caller.userId } });
  if (!token) throw notFound("API token");
  if (token.revokedAt) return token;
  return prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
}
