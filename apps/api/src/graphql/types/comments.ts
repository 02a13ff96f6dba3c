// Comments on runs, biclusters and genes.
import type { Comment } from "@exprlab/db";
import { membershipOf, roleAtLeast } from "../../auth/authorize.ts";
import { addComment } from "../../services/add-comment.ts";
import { deleteComment } from "../../services/delete-comment.ts";
import { editComment } from "../../services/edit-comment.ts";
import { getCommentOrThrow } from "../../services/get-comment-or-throw.ts";
import { listComments } from "../../services/list-comments.ts";
import { builder } from "../builder.ts";
import { CommentTargetEnum, connectionOf, loadUser, pageArgs, UserRef } from "./common.ts";

export const CommentRef = builder.objectRef<Comment>("Comment").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    target: t.field({ type: CommentTargetEnum, resolve: (c) => c.target }),
    runId: t.exposeID("runId", { nullable: true }),
    biclusterId: t.exposeID("biclusterId", { nullable: true }),
    gene: t.exposeString("gene", { nullable: true }),
    body: t.exposeString("body"),
    version: t.exposeInt("version", { description: "Pass as expectedVersion when editing." }),
    author: t.field({ type: UserRef, resolve: (c, _a, ctx) => loadUser(ctx, c.authorId) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
    canEdit: t.boolean({ description: "The caller wrote it.", resolve: (c, _a, ctx) => c.authorId === ctx.caller?.userId }),
    canDelete: t.boolean({
      description: "The caller wrote it or is an admin/owner of its team.",
      resolve: (c, _a, ctx) => {
        if (!ctx.caller) return false;
        const role = membershipOf(ctx.caller, c.teamId)?.role;
        return Boolean(role && roleAtLeast(role, "MEMBER") && (c.authorId === ctx.caller.userId || roleAtLeast(role, "ADMIN")));
      },
    }),
  }),
});
const CommentConnection = connectionOf(CommentRef, "Comment");

const targetArgs = builder.args((t) => ({
  target: t.field({ type: CommentTargetEnum, required: true }),
  runId: t.id({ description: "For RUN." }),
  biclusterId: t.id({ description: "For BICLUSTER." }),
  teamId: t.id({ description: "For GENE." }),
  gene: t.string({ description: "For GENE." }),
}));

const ids = <T extends { runId?: string | number | null; biclusterId?: string | number | null; teamId?: string | number | null }>(a: T) => ({
  ...a,
  runId: a.runId == null ? null : String(a.runId),
  biclusterId: a.biclusterId == null ? null : String(a.biclusterId),
  teamId: a.teamId == null ? null : String(a.teamId),
});

builder.queryFields((t) => ({
  comments: t.withAuth({ loggedIn: true }).field({
    type: CommentConnection,
    description: "Comments on one run, bicluster or gene, oldest first.",
    args: { ...targetArgs, ...pageArgs },
    resolve: (_p, args, ctx) => listComments(ctx.prisma, ctx.caller, ids(args)),
  }),
  comment: t.withAuth({ loggedIn: true }).field({
    type: CommentRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => getCommentOrThrow(ctx.prisma, ctx.caller, String(args.id)),
  }),
}));

builder.mutationFields((t) => ({
  addComment: t.withAuth({ loggedIn: true }).field({
    type: CommentRef,
    description: "Members and up.",
    args: { ...targetArgs, body: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => addComment(ctx.prisma, ctx.caller, ids(args)),
  }),
  editComment: t.withAuth({ loggedIn: true }).field({
    type: CommentRef,
    description: "The author only; a stale expectedVersion is CONFLICT (extensions.currentVersion).",
    args: { id: t.arg.id({ required: true }), body: t.arg.string({ required: true }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_p, args, ctx) => editComment(ctx.prisma, ctx.caller, { ...args, id: String(args.id) }),
  }),
  deleteComment: t.withAuth({ loggedIn: true }).id({
    description: "The author or a team admin/owner. Returns the id.",
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_p, args, ctx) => (await deleteComment(ctx.prisma, ctx.caller, String(args.id))).id,
  }),
}));
