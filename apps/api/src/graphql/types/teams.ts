// Teams, members, invitations.
import type { Invitation, Team } from "@exprlab/db";
import { membershipOf } from "../../auth/authorize.ts";
import { notFound } from "../../errors.ts";
import { acceptInvitation } from "../../services/accept-invitation.ts";
import { changeRole } from "../../services/change-role.ts";
import { createTeam } from "../../services/create-team.ts";
import { getTeamOrThrow } from "../../services/get-team-or-throw.ts";
import { inviteMember, type NewInvitation } from "../../services/invite-member.ts";
import { listInvitations } from "../../services/list-invitations.ts";
import { listMembers, type MemberWithUser } from "../../services/list-members.ts";
import { listMyTeams } from "../../services/list-my-teams.ts";
import { previewInvitation, type InvitationPreview } from "../../services/preview-invitation.ts";
import { removeMember } from "../../services/remove-member.ts";
import { revokeInvitation } from "../../services/revoke-invitation.ts";
import { builder } from "../builder.ts";
import { loadUser, RoleEnum, UserRef } from "./common.ts";

export const MemberRef = builder.objectRef<MemberWithUser>("Member").implement({
  fields: (t) => ({
    id: t.exposeID("id", { description: "Membership id." }),
    user: t.field({ type: UserRef, resolve: (m) => m.user }),
    role: t.field({ type: RoleEnum, resolve: (m) => m.role }),
    joinedAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const TeamRef = builder.objectRef<Team>("Team").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    slug: t.exposeString("slug"),
    personal: t.exposeBoolean("personal", { description: "The team every user gets at sign-up." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    myRole: t.field({
      type: RoleEnum,
      description: "The caller's role in this team.",
      resolve: (team, _a, ctx) => {
        const m = ctx.caller ? membershipOf(ctx.caller, team.id) : undefined;
        if (!m) throw notFound("Team");
        return m.role;
      },
    }),
    memberCount: t.int({ resolve: (team, _a, ctx) => ctx.prisma.membership.count({ where: { teamId: team.id } }) }),
    members: t.field({
      type: [MemberRef],
      resolve: (team, _a, ctx) => {
        if (!ctx.caller) throw notFound("Team");
        return listMembers(ctx.prisma, ctx.caller, team.id);
      },
    }),
  }),
});

const InvitationRef = builder.objectRef<Invitation>("Invitation").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    teamId: t.exposeID("teamId"),
    email: t.exposeString("email"),
    role: t.field({ type: RoleEnum, resolve: (i) => i.role }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    acceptedAt: t.expose("acceptedAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    invitedBy: t.field({ type: UserRef, resolve: (i, _a, ctx) => loadUser(ctx, i.invitedById) }),
  }),
});

const InvitationPayload = builder.objectRef<NewInvitation>("InvitationPayload").implement({
  fields: (t) => ({
    invitation: t.field({ type: InvitationRef, resolve: (p) => p.invitation }),
    token: t.exposeString("token", { description: "The invitation token (exi_...): shown once." }),
    url: t.exposeString("url", { description: "Link to send to the invitee (web app /invitations/<token>)." }),
  }),
});

const InvitationPreviewRef = builder.objectRef<InvitationPreview>("InvitationPreview").implement({
  description: "What an invitation link offers (shown to the invitee before accepting).",
  fields: (t) => ({
    teamId: t.exposeID("teamId"),
    teamName: t.exposeString("teamName"),
    role: t.field({ type: RoleEnum, resolve: (p) => p.role }),
    email: t.exposeString("email"),
    invitedByName: t.exposeString("invitedByName"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
  }),
});

builder.queryFields((t) => ({
  invitationPreview: t.withAuth({ loggedIn: true }).field({
    type: InvitationPreviewRef,
    description: "A pending invitation addressed to the caller's email, by its token (else NOT_FOUND).",
    args: { token: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => previewInvitation(ctx.prisma, ctx.caller, args.token),
  }),
  myTeams: t.withAuth({ loggedIn: true }).field({
    type: [TeamRef],
    description: "Teams the caller belongs to, personal team first.",
    resolve: async (_p, _a, ctx) => (await listMyTeams(ctx.prisma, ctx.caller)).map((m) => m.team),
  }),
  team: t.withAuth({ loggedIn: true }).field({
    type: TeamRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => getTeamOrThrow(ctx.prisma, ctx.caller, String(args.id)),
  }),
  members: t.withAuth({ loggedIn: true }).field({
    type: [MemberRef],
    args: { teamId: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => listMembers(ctx.prisma, ctx.caller, String(args.teamId)),
  }),
  invitations: t.withAuth({ loggedIn: true }).field({
    type: [InvitationRef],
    description: "Pending invitations of a team (admins and owners).",
    args: { teamId: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => listInvitations(ctx.prisma, ctx.caller, String(args.teamId)),
  }),
}));

builder.mutationFields((t) => ({
  createTeam: t.withAuth({ loggedIn: true }).field({
    type: TeamRef,
    args: { name: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => createTeam(ctx.prisma, ctx.caller, args),
  }),
  inviteMember: t.withAuth({ loggedIn: true }).field({
    type: InvitationPayload,
    description: "Invites an email with a role (admins and owners; only owners invite owners). Returns the token/link once.",
    args: { teamId: t.arg.id({ required: true }), email: t.arg.string({ required: true }), role: t.arg({ type: RoleEnum, required: true }) },
    resolve: (_p, args, ctx) => inviteMember(ctx.prisma, ctx.caller, { ...args, teamId: String(args.teamId) }),
  }),
  acceptInvitation: t.withAuth({ loggedIn: true }).field({
    type: TeamRef,
    description: "Joins the team of an invitation sent to the caller's email.",
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_p, args, ctx) => {
      const membership = await acceptInvitation(ctx.prisma, ctx.caller, args.token);
      return getTeamOrThrow(ctx.prisma, ctx.caller, membership.teamId);
    },
  }),
  revokeInvitation: t.withAuth({ loggedIn: true }).field({
    type: InvitationRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => revokeInvitation(ctx.prisma, ctx.caller, String(args.id)),
  }),
  changeRole: t.withAuth({ loggedIn: true }).field({
    type: MemberRef,
    description: "Sets a member's role (admins and owners; only owners touch the owner role; never the last owner).",
    args: { teamId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }), role: t.arg({ type: RoleEnum, required: true }) },
    resolve: async (_p, args, ctx) => {
      const m = await changeRole(ctx.prisma, ctx.caller, { teamId: String(args.teamId), userId: String(args.userId), role: args.role });
      return { ...m, user: await loadUser(ctx, m.userId) };
    },
  }),
  removeMember: t.withAuth({ loggedIn: true }).boolean({
    description: "Removes a member (admins and owners), or leaves the team (own userId). Never the last owner.",
    args: { teamId: t.arg.id({ required: true }), userId: t.arg.id({ required: true }) },
    resolve: async (_p, args, ctx) => {
      await removeMember(ctx.prisma, ctx.caller, { teamId: String(args.teamId), userId: String(args.userId) });
      return true;
    },
  }),
}));
