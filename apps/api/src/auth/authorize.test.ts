import type { Membership, Role } from "@exprlab/db";
import { describe, expect, it } from "vitest";
import type { Caller } from "./caller.ts";
import { requireTeamRole, roleAtLeast, teamScopeFor } from "./authorize.ts";

function caller(roles: Record<string, Role>): Caller {
  const memberships = Object.entries(roles).map(
    ([teamId, role], i): Membership => ({ id: `m${i}`, userId: "u1", teamId, role, createdAt: new Date(0) }),
  );
  return { userId: "u1", email: "u@x.test", name: "U", via: "session", credentialId: "s1", memberships, teamIds: Object.keys(roles) };
}

describe("requireTeamRole", () => {
  const c = caller({ a: "VIEWER", b: "ADMIN" });

  it("returns the membership when the role is high enough", async () => {
    await expect(requireTeamRole(c, "b", "MEMBER")).resolves.toMatchObject({ teamId: "b", role: "ADMIN" });
    await expect(requireTeamRole(c, "a", "VIEWER")).resolves.toMatchObject({ teamId: "a" });
  });

  it("is FORBIDDEN for a member with a lower role", async () => {
    await expect(requireTeamRole(c, "a", "MEMBER")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(requireTeamRole(c, "b", "OWNER")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("is NOT_FOUND for a team the caller is not in", async () => {
    await expect(requireTeamRole(c, "z", "VIEWER")).rejects.toMatchObject({ code: "NOT_FOUND", userMessage: "Team not found." });
  });
});

describe("roles and scopes", () => {
  it("orders roles", () => {
    expect(roleAtLeast("OWNER", "ADMIN")).toBe(true);
    expect(roleAtLeast("MEMBER", "ADMIN")).toBe(false);
    expect(roleAtLeast("VIEWER", "VIEWER")).toBe(true);
  });

  it("scopes an explicit team only when the caller belongs to it", () => {
    const c = caller({ a: "MEMBER" });
    expect(teamScopeFor(c, "a")).toEqual({ teamId: { in: ["a"] } });
    expect(teamScopeFor(c, "b")).toEqual({ teamId: { in: [] } });
    expect(teamScopeFor(c)).toEqual({ teamId: { in: ["a"] } });
  });
});
