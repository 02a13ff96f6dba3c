// The embedded server of resolveDatabase: a data folder that survives restarts, a stale
// postmaster.pid after a crash, and DATABASE_URL taking precedence.
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabase } from "./embedded.ts";
import { freePort } from "./testing/index.ts";

const tempDir = await mkdtemp(path.join(os.tmpdir(), "exprlab-embedded-test-"));
await chmod(tempDir, 0o755); // the server runs as the `postgres` user when tests run as root
const dataDir = path.join(tempDir, "postgres");

afterAll(async () => {
  await rm(tempDir, { recursive: true, force: true });
});

async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("resolveDatabase", () => {
  it("uses DATABASE_URL when given, without starting a server", async () => {
    const db = await resolveDatabase({ databaseUrl: "postgresql://u:p@db.example:5432/x", dataDir });
    expect(db).toMatchObject({ url: "postgresql://u:p@db.example:5432/x", source: "env" });
    await db.stop();
  });

  it("keeps data across restarts and recovers from a stale postmaster.pid", async () => {
    const port = await freePort();
    const first = await resolveDatabase({ databaseUrl: null, dataDir, port });
    expect(first.source).toBe("embedded");
    await sql(first.url, "create table kept (v int); insert into kept values (42)");
    await first.stop();

    // A crash leaves postmaster.pid behind; its pid may since belong to another process
    // (here: this test runner, alive but not a postgres).
    await writeFile(
      path.join(dataDir, "postmaster.pid"),
      `${process.pid}\n${dataDir}\n1700000000\n${port}\n/tmp\nlocalhost\n  1 2\nready\n`,
    );
    const second = await resolveDatabase({ databaseUrl: null, dataDir, port });
    try {
      expect(second.source).toBe("embedded");
      expect(await sql<{ v: number }>(second.url, "select v from kept")).toEqual([{ v: 42 }]);

      // While it runs, another resolveDatabase on the same folder reuses it instead of failing.
      const third = await resolveDatabase({ databaseUrl: null, dataDir, port: port + 1 });
      expect(third.source).toBe("embedded-running");
      expect(third.url).toBe(second.url);
      await third.stop(); // no-op: the server belongs to `second`
      expect(await sql<{ one: number }>(second.url, "select 1 as one")).toEqual([{ one: 1 }]);
    } finally {
      await second.stop();
    }
  });
});
