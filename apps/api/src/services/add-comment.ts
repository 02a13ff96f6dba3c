import type { Comment, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { resolveCommentTarget, type CommentTargetInput, type ResolvedTarget } from "./comments.ts";
import type { Db } from "./db.ts";
import { findMentions } from "./mentions.ts";
import { notify, setFollow } from "./notifications.ts";
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
    const mentions = await mentionedMembers(tx, target.teamId, body);
    const comment = await tx.comment.create({ data: { ...target, authorId: caller.userId, body, mentions } });
    await notifyMentions(tx, caller, target, comment.id, mentions);
    // Commenting on a gene follows it (its annotation changes are then announced).
    if (target.gene) await setFollow(tx, caller.userId, target.teamId, target.gene, true);
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

/** Team members mentioned in a comment body. */
export async function mentionedMembers(db: Db, teamId: string, body: string): Promise<string[]> {
  if (!body.includes("@")) return [];
  const members = await db.membership.findMany({ where: { teamId }, select: { userId: true, user: { select: { name: true, email: true } } } });
  return findMentions(
    body,
    members.map((m) => ({ userId: m.userId, name: m.user.name, email: m.user.email })),
  );
}

/** Tells the mentioned members (not the author) where they were mentioned. */
export async function notifyMentions(db: Db, caller: Caller, target: Pick<ResolvedTarget, "teamId" | "target" | "runId" | "biclusterId" | "gene">, commentId: string, userIds: string[]): Promise<void> {
  const where = target.target === "GENE" ? `gene ${target.gene}` : target.target === "RUN" ? "a run" : "a bicluster";
  await notify(
    db,
    userIds.map((userId) => ({
      userId,
      teamId: target.teamId,
      kind: "MENTION" as const,
      key: `mention:${commentId}`,
      actorId: caller.userId,
      summary: `${caller.name} mentioned you in a comment on ${where}`,
      data: { commentId, runId: target.runId, biclusterId: target.biclusterId, gene: target.gene },
    })),
  );
}
