// Seed factories for the import and worker integration tests: a user in a fresh team with a role,
// an API token for HTTP calls, and the Caller that authentication would produce.
import { randomBytes } from "node:crypto";
import type { PrismaClient, Role } from "@exprlab/db";
import { authenticateToken } from "../auth/authenticate.ts";
import type { Caller } from "../auth/caller.ts";
import { API_TOKEN_PREFIX, displayPrefix, generateToken, hashToken } from "../auth/tokens.ts";

export interface SeededMember {
  userId: string;
  teamId: string;
  /** Raw API token (Authorization: Bearer). */
  token: string;
  caller: Caller;
}

export async function seedMember(prisma: PrismaClient, role: Role = "MEMBER", teamId?: string): Promise<SeededMember> {
  const tag = randomBytes(5).toString("hex");
  const user = await prisma.user.create({ data: { email: `user-${tag}@example.test`, name: `User ${tag}` } });
  const team = teamId
    ? { id: teamId }
    : await prisma.team.create({ data: { name: `Team ${tag}`, slug: `team-${tag}` } });
  await prisma.membership.create({ data: { userId: user.id, teamId: team.id, role } });
  const token = generateToken(API_TOKEN_PREFIX);
  await prisma.apiToken.create({
    data: { userId: user.id, name: "tests", prefix: displayPrefix(token), tokenHash: hashToken(token) },
  });
  const caller = await authenticateToken(token, prisma);
  if (!caller) throw new Error("seedMember: the token did not authenticate");
  return { userId: user.id, teamId: team.id, token, caller };
}
