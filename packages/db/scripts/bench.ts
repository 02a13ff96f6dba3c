// `npm run bench -w @exprlab/db`: times the embedded PostgreSQL and the migrations on this
// machine (cold start = initdb + start, warm start = restart on an existing folder).
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrate } from "../src/migrate.ts";
import { startEmbeddedPostgres } from "../src/embedded.ts";
import { freePort } from "../src/testing/server.ts";

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(0)} ms`;
const tempDir = await mkdtemp(path.join(os.tmpdir(), "exprlab-db-bench-"));
await chmod(tempDir, 0o755);
const dataDir = path.join(tempDir, "data");
const port = await freePort();

try {
  let t0 = performance.now();
  let server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  console.log(`embedded PostgreSQL cold start (initdb + start): ${ms(t0)}`);
  await server.stop();

  t0 = performance.now();
  server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  console.log(`embedded PostgreSQL warm start (existing data folder): ${ms(t0)}`);

  for (let i = 0; i < 3; i++) {
    const name = `bench_${i}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = server.url.replace(/\/postgres$/, `/${name}`);
    t0 = performance.now();
    const first = await migrate(url);
    const fresh = ms(t0);
    t0 = performance.now();
    const second = await migrate(url);
    console.log(
      `migrate fresh database #${i + 1}: ${fresh} (${first.applied.length} applied); ` +
        `again (no-op): ${ms(t0)} (${second.applied.length} applied)`,
    );
  }
  t0 = performance.now();
  await server.stop();
  console.log(`stop: ${ms(t0)}`);
} finally {
  await rm(tempDir, { recursive: true, force: true });
}
