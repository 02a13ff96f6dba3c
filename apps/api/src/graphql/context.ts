// One typed context per request: the caller, the database client, the queue and fresh DataLoaders.
import type { IncomingHttpHeaders } from "node:http";
import type { PrismaClient } from "@exprlab/db";
import { authenticateRequest, hasInternalSecret } from "../auth/authenticate.ts";
import type { Caller } from "../auth/caller.ts";
import { env } from "../env.ts";
import type { RunEnqueuer } from "../services/create-run.ts";
import { createLoaders, type Loaders } from "./loaders.ts";

export type { RunEnqueuer };

export interface Context {
  prisma: PrismaClient;
  queue: RunEnqueuer;
  caller: Caller | null;
  /** True when the request carries the INTERNAL_SECRET header (server-to-server from the web app). */
  internal: boolean;
  loaders: Loaders;
}

export type AuthedContext = Context & { caller: Caller };

export interface ContextDeps {
  prisma: PrismaClient;
  queue: RunEnqueuer;
  internalSecret?: string;
}

export async function createContext(deps: ContextDeps, headers: IncomingHttpHeaders | Headers): Promise<Context> {
  const caller = await authenticateRequest(headers, deps.prisma);
  return contextFor(deps, caller, hasInternalSecret(headers, deps.internalSecret ?? env.INTERNAL_SECRET));
}

/** A context for a known caller (tests calling executeOperation, scripts). */
export function contextFor(deps: ContextDeps, caller: Caller | null, internal = false): Context {
  return { prisma: deps.prisma, queue: deps.queue, caller, internal, loaders: createLoaders(deps.prisma, caller) };
}
