// Which Chromium runs the tests, decided at run time: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium when present (machines without Playwright's download), else Playwright's own.
import fs from "node:fs";

export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const candidate of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined; // Playwright's bundled browser (npx playwright install chromium)
}

/** Flags that make a system Chromium behave in containers and CI (see shared/ENVIRONMENT.md). */
export const SYSTEM_CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
