import type { Comment, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { resolveCommentTarget, type CommentTargetInput } from "./comments.ts";
import { recordActivity } from "./record-activity.ts";

export const MAX_COMMENT_LENGTH = 10_000;

export function checkBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw badInput("body", "is required");
  if (trimmed.length > MAX_COMMENT_LENGTH) throw badInput("body", `is longer than ${MAX_COMMENT_LENGTH} characters`);
  return trimmed;
}

/** Comments on a run, bicluster or gene of one of the caller's teams (MEMBER+). */
export async function addComment(prisma: PrismaClient, caller: Caller, args: CommentTargetInput & { body: string }): Promise<Comment> {
  const body = checkBody(args.body);
  const target = await resolveCommentTarget(prisma, caller, args);
  await requireTeamRole(caller, target.teamId, "MEMBER");
  return prisma.$transaction(async (tx) => {
    const comment = await tx.comment.create({ data: { ...target, authorId: caller.userId, body } });
    const what = target.target === "GENE" ? `gene ${target.gene}` : target.target.toLowerCase();
    await recordActivity(tx, {
      teamId: target.teamId,
      actorId: caller.userId,
      type: "comment.created",
      subjectType: "Comment",
      subjectId: comment.id,
      summary: `${caller.name} commented on ${what}`,
      data: { target: target.target, runId: target.runId, biclusterId: target.biclusterId, gene: target.gene },
    });
    return comment;
  });
}
