import type { ApiToken, PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";

/** The caller's own tokens, newest first (revoked ones included, marked by revokedAt). */
export function listApiTokens(prisma: PrismaClient, caller: Caller): Promise<ApiToken[]> {
  return prisma.apiToken.findMany({ where: { userId: caller.userId }, orderBy: [{ createdAt: "desc" }, { id: "asc" }] });
}
