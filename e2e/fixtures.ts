// Shared fixtures and helpers for the specs.
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { test as base, expect, type Locator, type Page } from "@playwright/test";

const here = path.dirname(fileURLToPath(import.meta.url));
const artifactsDir = path.join(here, "artifacts");

export const test = base.extend<{ browserErrors: void }>({
  // The stack's URL is only known after globalSetup has booted it.
  baseURL: async ({}, use) => {
    await use(process.env.E2E_BASE_URL ?? "http://localhost:3000");
  },
  // Uncaught errors in any page of the test are printed, so a failing step shows its cause.
  browserErrors: [
    async ({ context }, use) => {
      context.on("weberror", (e) => console.log(`[browser error] ${e.error().message}`));
      context.on("console", (m) => {
        if (m.type() === "error") console.log(`[browser console] ${m.text()}`);
      });
      await use();
    },
    { auto: true },
  ],
});

export { expect };

export interface TestUser {
  name: string;
  email: string;
  password: string;
}

export function newUser(label: string): TestUser {
  const id = crypto.randomBytes(4).toString("hex");
  return { name: `${label} ${id}`, email: `${label.toLowerCase()}-${id}@example.org`, password: `pw-${id}-secret` };
}

/** Signs a new user up through the sign-up page; ends on the dashboard. */
export async function signUp(page: Page, user: TestUser, callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup");
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"), { timeout: 30_000 });
}

export async function signIn(page: Page, user: TestUser): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 30_000 });
}

/** A full-page screenshot kept in e2e/artifacts/ (gitignored; CI keeps it as an artifact). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
}

/** Full-page screenshots at 1440 x 900 and at 1024 wide (`<name>.png`, `<name>-1024.png`), for review. */
export async function shots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 1440, height: 900 });
  await shot(page, name);
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.waitForTimeout(300);
  await shot(page, `${name}-1024`);
  if (before) await page.setViewportSize(before);
}

/** A screenshot of one element right now (no waiting for the network to settle). */
export async function shotOf(locator: Locator, name: string): Promise<void> {
  await locator.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

/**
 * A small time course with planted co-expressed groups: `groups` groups of `perGroup` genes that
 * follow their own smooth pattern, plus background genes; deterministic (seeded LCG).
 */
export function plantedCsv(
  opts: {
    groups?: number;
    perGroup?: number;
    background?: number;
    times?: number;
    seed?: number;
    /** Gene ids of planted group g (0-based), gene i; default G<g+1>_<i+1>. */
    geneName?: (group: number, i: number) => string;
    /** Gene ids of background gene i; default BG<i+1>. */
    backgroundName?: (i: number) => string;
  } = {},
): string {
  const { groups = 3, perGroup = 10, background = 30, times = 10, seed = 7 } = opts;
  let state = seed >>> 0;
  const rand = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const noise = () => (rand() + rand() + rand() - 1.5) * 0.4;
  const header = ["gene", ...Array.from({ length: times }, (_, t) => `t${t * 2}h`)];
  const lines = [header.join(",")];
  for (let g = 0; g < groups; g++) {
    const phase = (g / groups) * Math.PI * 2;
    for (let i = 0; i < perGroup; i++) {
      const row = Array.from({ length: times }, (_, t) => (5 + 2 * Math.sin((t / times) * Math.PI * 2 + phase) + noise()).toFixed(3));
      lines.push([opts.geneName ? opts.geneName(g, i) : `G${g + 1}_${String(i + 1).padStart(2, "0")}`, ...row].join(","));
    }
  }
  for (let i = 0; i < background; i++) {
    const row = Array.from({ length: times }, () => (5 + (rand() - 0.5) * 3).toFixed(3));
    lines.push([opts.backgroundName ? opts.backgroundName(i) : `BG${String(i + 1).padStart(3, "0")}`, ...row].join(","));
  }
  return lines.join("\n") + "\n";
}
