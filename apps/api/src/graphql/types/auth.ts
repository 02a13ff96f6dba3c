// Sign-up, login, logout, OAuth sign-in (web app only), the caller, API tokens.
import type { ApiToken } from "@exprlab/db";
import { createApiToken, type NewApiToken } from "../../services/create-api-token.ts";
import { listApiTokens } from "../../services/list-api-tokens.ts";
import { logIn, type LogInResult } from "../../services/log-in.ts";
import { logOut } from "../../services/log-out.ts";
import { oauthSignIn } from "../../services/oauth-sign-in.ts";
import { revokeApiToken } from "../../services/revoke-api-token.ts";
import { sendEmailVerification, verifyEmail } from "../../services/send-email-verification.ts";
import { signUp, type SignUpResult } from "../../services/sign-up.ts";
import { env } from "../../env.ts";
import { builder } from "../builder.ts";
import { UserRef } from "./common.ts";

const AuthPayload = builder.objectRef<LogInResult>("AuthPayload").implement({
  description: "A new session. Send the token as `Authorization: Bearer <token>`; it is shown only here.",
  fields: (t) => ({
    token: t.exposeString("token"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    user: t.field({ type: UserRef, resolve: (p) => p.user }),
  }),
});

const SignUpPayload = builder.objectRef<SignUpResult>("SignUpPayload").implement({
  description: "The same for new and already registered emails (so sign-up does not reveal accounts): sign in next.",
  fields: (t) => ({ message: t.exposeString("message") }),
});

builder.objectField(UserRef, "emailVerified", (t) =>
  t.boolean({ description: "The user opened the confirmation link sent to their email (or signed in with a provider that verified it).", resolve: (u) => u.emailVerifiedAt !== null }),
);

const ApiTokenRef = builder.objectRef<ApiToken>("ApiToken").implement({
  description: "A personal API token for scripts. The secret itself is shown only at creation.",
  fields: (t) => ({
    id: t.exposeID("id"),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "First characters of the token, to tell tokens apart." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true }),
  }),
});

const ApiTokenPayload = builder.objectRef<NewApiToken>("ApiTokenPayload").implement({
  fields: (t) => ({
    token: t.exposeString("token", { description: "The raw token (exp_...): shown once, never again." }),
    apiToken: t.field({ type: ApiTokenRef, resolve: (p) => p.apiToken }),
  }),
});

builder.queryFields((t) => ({
  health: t.string({ authScopes: { public: true }, description: "Always \"ok\" when the API answers.", resolve: () => "ok" }),
  me: t.withAuth({ loggedIn: true }).field({
    type: UserRef,
    description: "The signed-in user.",
    resolve: async (_p, _a, ctx) => ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.caller.userId } }),
  }),
  apiTokens: t.withAuth({ loggedIn: true }).field({
    type: [ApiTokenRef],
    description: "The caller's API tokens, newest first (revoked ones too).",
    resolve: (_p, _a, ctx) => listApiTokens(ctx.prisma, ctx.caller),
  }),
}));

builder.mutationFields((t) => ({
  signUp: t.field({
    type: SignUpPayload,
    authScopes: { public: true },
    description:
      "Creates an account with a personal team (you are its owner) and mails a confirmation link; answers the same for a taken email. Then call login. Passwords: 8+ characters, not a common one. RATE_LIMITED (HTTP 429, Retry-After) when repeated too often.",
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }), name: t.arg.string({ required: true }) },
    resolve: async (_p, args, ctx) => {
      await ctx.rateLimits.consume("signUpPerIp", ctx.clientIp);
      return signUp({ prisma: ctx.prisma, mailer: ctx.mailer, webUrl: env.WEB_URL }, args);
    },
  }),
  login: t.field({
    type: AuthPayload,
    authScopes: { public: true },
    description: "Email + password -> a session token (UNAUTHENTICATED when wrong; RATE_LIMITED with Retry-After after repeated attempts).",
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: (_p, args, ctx) => logIn(ctx.prisma, args, { rateLimits: ctx.rateLimits, clientIp: ctx.clientIp }),
  }),
  verifyEmail: t.field({
    type: UserRef,
    authScopes: { public: true },
    description: "Confirms an email address with the token of the link mailed at sign-up (BAD_USER_INPUT when unknown, used or expired).",
    args: { token: t.arg.string({ required: true }) },
    resolve: async (_p, args, ctx) => {
      await ctx.rateLimits.check("badTokenPerIp", ctx.clientIp);
      try {
        return await verifyEmail(ctx.prisma, args.token);
      } catch (error) {
        await ctx.rateLimits.consume("badTokenPerIp", ctx.clientIp); // a guessed token counts like a bad bearer token
        throw error;
      }
    },
  }),
  resendEmailVerification: t.withAuth({ loggedIn: true }).boolean({
    description: "Mails a new confirmation link to the caller's address (false when it is already confirmed).",
    resolve: async (_p, _a, ctx) => {
      const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: ctx.caller.userId } });
      if (user.emailVerifiedAt) return false;
      await ctx.rateLimits.consume("verificationMailsPerUser", user.id);
      await sendEmailVerification({ prisma: ctx.prisma, mailer: ctx.mailer, webUrl: env.WEB_URL }, user);
      return true;
    },
  }),
  logout: t.withAuth({ loggedIn: true }).boolean({
    description: "Revokes the session used by this request (false when called with an API token).",
    resolve: (_p, _a, ctx) => logOut(ctx.prisma, ctx.caller),
  }),
  oauthSignIn: t.field({
    type: AuthPayload,
    authScopes: { internal: true },
    description: "For the web app's next-auth only (needs the x-exprlab-internal-secret header): finds, links or creates the user of an OAuth identity and returns a session.",
    args: {
      provider: t.arg.string({ required: true }),
      providerAccountId: t.arg.string({ required: true }),
      email: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
    },
    resolve: (_p, args, ctx) => oauthSignIn(ctx.prisma, args),
  }),
  createApiToken: t.withAuth({ loggedIn: true }).field({
    type: ApiTokenPayload,
    description: "A personal API token (exp_...) for scripts; never expires when expiresInDays is null.",
    args: { name: t.arg.string({ required: true }), expiresInDays: t.arg.int() },
    resolve: (_p, args, ctx) => createApiToken(ctx.prisma, ctx.caller, args),
  }),
  revokeApiToken: t.withAuth({ loggedIn: true }).field({
    type: ApiTokenRef,
    args: { id: t.arg.id({ required: true }) },
    resolve: (_p, args, ctx) => revokeApiToken(ctx.prisma, ctx.caller, String(args.id)),
  }),
}));
