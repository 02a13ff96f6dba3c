import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Unit tests (*.test.ts) and integration tests (*.integration.test.ts, real PostgreSQL).
    include: ["src/**/*.test.ts"],
    // One PostgreSQL per run (or TEST_DATABASE_URL); each integration file creates its own database.
    globalSetup: ["@exprlab/db/testing/global-setup"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
