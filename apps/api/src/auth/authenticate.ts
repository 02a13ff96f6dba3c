// Turns a request's `Authorization: Bearer <token>` header into a Caller. Session tokens
// (exs_...) and personal API tokens (exp_...) are told apart by prefix and looked up by their
// sha256 hash; expired or revoked ones authenticate nobody.
import type { IncomingHttpHeaders } from "node:http";
import type { PrismaClient } from "@exprlab/db";
import type { Caller } from "./caller.ts";
import { hashToken, safeEqual, tokenKind } from "./tokens.ts";

export type { Caller } from "./caller.ts";

/** Header carrying the shared INTERNAL_SECRET on server-to-server calls from the web app. */
export const INTERNAL_SECRET_HEADER = "x-exprlab-internal-secret";

/** API tokens' lastUsedAt is refreshed at most this often (ms), to avoid a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function readHeader(headers: IncomingHttpHeaders | Headers, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") {
    return (headers as Headers).get(name) ?? undefined;
  }
  const value = (headers as IncomingHttpHeaders)[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** The raw bearer token of a request, or null. */
export function bearerToken(headers: IncomingHttpHeaders | Headers): string | null {
  const header = readHeader(headers, "authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** True when the request carries the INTERNAL_SECRET (compared in constant time). */
export function hasInternalSecret(headers: IncomingHttpHeaders | Headers, secret: string): boolean {
  const value = readHeader(headers, INTERNAL_SECRET_HEADER);
  return value !== undefined && safeEqual(value, secret);
}

/**
 * The caller of a request, or null when it carries no valid token (missing, unknown, expired or
 * revoked). Never throws for a bad token: protected operations then answer UNAUTHENTICATED.
 */
export async function authenticateRequest(
  headers: IncomingHttpHeaders | Headers,
  prisma: PrismaClient,
): Promise<Caller | null> {
  const token = bearerToken(headers);
  if (!token) return null;
  return authenticateToken(token, prisma);
}

export async function authenticateToken(token: string, prisma: PrismaClient, now = new Date()): Promise<Caller | null> {
  const kind = tokenKind(token);
  if (!kind) return null;
  const tokenHash = hashToken(token);
  const userInclude = { user: { include: { memberships: { orderBy: { createdAt: "asc" as const } } } } };

  if (kind === "session") {
    const session = await prisma.session.findUnique({ where: { tokenHash }, include: userInclude });
    if (!session || session.revokedAt || session.expiresAt <= now) return null;
    const { user } = session;
    return {
      userId: user.id,
      email: user.email,
      name: user.name,
      via: "session",
      credentialId: session.id,
      memberships: user.memberships,
      teamIds: user.memberships.map((m) => m.teamId),
    };
  }

  const apiToken = await prisma.apiToken.findUnique({ where: { tokenHash }, include: userInclude });
  if (!apiToken || apiToken.revokedAt || (apiToken.expiresAt && apiToken.expiresAt <= now)) return null;
  if (!apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: now } });
  }
  const { user } = apiToken;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    via: "apiToken",
    credentialId: apiToken.id,
    memberships: user.memberships,
    teamIds: user.memberships.map((m) => m.teamId),
  };
}
