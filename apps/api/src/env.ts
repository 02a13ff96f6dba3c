// The only module of apps/api that reads process.env (validated with zod).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

const here = path.dirname(fileURLToPath(import.meta.url));
/** Root of the monorepo (apps/api/src -> ../../..). */
export const repoRoot = path.resolve(here, "..", "..", "..");

const DEV_AUTH_SECRET = "exprlab-dev-auth-secret-change-me";
const DEV_INTERNAL_SECRET = "exprlab-dev-internal-secret-change-me";

function emptyToUndefined(value: unknown): unknown {
  return value === "" ? undefined : value;
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  /** PostgreSQL server; when unset, @exprlab/db starts an embedded PostgreSQL under DATA_DIR. */
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  ),
  /** Port of the GraphQL API. Default 4000. */
  API_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(4000)),
  /** Origin of the web app (CORS, invitation links). Default http://localhost:3000. */
  WEB_URL: z.preprocess(emptyToUndefined, z.url().default("http://localhost:3000")),
  /** Shared with the web app's next-auth. A development default is used (with a warning) when unset. */
  AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(16).optional()),
  /**
   * Shared secret for server-to-server calls from the web app (header `x-exprlab-internal-secret`),
   * e.g. `oauthSignIn`. A development default is used (with a warning) when unset.
   */
  INTERNAL_SECRET: z.preprocess(emptyToUndefined, z.string().min(16).optional()),
  /** Runs processed in parallel by one worker process. Default: cores - 1, at least 1. */
  WORKER_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(64).optional()),
  /** Data folder (embedded PostgreSQL, uploads). Default <repo>/.data. */
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(path.join(repoRoot, ".data"))),
  /** Port of the embedded PostgreSQL (when DATABASE_URL is unset). Default 54329. */
  EMBEDDED_DB_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(65535).optional()),
  // Run queue (src/queue/settings.ts documents each; unset = the queue's defaults).
  /** Lease of a running run (s): a dead worker's run is retried this long after its last heartbeat. */
  QUEUE_LEASE_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(2).optional()),
  /** How often workers write heartbeats and read cancel requests (s). */
  QUEUE_HEARTBEAT_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().positive().optional()),
  /** Retries of a run after its first attempt. */
  QUEUE_RETRY_LIMIT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).optional()),
  /** Delay before a retry (s, with backoff). */
  QUEUE_RETRY_DELAY_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).optional()),
  /** Idle workers look for new runs this often when no notification arrives (s). */
  QUEUE_POLL_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0.2).optional()),
  /** Runs of one team running at once across all workers. Default 2. */
  TEAM_MAX_RUNNING: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  /** Runs one team may have waiting in the queue. Default 50. */
  TEAM_MAX_QUEUED: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).optional()),
  /** Time budget of one run (s): longer runs fail; runs estimated over it are refused. Default 3600. */
  RUN_MAX_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(1).optional()),
  /** Memory cap of one run's engine (MB of JS heap). Default 4096. */
  RUN_MAX_MEMORY_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(8).optional()),
  /** When set, the worker touches this file every 10 s (container health checks: fresh = alive). */
  WORKER_HEALTH_FILE: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Seconds a stopping worker lets its runs finish before handing them back to the queue. Default 20. */
  WORKER_DRAIN_SECONDS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).default(20)),
  /**
   * Express's "trust proxy" when the API sits behind a reverse proxy that sets X-Forwarded-For
   * (e.g. "loopback" or "1"); unset: the socket's address is the client's.
   */
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Outgoing mail (verification links), e.g. smtps://user:pass@smtp.example.org. Unset: mails are logged to the console. */
  SMTP_URL: z.preprocess(emptyToUndefined, z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional()),
  /** Sender of outgoing mail. Default "ExprLab <no-reply@localhost>". */
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default("ExprLab <no-reply@localhost>")),
  /**
   * Rate limits (src/auth/rate-limits.ts documents each; unset = the defaults), as
   * "name=points/seconds,..." e.g. "signUpPerIp=30/3600,loginPerEmail=10/900".
   */
  RATE_LIMITS: z.preprocess(emptyToUndefined, z.string().optional()),
});

export type Env = Omit<z.infer<typeof envSchema>, "AUTH_SECRET" | "INTERNAL_SECRET"> & {
  AUTH_SECRET: string;
  INTERNAL_SECRET: string;
};

/** Parses `source` (default process.env); throws one readable error listing every bad variable. */
export function readEnv(
  source: Record<string, string | undefined> = process.env,
  warn: (message: string) => void = (m) => console.warn(m),
): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment for @exprlab/api: ${issues}`);
  }
  const data = parsed.data;
  const secret = (name: "AUTH_SECRET" | "INTERNAL_SECRET", fallback: string): string => {
    const value = data[name];
    if (value !== undefined) return value;
    if (data.NODE_ENV === "production") {
      throw new Error(`Invalid environment for @exprlab/api: ${name} is required in production`);
    }
    if (data.NODE_ENV !== "test") warn(`[exprlab/api] ${name} is not set: using the development default.`);
    return fallback;
  };
  return {
    ...data,
    AUTH_SECRET: secret("AUTH_SECRET", DEV_AUTH_SECRET),
    INTERNAL_SECRET: secret("INTERNAL_SECRET", DEV_INTERNAL_SECRET),
  };
}

export const env: Env = readEnv();
