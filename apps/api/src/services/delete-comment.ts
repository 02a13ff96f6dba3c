import type { Comment, PrismaClient } from "@exprlab/db";
import { membershipOf, requireTeamRole, roleAtLeast } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { forbidden } from "../errors.ts";
import { getCommentOrThrow } from "./get-comment-or-throw.ts";

/** Deletes a comment: its author (MEMBER+) or a team ADMIN/OWNER. */
export async function deleteComment(prisma: PrismaClient, caller: Caller, id: string): Promise<Comment> {
  const comment = await getCommentOrThrow(prisma, caller, id);
  await requireTeamRole(caller, comment.teamId, "MEMBER");
  const role = membershipOf(caller, comment.teamId)?.role;
  if (comment.authorId !== caller.userId && !(role && roleAtLeast(role, "ADMIN"))) {
    throw forbidden("Only the author or a team admin can delete a comment.");
  }
  await prisma.comment.deleteMany({ where: { id: comment.id, teamId: comment.teamId } });
  return comment;
}
