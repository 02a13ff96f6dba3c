// The only module of the web app that reads process.env (server side). Parsed lazily on first
// use, so `next build` does not need runtime secrets.
import "server-only";
import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    /** Base URL of the ExprLab API (GraphQL at /graphql, uploads at /upload). */
    API_URL: z.url().default("http://localhost:4000"),
    /** The API's address as users' scripts see it (shown with API tokens). Default: API_URL. */
    PUBLIC_API_URL: z.url().optional(),
    /** Public URL of this web app (next-auth callbacks, invitation links). */
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: optional,
    AUTH_SECRET: optional,
    /** Shared with the API: authorises the web app to link OAuth identities (oauthSignIn). */
    INTERNAL_SECRET: optional,
    AUTH_GITHUB_ID: optional,
    AUTH_GITHUB_SECRET: optional,
    AUTH_GOOGLE_ID: optional,
    AUTH_GOOGLE_SECRET: optional,
  })
  .transform((e, ctx) => {
    const secret = e.NEXTAUTH_SECRET ?? e.AUTH_SECRET;
    if (!secret && e.NODE_ENV === "production") {
      ctx.addIssue({ code: "custom", message: "NEXTAUTH_SECRET (or AUTH_SECRET) is required in production" });
    }
    const apiBase = e.API_URL.replace(/\/+$/, "").replace(/\/graphql$/, "");
    const oauth = {
      github:
        e.AUTH_GITHUB_ID && e.AUTH_GITHUB_SECRET
          ? { clientId: e.AUTH_GITHUB_ID, clientSecret: e.AUTH_GITHUB_SECRET }
          : undefined,
      google:
        e.AUTH_GOOGLE_ID && e.AUTH_GOOGLE_SECRET
          ? { clientId: e.AUTH_GOOGLE_ID, clientSecret: e.AUTH_GOOGLE_SECRET }
          : undefined,
    };
    if ((oauth.github || oauth.google) && !e.INTERNAL_SECRET) {
      ctx.addIssue({ code: "custom", message: "INTERNAL_SECRET is required when an OAuth provider is enabled" });
    }
    return {
      nodeEnv: e.NODE_ENV,
      apiBase,
      graphqlUrl: `${apiBase}/graphql`,
      uploadUrl: `${apiBase}/upload`,
      publicGraphqlUrl: `${(e.PUBLIC_API_URL ?? apiBase).replace(/\/+$/, "").replace(/\/graphql$/, "")}/graphql`,
      appUrl: e.NEXTAUTH_URL.replace(/\/+$/, ""),
      /** Cookies carry Secure when the app is served over https (NEXTAUTH_URL), also behind a TLS proxy. */
      secureCookies: e.NEXTAUTH_URL.startsWith("https://"),
      authSecret: secret ?? "exprlab-development-secret-do-not-use-in-production",
      internalSecret: e.INTERNAL_SECRET,
      oauth,
    };
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment (throws with every problem listed when it is invalid). */
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Invalid web app environment:\n${z.prettifyError(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}
