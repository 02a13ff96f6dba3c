import type { PrismaClient, Team } from "@exprlab/db";
import { z } from "zod";
import type { Caller } from "../auth/caller.ts";
import { createTeamWithOwner } from "./create-personal-team.ts";
import { parseInput } from "./validate.ts";

const input = z.object({ name: z.string().trim().min(1, "is required").max(100, "is longer than 100 characters") });

/** A new team with the caller as OWNER (also visible to the rest of this request). */
export async function createTeam(prisma: PrismaClient, caller: Caller, args: { name: string }): Promise<Team> {
  const { name } = parseInput(input, args);
  const team = await prisma.$transaction(async (tx) => {
    const created = await createTeamWithOwner(tx, caller.userId, name, false);
    await tx.activityEvent.create({
      data: { teamId: created.id, actorId: caller.userId, type: "member.joined", subjectType: "Team", subjectId: created.id, summary: `${caller.name} created the team` },
    });
    return created;
  });
  const membership = await prisma.membership.findUniqueOrThrow({ where: { userId_teamId: { userId: caller.userId, teamId: team.id } } });
  caller.memberships.push(membership);
  caller.teamIds.push(team.id);
  return team;
}
