import { defineConfig, devices } from "@playwright/test";
import { chromiumExecutable, SYSTEM_CHROMIUM_ARGS } from "./browser.ts";

const executablePath = chromiumExecutable();
const CI = !!process.env.CI;

export default defineConfig({
  testDir: "./specs",
  // Boots the real stack (database, API, worker, web) once, on free ports with a fresh database.
  globalSetup: "./global-setup.ts",
  outputDir: "./test-results",
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  // One worker: the machine is small and the specs share one stack.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: CI ? [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]] : [["list"]],
  use: {
    ...devices["Desktop Chrome"],
    viewport: { width: 1280, height: 800 },
    trace: "on-first-retry",
    screenshot: "only-on-failure",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    launchOptions: executablePath ? { executablePath, args: SYSTEM_CHROMIUM_ARGS } : {},
  },
  projects: [{ name: "chromium" }],
});
