// The signed-in user, their teams and the team they are working in (one API call per request).
import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { graphql } from "../generated/index.ts";
import { pageQuery } from "./graphql/server.ts";
import { TEAM_COOKIE } from "./team-cookie.ts";

const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      name
      email
    }
    myTeams {
      id
      name
      personal
      isMyPersonalTeam
      myRole
      memberCount
    }
    unreadNotificationCount
  }
`);

export type Role = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";

export const getViewer = cache(async () => {
  const { me, myTeams, unreadNotificationCount } = await pageQuery(ViewerQuery);
  const wanted = (await cookies()).get(TEAM_COOKIE)?.value;
  // Without a remembered choice, start in a shared lab team rather than the empty personal team:
  // someone invited to a lab (or the demo user) should land where the team's data is.
  const team = myTeams.find((t) => t.id === wanted) ?? myTeams.find((t) => !t.personal) ?? myTeams[0];
  if (!team) throw new Error("You do not belong to any team.");
  return { me, teams: myTeams, team, unread: unreadNotificationCount };
});

export function canWrite(role: Role): boolean {
  return role !== "VIEWER";
}

export function canManage(role: Role): boolean {
  return role === "OWNER" || role === "ADMIN";
}
