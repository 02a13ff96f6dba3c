// Test helpers for integration tests against a real PostgreSQL (@exprlab/db/testing).
//
// Wiring in a package's vitest.config.ts:
//
//   export default defineConfig({
//     test: {
//       globalSetup: ["@exprlab/db/testing/global-setup"],   // one server per run
//       testTimeout: 60_000, hookTimeout: 120_000,
//     },
//   });
//
// and in an integration test file:
//
//   const db = await createTestDatabase();   // fresh migrated database for this file
//   afterAll(() => db.drop());
//   await db.prisma.user.create(...);
export { startTestPostgres, freePort, type TestPostgres } from "./server.ts";
export { createTestDatabase, type TestDatabase } from "./database.ts";
