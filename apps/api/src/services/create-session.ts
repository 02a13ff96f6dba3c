// Sessions: a random token returned once (exs_...), its sha256 hash stored with an expiry.
import { generateToken, hashToken, SESSION_TOKEN_PREFIX } from "../auth/tokens.ts";
import type { Db } from "./db.ts";

/** Sessions last 30 days. */
export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;

export interface NewSession {
  token: string;
  expiresAt: Date;
}

export async function createSession(db: Db, userId: string, now = new Date()): Promise<NewSession> {
  const token = generateToken(SESSION_TOKEN_PREFIX);
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.session.create({ data: { userId, tokenHash: hashToken(token), expiresAt } });
  return { token, expiresAt };
}
