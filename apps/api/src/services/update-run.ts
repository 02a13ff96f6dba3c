import type { PrismaClient, Run } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { getRunOrThrow } from "./get-run-or-throw.ts";

/** Renames a run / edits its notes (MEMBER+). Null leaves a field as it is. */
export async function updateRun(prisma: PrismaClient, caller: Caller, args: { id: string; name: string | null; notes: string | null }): Promise<Run> {
  const run = await getRunOrThrow(prisma, caller, args.id);
  await requireTeamRole(caller, run.teamId, "MEMBER");
  const name = args.name?.trim();
  const notes = args.notes?.trim();
  if (name !== undefined && name.length > 120) throw badInput("name", "at most 120 characters");
  if (notes !== undefined && notes.length > 4000) throw badInput("notes", "at most 4000 characters");
  await prisma.run.updateMany({
    where: { id: run.id, teamId: run.teamId },
    data: { ...(name !== undefined ? { name } : {}), ...(notes !== undefined ? { notes } : {}) },
  });
  return getRunOrThrow(prisma, caller, run.id);
}
