// Sign-in throttling, sign-up answers, password policy and email verification against the real
// app and PostgreSQL (issue 12, findings 8 and 14). The limits here are the defaults, except
// where a test names smaller ones to stay quick.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleMailer, type Mail } from "./mailer.ts";
import { closeRateLimitPools } from "./rate-limits.ts";
import { INTERNAL_SECRET_HEADER } from "./authenticate.ts";
import { CLIENT_IP_HEADER, CLIENT_IP_SIGNATURE_HEADER, signClientIp } from "./client-ip.ts";
import { randomTag, signUpUser, startTestApi, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let second: TestApi;
const mails: Mail[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const options = {
    // The real per-email limit (10 per 15 min); per IP lowered so the spray test stays short.
    rateLimits: { loginPerIp: { points: 40, seconds: 900 }, signUpPerIp: { points: 5, seconds: 3600 }, badTokenPerIp: { points: 20, seconds: 600 } },
    mailer: consoleMailer((m) => mails.push(m)),
  };
  api = await startTestApi(db.prisma, options);
  // A second API process on the same database: limits are shared through PostgreSQL.
  second = await startTestApi(db.prisma, options);
});

afterAll(async () => {
  await api?.close();
  await second?.close();
  await closeRateLimitPools();
  await db?.drop();
});

const LOGIN = `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
const SIGN_UP = `mutation($e: String!, $p: String!, $n: String!) { signUp(email: $e, password: $p, name: $n) { message } }`;

async function raw(target: TestApi, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${target.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const json = (await res.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: res.status, retryAfter: res.headers.get("retry-after"), json, code: json.errors?.[0]?.extensions?.code };
}

/** The forwarded client address the web app sends (believed only with its HMAC under the internal secret). */
const from = (target: TestApi, ip: string) => ({ [CLIENT_IP_HEADER]: ip, [CLIENT_IP_SIGNATURE_HEADER]: signClientIp(ip, target.internalSecret) });

describe("finding 8: sign-in throttling", () => {
  it("answers 200 wrong passwords (8 in parallel) with UNAUTHENTICATED only 10 times, then 429 with Retry-After, across two API processes", async () => {
    const u = await signUpUser(api);
    const codes: string[] = [];
    let retryAfter: string | null = null;
    for (let batch = 0; batch < 25; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, k) => {
          const target = k % 2 ? second : api;
          return raw(target, LOGIN, { e: u.email, p: `wrong-${batch}-${k}` }, from(target, `10.1.${batch}.${k}`));
        }),
      );
      for (const a of answers) {
        codes.push(String(a.code));
        if (a.code === "RATE_LIMITED") {
          expect(a.status).toBe(429);
          retryAfter = a.retryAfter;
        }
      }
    }
    console.log(`[auth] 200 wrong passwords: ${codes.filter((c) => c === "UNAUTHENTICATED").length} checked, ${codes.filter((c) => c === "RATE_LIMITED").length} refused`);
    expect(codes.filter((c) => c === "UNAUTHENTICATED")).toHaveLength(10);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(190);
    expect(Number(retryAfter)).toBeGreaterThan(60);
    // The right password waits too (else the lockout would tell a guess that is right).
    expect((await raw(api, LOGIN, { e: u.email, p: u.password }, from(api, "10.9.9.9"))).code).toBe("RATE_LIMITED");
  });

  it("limits a password spray across accounts per client address, and clears an account's counter on success", async () => {
    const u = await signUpUser(api);
    for (let i = 0; i < 3; i++) expect((await raw(api, LOGIN, { e: u.email, p: "wrong" }, from(api, "10.2.0.1"))).code).toBe("UNAUTHENTICATED");
    expect((await raw(api, LOGIN, { e: u.email, p: u.password }, from(api, "10.2.0.1"))).json.data?.login).toBeTruthy();
    const counter = await db.prisma.rateLimit.count({ where: { key: { startsWith: "loginPerEmail" } } });
    expect(counter).toBeGreaterThan(0);
    const codes: string[] = [];
    for (let i = 0; i < 45; i++) codes.push(String((await raw(second, LOGIN, { e: `nobody-${i}@example.test`, p: "x" }, from(second, "10.3.0.1"))).code));
    expect(codes.slice(0, 40).every((c) => c === "UNAUTHENTICATED")).toBe(true);
    expect(codes.slice(40).every((c) => c === "RATE_LIMITED")).toBe(true);
    // Another address is not affected.
    expect((await raw(api, LOGIN, { e: u.email, p: u.password }, from(api, "10.3.0.2"))).json.data?.login).toBeTruthy();
  });

  it("believes a forwarded address only with its signature, and the signature grants no internal scope", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 22; i++) {
      const spoofed = { [CLIENT_IP_HEADER]: `10.4.0.${i}`, [CLIENT_IP_SIGNATURE_HEADER]: signClientIp(`10.4.0.${i}`, "not-the-secret-0123456789") };
      codes.push(String((await raw(api, `{ me { id } }`, {}, { ...spoofed, authorization: "Bearer exs_guess" + i })).code));
    }
    // All counted against the socket's address (127.0.0.1), not the 22 addresses claimed.
    expect(codes.slice(0, 20).every((c) => c === "UNAUTHENTICATED")).toBe(true);
    expect(codes.slice(20)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
    const oauth = `mutation { oauthSignIn(provider: "github", providerAccountId: "x", email: "a@example.test", name: "A") { token } }`;
    expect((await raw(api, oauth, {}, from(api, "10.4.1.1"))).code).toBe("UNAUTHENTICATED");
  });

  it("limits sign-ups per client address", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push(String((await raw(api, SIGN_UP, { e: `s-${randomTag()}@example.test`, p: `pw-${randomTag()}-secret`, n: "S" }, from(api, "10.5.0.1"))).code));
    }
    expect(codes).toEqual(["undefined", "undefined", "undefined", "undefined", "undefined", "RATE_LIMITED", "RATE_LIMITED"]);
  });
});

describe("finding 14: passwords, sign-up answers and email verification", () => {
  it("refuses 12345678, eight spaces and a common password naming the field", async () => {
    for (const p of ["12345678", "        ", "iloveyou", "Password123"]) {
      const res = await raw(api, SIGN_UP, { e: `p-${randomTag()}@example.test`, p, n: "P" }, from(api, `10.6.0.${p.length}`));
      expect(res.json.errors?.[0]?.extensions, JSON.stringify(p)).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
    }
  });

  it("answers a taken email exactly like a new one, and tells the owner by mail", async () => {
    const u = await signUpUser(api);
    mails.length = 0;
    const taken = await raw(api, SIGN_UP, { e: u.email, p: "another-password-9", n: "Mallory" }, from(api, "10.7.0.1"));
    const fresh = await raw(api, SIGN_UP, { e: `f-${randomTag()}@example.test`, p: "another-password-9", n: "Fresh" }, from(api, "10.7.0.2"));
    expect(taken.status).toBe(fresh.status);
    expect(taken.json).toEqual(fresh.json);
    expect(JSON.stringify(taken.json)).not.toMatch(/already registered|is taken|exists/i);
    expect(mails.find((m) => m.to === u.email)?.subject).toMatch(/tried to create/);
    // The intruder's password does not open the account.
    expect((await raw(api, LOGIN, { e: u.email, p: "another-password-9" })).code).toBe("UNAUTHENTICATED");
  });

  it("mails a one-time confirmation link; only a confirmed account can be joined by an OAuth sign-in", async () => {
    mails.length = 0;
    const email = `v-${randomTag()}@example.test`;
    await raw(api, SIGN_UP, { e: email, p: "verify-me-please-7", n: "Vera" }, from(api, "10.8.0.1"));
    const link = mails.find((m) => m.to === email)?.text.match(/verify-email\?token=(\S+)/)?.[1];
    expect(link).toBeTruthy();
    const oauth = `mutation($e: String!) { oauthSignIn(provider: "github", providerAccountId: "gh-${randomTag()}", email: $e, name: "V") { user { id } } }`;
    const internal = { [INTERNAL_SECRET_HEADER]: api.internalSecret };
    expect((await raw(api, oauth, { e: email }, internal)).code).toBe("CONFLICT");

    const verify = `mutation($t: String!) { verifyEmail(token: $t) { email emailVerified } }`;
    const ok = await raw(api, verify, { t: decodeURIComponent(link as string) }, from(api, "10.8.0.2"));
    expect(ok.json.data?.verifyEmail).toEqual({ email, emailVerified: true });
    const again = await raw(api, verify, { t: decodeURIComponent(link as string) }, from(api, "10.8.0.2"));
    expect(again.json.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "token" });
    expect((await raw(api, oauth, { e: email }, internal)).json.data?.oauthSignIn).toBeTruthy();
  });
});
