// The authorization decision, in one place. Team-owned reads put `teamScope(caller)` into the
// Prisma `where`, so another team's rows are simply not found; writes additionally require a
// minimum role in the object's team (VIEWER < MEMBER < ADMIN < OWNER).
import type { Membership, Role } from "@exprlab/db";
import { forbidden, notFound } from "../errors.ts";
import type { Caller } from "./caller.ts";

export const ROLE_RANK: Record<Role, number> = { VIEWER: 1, MEMBER: 2, ADMIN: 3, OWNER: 4 };

export function roleAtLeast(role: Role, minRole: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minRole];
}

/** The caller's membership of `teamId`, or undefined. */
export function membershipOf(caller: Caller, teamId: string): Membership | undefined {
  return caller.memberships.find((m) => m.teamId === teamId);
}

/**
 * The caller's membership of `teamId` when its role is at least `minRole`.
 * Throws NOT_FOUND ("Team not found.") when the caller is not a member, so a team's existence
 * does not leak, and FORBIDDEN when the role is too low.
 */
export async function requireTeamRole(caller: Caller, teamId: string, minRole: Role): Promise<Membership> {
  const membership = membershipOf(caller, teamId);
  if (!membership) throw notFound("Team");
  if (!roleAtLeast(membership.role, minRole)) {
    throw forbidden(`This needs the ${minRole.toLowerCase()} role or higher in the team.`);
  }
  return membership;
}

/** Prisma `where` fragment limiting team-owned rows to the caller's teams. */
export function teamScope(caller: Caller): { teamId: { in: string[] } } {
  return { teamId: { in: caller.teamIds } };
}

/**
 * Team scope for an optional team filter: that team when the caller belongs to it (else no team at
 * all, so nothing is found), otherwise all of the caller's teams.
 */
export function teamScopeFor(caller: Caller, teamId?: string | null): { teamId: { in: string[] } } {
  if (teamId == null) return teamScope(caller);
  return { teamId: { in: caller.teamIds.includes(teamId) ? [teamId] : [] } };
}
