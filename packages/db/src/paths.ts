// Where the repository's Prisma files and the default embedded data folder are, resolved from
// this file so that they do not depend on the process's working directory.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Root of the monorepo (packages/db/src -> ../../..). */
export const repoRoot = path.resolve(here, "..", "..", "..");
/** prisma/schema.prisma at the repository root. */
export const schemaPath = path.join(repoRoot, "prisma", "schema.prisma");
/** prisma/migrations at the repository root (Prisma's format). */
export const migrationsDir = path.join(repoRoot, "prisma", "migrations");
/** Default data folder of the embedded PostgreSQL: `<repo>/.data/postgres` (gitignored). */
export const defaultDataDir = path.join(repoRoot, ".data", "postgres");
