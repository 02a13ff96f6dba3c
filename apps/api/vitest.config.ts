import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    // One real PostgreSQL per test run (embedded, or TEST_DATABASE_URL) for *.integration.test.ts;
    // each file makes its own database with createTestDatabase() from @exprlab/db/testing.
    globalSetup: ["@exprlab/db/testing/global-setup"],
  },
});
