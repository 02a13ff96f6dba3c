// Pages scoped to a team (gene, biomarker board, team settings) take ?team=<id> when given and
// the user belongs to it, else the team the user works in.
import "server-only";
import { getViewer } from "./viewer.ts";

export async function scopedTeam(requested: string | string[] | undefined) {
  const viewer = await getViewer();
  const id = Array.isArray(requested) ? requested[0] : requested;
  const team = (id && viewer.teams.find((t) => t.id === id)) || viewer.team;
  return { ...viewer, team };
}
