// One typed context per request: the caller, the database client, the queue, the method registry,
// the installation's run limits and fresh DataLoaders.
import type { IncomingHttpHeaders } from "node:http";
import { METHODS, type Registry } from "@exprlab/core";
import type { PrismaClient } from "@exprlab/db";
import { authenticateRequest, bearerToken, hasInternalSecret } from "../auth/authenticate.ts";
import { consoleMailer, type Mailer } from "../auth/mailer.ts";
import { RateLimits } from "../auth/rate-limits.ts";
import type { Caller } from "../auth/caller.ts";
import { env } from "../env.ts";
import { queueSettingsFromEnv } from "../queue/from-env.ts";
import type { RunEnqueuer } from "../queue/notify.ts";
import { resolveQueueSettings, type QueueSettings } from "../queue/settings.ts";
import { createLoaders, type Loaders } from "./loaders.ts";
import { WorkBudget } from "./work-budget.ts";

export type { RunEnqueuer };

/** The limits createRun checks (the workers enforce the same ones). */
export type RunLimits = Pick<QueueSettings, "runMaxSeconds" | "runMaxMemoryMb" | "teamMaxQueued">;

export function runLimitsFromEnv(): RunLimits {
  const { runMaxSeconds, runMaxMemoryMb, teamMaxQueued } = resolveQueueSettings(queueSettingsFromEnv(env));
  return { runMaxSeconds, runMaxMemoryMb, teamMaxQueued };
}

export interface Context {
  prisma: PrismaClient;
  queue: RunEnqueuer;
  /** The analysis methods (core's built-in registry; tests may register more). */
  registry: Registry;
  limits: RunLimits;
  caller: Caller | null;
  /** True when the request carries the INTERNAL_SECRET header (server-to-server from the web app). */
  internal: boolean;
  loaders: Loaders;
  /** What this request's heavy resolvers may still spend (work-budget.ts). */
  work: WorkBudget;
  /** The client's address (rate limits): the socket's, or the web app's forwarded one (auth/client-ip.ts). */
  clientIp: string;
  rateLimits: RateLimits;
  mailer: Mailer;
}

export type AuthedContext = Context & { caller: Caller };

export interface ContextDeps {
  prisma: PrismaClient;
  queue: RunEnqueuer;
  registry?: Registry;
  limits?: RunLimits;
  internalSecret?: string;
  /** Default: memory-only limits with their defaults (tests, scripts). */
  rateLimits?: RateLimits;
  /** Default: logged to the console. */
  mailer?: Mailer;
}

export async function createContext(deps: ContextDeps, headers: IncomingHttpHeaders | Headers, clientIp = "unknown"): Promise<Context> {
  const caller = await authenticateRequest(headers, deps.prisma);
  const context = contextFor(deps, caller, hasInternalSecret(headers, deps.internalSecret ?? env.INTERNAL_SECRET), clientIp);
  // A token that authenticates nobody counts against the client's address; a caller's requests against the account.
  if (!caller && bearerToken(headers)) await context.rateLimits.consume("badTokenPerIp", clientIp);
  if (caller) await context.rateLimits.consume("requestsPerAccount", caller.userId);
  return context;
}

let defaultRateLimits: RateLimits | undefined;
let defaultMailer: Mailer | undefined;

/** A context for a known caller (tests calling executeOperation, scripts). */
export function contextFor(deps: ContextDeps, caller: Caller | null, internal = false, clientIp = "unknown"): Context {
  return {
    prisma: deps.prisma,
    queue: deps.queue,
    registry: deps.registry ?? METHODS,
    limits: deps.limits ?? runLimitsFromEnv(),
    caller,
    internal,
    loaders: createLoaders(deps.prisma, caller),
    work: new WorkBudget(),
    clientIp,
    rateLimits: deps.rateLimits ?? (defaultRateLimits ??= new RateLimits(null)),
    mailer: deps.mailer ?? (defaultMailer ??= consoleMailer()),
  };
}
