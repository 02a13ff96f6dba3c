// next-auth (v4) configuration. The API's session token lives only in next-auth's encrypted JWT
// cookie (field `apiToken`); the session object sent to the browser carries the user, never it.
import "server-only";
import { createHmac } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import GoogleProvider from "next-auth/providers/google";
import { env } from "../env.ts";
import { postGraphQL } from "../lib/graphql/request.ts";
import { isApiError } from "../lib/graphql/errors.ts";
import { clientIpFrom } from "../lib/security/client-ip.ts";
import { safeCallbackUrl } from "../lib/security/callback-url.ts";
import { LoginMutation, LogoutMutation, OAuthSignInMutation } from "./operations.ts";

/**
 * Tells the API the browser's address for its rate limits: the address and its HMAC under the
 * internal secret (the secret itself is never sent on these requests: it would grant the internal
 * scope to whatever the browser asks through the proxy). Without an internal secret, nothing.
 */
export function clientIpHeaders(headers: { get(name: string): string | null }): Record<string, string> {
  const secret = env().internalSecret;
  if (!secret) return {};
  const ip = clientIpFrom(headers);
  return { "x-exprlab-client-ip": ip, "x-exprlab-client-ip-signature": createHmac("sha256", secret).update(`client-ip:${ip}`).digest("hex") };
}

/** How long a web session lasts (the API session is created with its own expiry). */
const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

declare module "next-auth" {
  interface Session {
    user: { id: string; name: string; email: string };
  }
  interface User {
    id: string;
    apiToken?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    /** The API's session token (exs_...). Server side only. */
    apiToken?: string;
  }
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  if (cached) return cached;
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials, req) {
        const email = credentials?.email?.trim();
        const password = credentials?.password;
        if (!email || !password) return null;
        const raw = (req?.headers ?? {}) as Record<string, string | string[] | undefined>;
        const headerOf = { get: (name: string) => { const v = raw[name]; return (Array.isArray(v) ? v[0] : v) ?? null; } };
        try {
          const { login } = await postGraphQL(e.graphqlUrl, LoginMutation, { email, password }, clientIpHeaders(headerOf));
          return { id: login.user.id, email: login.user.email, name: login.user.name, apiToken: login.token };
        } catch (error) {
          // Wrong email or password: next-auth reports "CredentialsSignin".
          if (isApiError(error, "UNAUTHENTICATED") || isApiError(error, "BAD_USER_INPUT")) return null;
          // Throttled: next-auth passes the message on as the error (shown by the sign-in form).
          if (isApiError(error, "RATE_LIMITED")) throw new Error(error.message);
          throw new Error("The ExprLab API could not be reached. Please try again in a moment.");
        }
      },
    }),
  ];
  if (e.oauth.github) providers.push(GitHubProvider(e.oauth.github));
  if (e.oauth.google) providers.push(GoogleProvider(e.oauth.google));

  cached = {
    secret: e.authSecret,
    // Secure cookies whenever the app's public URL is https (also behind a TLS-terminating proxy).
    useSecureCookies: e.secureCookies,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: "/signin", error: "/signin" },
    providers,
    callbacks: {
      // After OAuth and sign-out: only pages of this app (finding 7).
      redirect({ url }) {
        return `${e.appUrl}${safeCallbackUrl(url, e.appUrl)}`;
      },
      async signIn({ user, account, profile }) {
        if (!account || account.provider === "credentials") return true;
        // OAuth: link the provider identity to an ExprLab user and open an API session.
        const email = user.email ?? (profile as { email?: string } | undefined)?.email;
        if (!email || !e.internalSecret) return "/signin?error=OAuthAccountNotLinked";
        const { oauthSignIn } = await postGraphQL(
          e.graphqlUrl,
          OAuthSignInMutation,
          {
            provider: account.provider,
            providerAccountId: account.providerAccountId,
            email,
            name: user.name ?? email.split("@")[0] ?? email,
          },
          { "x-exprlab-internal-secret": e.internalSecret },
        );
        user.id = oauthSignIn.user.id;
        user.name = oauthSignIn.user.name;
        user.email = oauthSignIn.user.email;
        user.apiToken = oauthSignIn.token;
        return true;
      },
      jwt({ token, user }) {
        if (user) {
          token.userId = user.id;
          token.name = user.name;
          token.email = user.email;
          token.apiToken = user.apiToken;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { id: token.userId ?? "", name: token.name ?? "", email: token.email ?? "" };
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token.apiToken) return;
        // Revoke the API session too; signing out must not fail when the API is down.
        await postGraphQL(e.graphqlUrl, LogoutMutation, {}, { authorization: `Bearer ${token.apiToken}` }).catch(
          () => undefined,
        );
      },
    },
  };
  return cached;
}

/** Which OAuth providers are switched on (for the sign-in page's buttons). */
export function enabledOAuthProviders(): { id: "github" | "google"; name: string }[] {
  const { oauth } = env();
  const list: { id: "github" | "google"; name: string }[] = [];
  if (oauth.github) list.push({ id: "github", name: "GitHub" });
  if (oauth.google) list.push({ id: "google", name: "Google" });
  return list;
}
