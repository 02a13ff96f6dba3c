import type { PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";

/** Revokes the session the caller used. With an API token, nothing is revoked (use revokeApiToken). */
export async function logOut(prisma: PrismaClient, caller: Caller): Promise<boolean> {
  if (caller.via !== "session") return false;
  const { count } = await prisma.session.updateMany({
    where: { id: caller.credentialId, userId: caller.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}
