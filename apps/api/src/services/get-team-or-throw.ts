import type { PrismaClient, Team } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";

/** A team the caller belongs to; any other id is NOT_FOUND. */
export async function getTeamOrThrow(prisma: PrismaClient, caller: Caller, id: string): Promise<Team> {
  const team = await prisma.team.findFirst({ where: { id, memberships: { some: { userId: caller.userId } } } });
  if (!team) throw notFound("Team");
  return team;
}
