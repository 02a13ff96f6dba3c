// The migrations folder and prisma/schema.prisma must agree, and the wasm engine's diff must
// see a schema change (the path behind `npm run migration:new`).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { diffMigrationsToSchema } from "./migrate.ts";
import { schemaPath } from "./paths.ts";

const serverUrl = inject("exprlabTestServerUrl");
const tempDir = await mkdtemp(path.join(os.tmpdir(), "exprlab-migrate-test-"));
afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

describe("diffMigrationsToSchema", () => {
  it("finds nothing to do: the committed migrations produce prisma/schema.prisma exactly", async () => {
    const sql = await diffMigrationsToSchema({ databaseUrl: serverUrl });
    expect(sql.trim()).toMatch(/^(-- This is an empty migration\.)?$/);
  });

  it("produces the SQL of a schema change", async () => {
    const changed = path.join(tempDir, "schema.prisma");
    const schema = await readFile(schemaPath, "utf8");
    await writeFile(changed, schema.replace("model Team {\n", "model Team {\n  motto String?\n"));
    const sql = await diffMigrationsToSchema({ databaseUrl: serverUrl, schemaPath: changed });
    expect(sql).toMatch(/ALTER TABLE "Team" ADD COLUMN\s+"motto" TEXT/);
  });

  it("creates everything from an empty migrations folder", async () => {
    const empty = path.join(tempDir, "empty-migrations");
    const sql = await diffMigrationsToSchema({ databaseUrl: serverUrl, migrationsDir: empty });
    expect(sql).toContain('CREATE TABLE "DatasetRow"');
    expect(sql).toContain('"values" BYTEA NOT NULL');
  });

  it("replays migrations only in shadow databases, and drops them", async () => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      const shadows = await client.query("select datname from pg_database where datname like 'prisma_migrate_shadow_db_%'");
      expect(shadows.rows).toEqual([]);
      const tables = await client.query(
        "select table_name from information_schema.tables where table_schema = 'public' and table_name = 'DatasetRow'",
      );
      expect(tables.rows).toEqual([]); // the server's own database was not touched
    } finally {
      await client.end();
    }
  });
});
