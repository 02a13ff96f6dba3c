// Rate limits of the attempts an attacker repeats: sign-in (per account and per IP, so neither a
// password spray across accounts nor a guess of one account's password gets far), sign-up per IP,
// unknown or revoked bearer tokens per IP, uploads per user and IP, verification mails per user.
// Counters live in PostgreSQL (rate-limiter-flexible's store, table rate_limit from our
// migrations), so every API process shares them; when the database cannot be reached a
// per-process memory limiter stands in. The request rate of a signed-in account is counted in
// memory per process only (one write per request would cost more than it protects: a process's
// share of an account's traffic is what it can be overwhelmed by).
import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import pg from "pg";
import { rateLimited } from "../errors.ts";

export interface Rule {
  /** Attempts allowed in the window. */
  points: number;
  /** Window (s); a key over its points waits until the window ends. */
  seconds: number;
}

export const DEFAULT_RATE_LIMITS = {
  /** Sign-in attempts per email (success clears it): 10 per 15 min. */
  loginPerEmail: { points: 10, seconds: 15 * 60 },
  /** Sign-in attempts per client IP: 100 per 15 min (a lab behind one NAT address signs in less often). */
  loginPerIp: { points: 100, seconds: 15 * 60 },
  /** Sign-ups per client IP: 30 per hour. */
  signUpPerIp: { points: 30, seconds: 60 * 60 },
  /** Requests with an unknown, expired or revoked bearer token per IP: 60 per 10 min. */
  badTokenPerIp: { points: 60, seconds: 10 * 60 },
  /** Requests of one signed-in account (session or API token), per API process: 1,200 per minute. */
  requestsPerAccount: { points: 1_200, seconds: 60 },
  /** Uploads per user: 30 per hour; per IP: 60 per hour. */
  uploadsPerUser: { points: 30, seconds: 60 * 60 },
  uploadsPerIp: { points: 60, seconds: 60 * 60 },
  /** Verification mails per user: 5 per hour. */
  verificationMailsPerUser: { points: 5, seconds: 60 * 60 },
} satisfies Record<string, Rule>;

export type RateLimitName = keyof typeof DEFAULT_RATE_LIMITS;
export type RateLimitSettings = Record<RateLimitName, Rule>;

const MESSAGES: Record<RateLimitName, string> = {
  loginPerEmail: "Too many sign-in attempts for this account.",
  loginPerIp: "Too many sign-in attempts from your network.",
  signUpPerIp: "Too many sign-ups from your network.",
  badTokenPerIp: "Too many requests with an invalid token.",
  requestsPerAccount: "Too many requests for this account.",
  uploadsPerUser: "Too many uploads.",
  uploadsPerIp: "Too many uploads from your network.",
  verificationMailsPerUser: "Too many verification emails.",
};

/** "signUpPerIp=30/3600,loginPerEmail=10/900" -> overrides (RATE_LIMITS in the environment). */
export function parseRateLimits(text: string | undefined): Partial<RateLimitSettings> {
  const out: Partial<RateLimitSettings> = {};
  for (const part of (text ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\w+)=(\d+)\/(\d+)$/.exec(part);
    if (!m || !(m[1]! in DEFAULT_RATE_LIMITS)) throw new Error(`RATE_LIMITS: "${part}" is not name=points/seconds with a known name`);
    out[m[1] as RateLimitName] = { points: Number(m[2]), seconds: Number(m[3]) };
  }
  return out;
}

/** Keys are hashed: emails can be long and should not sit in a counter table in clear. */
function keyOf(value: string): string {
  return createHash("sha256").update(value.trim().toLowerCase()).digest("base64url").slice(0, 32);
}

const pools = new Map<string, pg.Pool>();
function poolFor(url: string): pg.Pool {
  let pool = pools.get(url);
  if (!pool) {
    pool = new pg.Pool({ connectionString: url, max: 3, idleTimeoutMillis: 10_000, allowExitOnIdle: true });
    pool.on("error", () => {}); // a dropped idle connection is replaced
    pools.set(url, pool);
  }
  return pool;
}

/** Closes the limiters' connections (tests dropping their database, shutdown). */
export async function closeRateLimitPools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.end()));
}

export class RateLimits {
  private readonly limiters: Record<RateLimitName, RateLimiterAbstract>;
  readonly settings: RateLimitSettings;

  /** `databaseUrl` null: memory only (one process). */
  constructor(databaseUrl: string | null, overrides: Partial<RateLimitSettings> = {}) {
    this.settings = { ...DEFAULT_RATE_LIMITS, ...overrides };
    const make = (name: RateLimitName): RateLimiterAbstract => {
      const { points, seconds } = this.settings[name];
      const memory = new RateLimiterMemory({ keyPrefix: name, points, duration: seconds });
      if (!databaseUrl || name === "requestsPerAccount") return memory;
      return new RateLimiterPostgres({
        storeClient: poolFor(databaseUrl),
        storeType: "pool",
        tableName: "rate_limit",
        tableCreated: true,
        keyPrefix: name,
        points,
        duration: seconds,
        insuranceLimiter: memory,
      });
    };
    this.limiters = Object.fromEntries((Object.keys(DEFAULT_RATE_LIMITS) as RateLimitName[]).map((n) => [n, make(n)])) as Record<RateLimitName, RateLimiterAbstract>;
  }

  /** Counts one attempt of `key` under `name`; throws RATE_LIMITED (with Retry-After) when over. */
  async consume(name: RateLimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(keyOf(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw rateLimited(error.msBeforeNext / 1000, MESSAGES[name]);
      throw error;
    }
  }

  /** Throws RATE_LIMITED when `key` is already over its limit (without counting an attempt). */
  async check(name: RateLimitName, key: string): Promise<void> {
    const res = await this.limiters[name].get(keyOf(key));
    if (res && res.consumedPoints > this.settings[name].points) throw rateLimited(res.msBeforeNext / 1000, MESSAGES[name]);
  }

  /** Forgets `key`'s attempts (a successful sign-in clears the account's counter). */
  async reset(name: RateLimitName, key: string): Promise<void> {
    await this.limiters[name].delete(keyOf(key));
  }
}
