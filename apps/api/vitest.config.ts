import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql 16 ships index.mjs and index.js without an exports map: Vite would pick the .mjs for our
  // files while Node loads the .js for dependencies (Pothos, Apollo), giving two graphql instances
  // ("Cannot use GraphQLObjectType from another module"). Pin the one Node uses.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }] },
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
