// @exprlab/db: the Prisma client, the database of a process (DATABASE_URL or embedded
// PostgreSQL), offline-capable migrations and the float32 row codec.
export * from "./generated/prisma/client.ts";
export { createPrismaClient, closePrismaClient, databaseUrlOf } from "./client.ts";
export {
  resolveDatabase,
  startEmbeddedPostgres,
  embeddedUrl,
  DEFAULT_EMBEDDED_PORT,
  type ResolvedDatabase,
  type ResolveDatabaseOptions,
  type EmbeddedServer,
  type EmbeddedServerOptions,
} from "./embedded.ts";
export { migrate, readMigrations, diffMigrationsToSchema, type MigrateOptions, type MigrateResult } from "./migrate.ts";
export { encodeRow, decodeRow, sliceRow, rowLength, BYTES_PER_VALUE } from "./row-codec.ts";
export { readDbEnv, type DbEnv } from "./env.ts";
export { repoRoot, schemaPath, migrationsDir, defaultDataDir } from "./paths.ts";
