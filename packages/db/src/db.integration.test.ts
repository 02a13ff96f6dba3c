// Against a real PostgreSQL (embedded, or TEST_DATABASE_URL): migrations, round trips.
import { readdir } from "node:fs/promises";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatasetKind, Role, decodeRow, encodeRow, migrate, migrationsDir, sliceRow } from "./index.ts";
import { createTestDatabase, type TestDatabase } from "./testing/index.ts";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("creates every table and records each migration like prisma migrate deploy", async () => {
    const tables = (
      await query<{ table_name: string }>(
        "select table_name from information_schema.tables where table_schema = 'public' order by 1",
      )
    ).map((r) => r.table_name);
    for (const t of ["User", "Team", "Membership", "Dataset", "DatasetRow", "Run", "Bicluster", "BiclusterGene"]) {
      expect(tables).toContain(t);
    }
    expect(tables).toContain("_prisma_migrations");

    const onDisk = (await readdir(migrationsDir, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const recorded = await query<{ migration_name: string; finished_at: Date | null; checksum: string }>(
      "select migration_name, finished_at, checksum from _prisma_migrations order by migration_name",
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(onDisk);
    for (const r of recorded) {
      expect(r.finished_at).not.toBeNull();
      expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("is a no-op the second time", async () => {
    const before = await query<{ count: string }>("select count(*) from _prisma_migrations");
    const result = await migrate(db.url);
    expect(result.applied).toEqual([]);
    const after = await query<{ count: string }>("select count(*) from _prisma_migrations");
    expect(after).toEqual(before);
  });
});

describe("round trips through the Prisma client", () => {
  it("creates a user, a team and a membership", async () => {
    const user = await db.prisma.user.create({ data: { email: "ada@example.org", name: "Ada" } });
    const team = await db.prisma.team.create({
      data: { name: "Lab", slug: "lab", memberships: { create: { userId: user.id, role: Role.OWNER } } },
    });
    const found = await db.prisma.membership.findUniqueOrThrow({
      where: { userId_teamId: { userId: user.id, teamId: team.id } },
      include: { user: true, team: true },
    });
    expect(found.role).toBe("OWNER");
    expect(found.user.email).toBe("ada@example.org");
    expect(found.team.slug).toBe("lab");
    await expect(
      db.prisma.membership.create({ data: { userId: user.id, teamId: team.id, role: Role.MEMBER } }),
    ).rejects.toThrow();
  });

  it("stores a dataset row as float32 bytes and reads it back, NaN included", async () => {
    const user = await db.prisma.user.create({ data: { email: "bo@example.org", name: "Bo" } });
    const team = await db.prisma.team.create({ data: { name: "B", slug: "b" } });
    const values = [1.5, -2.25, Number.NaN, 3.1415927, 1e-8, 65504];
    const dataset = await db.prisma.dataset.create({
      data: {
        teamId: team.id,
        createdById: user.id,
        name: "tiny",
        kind: DatasetKind.TIME_COURSE,
        format: "csv",
        geneCount: 1,
        conditionCount: values.length,
        conditions: values.map((_, i) => ({ id: `t${i}`, time: i })),
        rows: { create: { index: 0, gene: "TP53", values: encodeRow(values) } },
      },
    });
    const row = await db.prisma.datasetRow.findUniqueOrThrow({
      where: { datasetId_index: { datasetId: dataset.id, index: 0 } },
    });
    expect(row.values.byteLength).toBe(values.length * 4);
    const decoded = decodeRow(row.values);
    expect(Array.from(decoded)).toEqual(Array.from(Float32Array.from(values)));
    expect(Number.isNaN(decoded[2])).toBe(true);
    expect(Array.from(sliceRow(row.values, 3, 5))).toEqual(Array.from(Float32Array.from(values.slice(3, 5))));
  });
});
