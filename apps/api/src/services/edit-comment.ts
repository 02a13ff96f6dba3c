import type { Comment, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { conflict, forbidden } from "../errors.ts";
import { checkBody, mentionedMembers, notifyMentions } from "./add-comment.ts";
import { getCommentOrThrow } from "./get-comment-or-throw.ts";

/** Edits the caller's own comment; a stale expectedVersion is CONFLICT (extensions.currentVersion). */
export async function editComment(prisma: PrismaClient, caller: Caller, args: { id: string; body: string; expectedVersion: number }): Promise<Comment> {
  const body = checkBody(args.body);
  const comment = await getCommentOrThrow(prisma, caller, args.id);
  await requireTeamRole(caller, comment.teamId, "MEMBER");
  if (comment.authorId !== caller.userId) throw forbidden("Only the author can edit a comment.");
  const mentions = await mentionedMembers(prisma, comment.teamId, body);
  const { count } = await prisma.comment.updateMany({
    where: { id: comment.id, teamId: comment.teamId, version: args.expectedVersion },
    data: { body, mentions, version: { increment: 1 } },
  });
  const current = await getCommentOrThrow(prisma, caller, args.id);
  if (count !== 1) {
    throw conflict(`Someone else changed this comment first (now version ${current.version}).`, { currentVersion: current.version });
  }
  // Only people newly mentioned by the edit are told (one notification per comment and person).
  const added = mentions.filter((id) => !comment.mentions.includes(id));
  await notifyMentions(prisma, caller, current, current.id, added);
  return current;
}
