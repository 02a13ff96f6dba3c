// In-app notifications of the caller, the top bar's unread count, follow/mention plumbing views;
// the public invitation preview; small collaboration fields on Team and Comment.
import type { Notification } from "@exprlab/db";
import { listNotifications, markNotificationsRead, notificationLink, unreadNotificationCount } from "../../services/notifications.ts";
import { publicInvitation, type PublicInvitation } from "../../services/public-invitation.ts";
import { builder } from "../builder.ts";
import { CommentRef } from "./comments.ts";
import { loadUser, RoleEnum, UserRef } from "./common.ts";
import { TeamRef } from "./teams.ts";

const NotificationKindEnum = builder.enumType("NotificationKind", {
  description: "RUN_FINISHED: a run you started finished (or failed); MENTION: someone @-mentioned you; ANNOTATION_CHANGED: a gene you follow was annotated.",
  values: ["RUN_FINISHED", "MENTION", "ANNOTATION_CHANGED"] as const,
});

const NotificationRef = builder.objectRef<Notification>("Notification").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    kind: t.field({ type: NotificationKindEnum, resolve: (n) => n.kind }),
    summary: t.exposeString("summary"),
    link: t.string({ nullable: true, description: "Path in the web app to open.", resolve: (n) => notificationLink(n) }),
    actor: t.field({ type: UserRef, nullable: true, resolve: (n, _a, ctx) => (n.actorId ? loadUser(ctx, n.actorId) : null) }),
    read: t.boolean({ resolve: (n) => n.readAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const InvitationStatusEnum = builder.enumType("InvitationStatus", { values: ["PENDING", "ACCEPTED", "REVOKED", "EXPIRED"] as const });

const PublicInvitationRef = builder.objectRef<PublicInvitation>("InvitationLanding").implement({
  description: "What an invitation link offers, for whoever holds the link (before signing in).",
  fields: (t) => ({
    teamName: t.exposeString("teamName"),
    invitedByName: t.exposeString("invitedByName"),
    role: t.field({ type: RoleEnum, resolve: (i) => i.role }),
    emailHint: t.exposeString("emailHint", { description: "The invited address, masked (a•••@example.org)." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    status: t.field({ type: InvitationStatusEnum, description: "Only PENDING invitations can be accepted.", resolve: (i) => i.status }),
  }),
});

builder.objectField(TeamRef, "isMyPersonalTeam", (t) =>
  t.boolean({
    description: "True for the personal team the caller got at sign-up (not someone else's personal team they were invited to).",
    resolve: async (team, _a, ctx) => {
      if (!team.personal || !ctx.caller) return false;
      const first = await ctx.prisma.membership.findFirst({ where: { teamId: team.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { userId: true } });
      return first?.userId === ctx.caller.userId;
    },
  }),
);

builder.objectField(CommentRef, "mentions", (t) =>
  t.field({
    type: [UserRef],
    description: "Team members @-mentioned in the body.",
    resolve: async (c, _a, ctx) => (await Promise.all(c.mentions.map((id) => ctx.loaders.user.load(id)))).filter((u) => u !== null),
  }),
);
builder.objectField(CommentRef, "edited", (t) => t.boolean({ description: "Edited after it was posted.", resolve: (c) => c.version > 1 }));

builder.queryFields((t) => ({
  notifications: t.withAuth({ loggedIn: true }).field({
    type: [NotificationRef],
    description: "The caller's notifications, newest first (in teams the caller still belongs to).",
    args: { first: t.arg.int({ description: "Default 20, max 100." }), unreadOnly: t.arg.boolean() },
    resolve: (_p, args, ctx) => listNotifications(ctx.prisma, ctx.caller, args),
  }),
  unreadNotificationCount: t.withAuth({ loggedIn: true }).int({
    description: "Unread notifications of the caller (the top bar's badge).",
    resolve: (_p, _a, ctx) => unreadNotificationCount(ctx.prisma, ctx.caller),
  }),
  invitationLanding: t.withAuth({ public: true }).field({
    type: PublicInvitationRef,
    description: "PUBLIC: what an invitation link offers (team, inviter, role, whether it can still be used), by its token. Unknown tokens are NOT_FOUND.",
    args: { token: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => publicInvitation(ctx.prisma, args.token),
  }),
}));

builder.mutationFields((t) => ({
  markNotificationsRead: t.withAuth({ loggedIn: true }).int({
    description: "Marks the caller's notifications read: the given ids, or all. Returns how many changed.",
    args: { ids: t.arg.idList() },
    resolve: (_p, args, ctx) => markNotificationsRead(ctx.prisma, ctx.caller, args.ids?.map(String) ?? null),
  }),
}));
