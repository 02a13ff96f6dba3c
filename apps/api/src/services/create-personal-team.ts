import { randomBytes } from "node:crypto";
import type { Team } from "@exprlab/db";
import type { Db } from "./db.ts";

/** A URL-safe unique slug: the name's words plus a random suffix. */
export function makeSlug(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${base || "team"}-${randomBytes(3).toString("hex")}`;
}

/** Creates a team with `userId` as its OWNER. */
export async function createTeamWithOwner(db: Db, userId: string, name: string, personal: boolean): Promise<Team> {
  return db.team.create({
    data: { name, slug: makeSlug(name), personal, memberships: { create: { userId, role: "OWNER" } } },
  });
}
