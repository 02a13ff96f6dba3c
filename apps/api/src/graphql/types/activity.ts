// The team's activity feed.
import type { ActivityEvent } from "@exprlab/db";
import { listActivity } from "../../services/list-activity.ts";
import { builder } from "../builder.ts";
import { connectionOf, loadUser, pageArgs, UserRef } from "./common.ts";

const ActivityEventRef = builder.objectRef<ActivityEvent>("ActivityEvent").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    type: t.exposeString("type", {
      description: "dataset.imported, dataset.deleted, run.created, run.succeeded, run.failed, run.canceled, annotation.updated, comment.created, member.joined.",
    }),
    subjectType: t.exposeString("subjectType", { description: "Dataset, Run, Bicluster, Gene, Comment, Team." }),
    subjectId: t.exposeString("subjectId", { description: "Id of the subject (the gene symbol for Gene)." }),
    summary: t.exposeString("summary"),
    data: t.field({ type: "JSON", nullable: true, resolve: (e) => e.data }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    actor: t.field({ type: UserRef, nullable: true, resolve: (e, _a, ctx) => (e.actorId ? loadUser(ctx, e.actorId) : null) }),
  }),
});
const ActivityConnection = connectionOf(ActivityEventRef, "ActivityEvent");

builder.queryFields((t) => ({
  activity: t.withAuth({ loggedIn: true }).field({
    type: ActivityConnection,
    description: "The team's feed, newest first.",
    args: { teamId: t.arg.id({ required: true }), ...pageArgs },
    resolve: (_p, args, ctx) => listActivity(ctx.prisma, ctx.caller, { ...args, teamId: String(args.teamId) }),
  }),
}));
