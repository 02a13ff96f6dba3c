// Opaque bearer tokens: 32 random bytes, base64url, behind a prefix that says what they are.
// Only the sha256 hash is stored; the raw token is returned once, at creation.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Session tokens (web sign-in, login mutation). */
export const SESSION_TOKEN_PREFIX = "exs_";
/** Personal API tokens (scripts). */
export const API_TOKEN_PREFIX = "exp_";
/** Team invitation tokens. */
export const INVITATION_TOKEN_PREFIX = "exi_";

export type TokenKind = "session" | "apiToken";

export function generateToken(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function tokenKind(token: string): TokenKind | null {
  if (token.startsWith(SESSION_TOKEN_PREFIX)) return "session";
  if (token.startsWith(API_TOKEN_PREFIX)) return "apiToken";
  return null;
}

/** The first characters of an API token, shown in lists ("exp_AbC123"). */
export function displayPrefix(token: string): string {
  return token.slice(0, API_TOKEN_PREFIX.length + 6);
}

/** Constant-time string comparison (secrets). */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  if (ab.length !== bb.length) return false;
  return timingSafeEqual(ab, bb);
}
