"use server";
import { cookies } from "next/headers";
import { env } from "../env.ts";
import { TEAM_COOKIE } from "./team-cookie.ts";

/** Remembers the team the user works in (a preference only: the API decides access). */
export async function setCurrentTeam(teamId: string): Promise<void> {
  (await cookies()).set(TEAM_COOKIE, teamId, { path: "/", sameSite: "lax", httpOnly: true, secure: env().secureCookies, maxAge: 365 * 24 * 3600 });
}
