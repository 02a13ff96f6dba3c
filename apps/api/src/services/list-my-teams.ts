import type { Membership, PrismaClient, Team } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";

export type MembershipWithTeam = Membership & { team: Team };

/** The caller's memberships with their teams, personal team first, then by name. */
export function listMyTeams(prisma: PrismaClient, caller: Caller): Promise<MembershipWithTeam[]> {
  return prisma.membership.findMany({
    where: { userId: caller.userId },
    include: { team: true },
    orderBy: [{ team: { personal: "desc" } }, { team: { name: "asc" } }, { id: "asc" }],
  });
}
