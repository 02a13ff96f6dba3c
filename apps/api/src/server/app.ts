// The API's express app: POST/GET /graphql (Apollo Server 5), GET /health, POST /upload, GET /export.
import { ApolloServer } from "@apollo/server";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express, { type Express } from "express";
import { METHODS, type Registry } from "@exprlab/core";
import type { PrismaClient } from "@exprlab/db";
import { GraphQLError } from "graphql";
import { databaseUrlOf } from "@exprlab/db";
import { clientIpOf } from "../auth/client-ip.ts";
import { mailerFromEnv, type Mailer } from "../auth/mailer.ts";
import { parseRateLimits, RateLimits, type RateLimitSettings } from "../auth/rate-limits.ts";
import { env } from "../env.ts";
import { isAppError } from "../errors.ts";
import { createContext, runLimitsFromEnv, type Context, type RunEnqueuer, type RunLimits } from "../graphql/context.ts";
import { createFormatError, type ErrorLogger } from "../graphql/format-error.ts";
import { LIMITS, requestLimitsPlugin } from "../graphql/limits.ts";
import { schema } from "../graphql/schema.ts";
import { createExportRouter } from "../export/export-router.ts";
import { createUploadRouter } from "../import/index.ts";
import type { UploadLimits } from "../import/upload-limits.ts";
import { createRunNotifier } from "../queue/notify.ts";
import { JSON_BODY_LIMIT, jsonErrorHandler, notFoundHandler } from "./errors.ts";

export interface AppDeps {
  prisma: PrismaClient;
  /** Default: LISTEN/NOTIFY through `prisma` (the Run table is the queue). */
  queue?: RunEnqueuer;
  /** Default: core's built-in methods. */
  registry?: Registry;
  /** Default: from the environment (RUN_MAX_SECONDS, ...). */
  limits?: RunLimits;
  /** Allowed browser origins (default: WEB_URL). */
  corsOrigins?: string[];
  /** INTERNAL_SECRET override (tests). */
  internalSecret?: string;
  logError?: ErrorLogger;
  /** Rate limits over the defaults (default: RATE_LIMITS from the environment). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Default: SMTP_URL, else the console. */
  mailer?: Mailer;
  /** Upload limits (default: DEFAULT_UPLOAD_LIMITS). */
  uploadLimits?: Partial<UploadLimits>;
  /** Production behaviour (no introspection, no suggestions, terse errors). Default: NODE_ENV. */
  production?: boolean;
}

export interface App {
  app: Express;
  apollo: ApolloServer<Context>;
  /** Stops Apollo (the caller closes its http.Server). */
  stop: () => Promise<void>;
}

export function createApollo(deps: Pick<AppDeps, "logError" | "production">): ApolloServer<Context> {
  const production = deps.production ?? env.NODE_ENV === "production";
  return new ApolloServer<Context>({
    schema,
    formatError: createFormatError(deps.logError),
    // Token limit inside graphql's parser: an oversized document is refused before it is parsed.
    parseOptions: { maxTokens: LIMITS.maxTokens },
    // Depth, aliases, directives, cost and introspection for anonymous callers: after validation.
    plugins: [requestLimitsPlugin({ schema, production })],
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: production,
    introspection: !production,
  });
}

/** Builds the express app (Apollo started). Listen with `app.listen(port)` or http.createServer(app). */
export async function createApp(deps: AppDeps): Promise<App> {
  const apollo = createApollo(deps);
  await apollo.start();
  const internalSecret = deps.internalSecret ?? env.INTERNAL_SECRET;
  const rateLimits = new RateLimits(databaseUrlOf(deps.prisma) ?? null, deps.rateLimits ?? parseRateLimits(env.RATE_LIMITS));
  const contextDeps = {
    rateLimits,
    mailer: deps.mailer ?? mailerFromEnv(env),
    prisma: deps.prisma,
    queue: deps.queue ?? createRunNotifier(deps.prisma),
    limits: deps.limits ?? runLimitsFromEnv(),
    ...(deps.registry ? { registry: deps.registry } : {}),
    ...(deps.internalSecret ? { internalSecret: deps.internalSecret } : {}),
  };
  const app = express();
  app.disable("x-powered-by");
  // Express prints stack traces in its error pages outside production; ours are JSON anyway.
  app.set("env", (deps.production ?? env.NODE_ENV === "production") ? "production" : "development");
  if (env.TRUST_PROXY) app.set("trust proxy", /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY);
  app.use(cors({ origin: deps.corsOrigins ?? [env.WEB_URL], credentials: false }));
  app.get("/health", async (_req, res) => {
    try {
      await deps.prisma.$queryRaw`SELECT 1`;
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable" });
    }
  });
  app.use("/export", createExportRouter({ prisma: deps.prisma, registry: deps.registry ?? METHODS, ...(deps.logError ? { logError: deps.logError } : {}) }));
  app.use(
    "/upload",
    createUploadRouter({
      prisma: deps.prisma,
      rateLimits,
      clientIp: (req) => clientIpOf(req, internalSecret),
      ...(deps.uploadLimits ? { limits: deps.uploadLimits } : {}),
      ...(deps.logError ? { logError: deps.logError } : {}),
    }),
  );
  app.use(
    "/graphql",
    express.json({ limit: JSON_BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        try {
          return await createContext(contextDeps, req.headers, clientIpOf(req, internalSecret));
        } catch (error) {
          // Apollo answers context errors with 500 unless they are GraphQLErrors carrying their status.
          if (isAppError(error)) throw new GraphQLError(error.userMessage, { extensions: { ...error.extensions, code: error.code } });
          throw error;
        }
      },
    }),
  );
  app.use(notFoundHandler);
  app.use(jsonErrorHandler(deps.logError));
  return { app, apollo, stop: () => apollo.stop() };
}
