// vitest globalSetup: one PostgreSQL per test run, its URL provided to the test files as
// inject("exprlabTestServerUrl"). Use it from a package's vitest config, see ./index.ts.
import type { TestProject } from "vitest/node";
import { startTestPostgres } from "./server.ts";

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestPostgres();
  project.provide("exprlabTestServerUrl", server.url);
  return () => server.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the test run's PostgreSQL server (maintenance database). */
    exprlabTestServerUrl: string;
  }
}
