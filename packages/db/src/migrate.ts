// Migrations in Prisma's format (prisma/migrations/<timestamp>_<name>/migration.sql), applied
// through the wasm schema engine's applyMigrations: the same engine code as
// `prisma migrate deploy`, recording in _prisma_migrations, so both paths are interchangeable.
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { migrationsDir as defaultMigrationsDir, schemaPath as defaultSchemaPath } from "./paths.ts";
import { withSchemaEngine } from "./schema-engine.ts";

const noFilter = { externalTables: [], externalEnums: [] };

export interface MigrateOptions {
  /** Default `<repo>/prisma/migrations`. */
  migrationsDir?: string;
  /** Default `<repo>/prisma/schema.prisma`. */
  schemaPath?: string;
}

export interface MigrateResult {
  /** Names of the migrations applied by this call (empty when the database was up to date). */
  applied: string[];
}

/** Applies the unapplied migrations of `migrationsDir` to the database at `databaseUrl`. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const migrationsList = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const datamodels = await readDatamodels(options.schemaPath ?? defaultSchemaPath);
  const output = await withSchemaEngine(databaseUrl, datamodels, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilter }),
  );
  return { applied: output.appliedMigrationNames };
}

/** Loads a migrations folder the way the Prisma CLI hands it to the schema engine. */
export async function readMigrations(dir: string): Promise<MigrationList> {
  const baseDir = path.resolve(dir);
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const lockContent = existsSync(lockPath) ? await fs.readFile(lockPath, "utf8") : null;
  const entries = existsSync(baseDir) ? await fs.readdir(baseDir, { withFileTypes: true }) : [];
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => {
      const filePath = path.join(baseDir, name, "migration.sql");
      let content: { tag: "ok"; value: string } | { tag: "error"; value: string };
      try {
        content = { tag: "ok", value: await fs.readFile(filePath, "utf8") };
      } catch (error) {
        content = { tag: "error", value: (error as Error).message };
      }
      return { path: name, migrationFile: { path: "migration.sql", content } };
    }),
  );
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/** The schema file(s) as the engine's datamodels list. */
export async function readDatamodels(schemaFile: string): Promise<[string, string][]> {
  return [[schemaFile, await fs.readFile(schemaFile, "utf8")]];
}

export interface DiffToSchemaOptions extends MigrateOptions {
  /** A server on which the engine may create (and drop) a temporary shadow database. */
  databaseUrl: string;
}

/**
 * SQL that brings a database migrated with `migrationsDir` to the schema datamodel (empty
 * string when they already match). Replays the migrations in a shadow database on the server.
 */
export async function diffMigrationsToSchema(options: DiffToSchemaOptions): Promise<string> {
  const migrationsList = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
  const schemaFile = options.schemaPath ?? defaultSchemaPath;
  const datamodels = await readDatamodels(schemaFile);
  const files = datamodels.map(([p, content]) => ({ path: p, content }));
  const from =
    migrationsList.migrationDirectories.length === 0
      ? ({ tag: "empty" } as const)
      : ({ tag: "migrations", ...migrationsList } as const);
  // The engine writes the script to stdout through its log callback in some versions; we
  // capture it from the result when present.
  const result = await withSchemaEngine(options.databaseUrl, datamodels, (engine) =>
    engine.diff({ from, to: { tag: "schemaDatamodel", files }, script: true, exitCode: null, filters: noFilter }),
  );
  return result.stdout ?? "";
}
