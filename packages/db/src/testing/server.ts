// One PostgreSQL server per test run: TEST_DATABASE_URL when given, else an embedded
// PostgreSQL in a temporary folder on a free port, deleted at the end.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../embedded.ts";
import { readDbEnv } from "../env.ts";

export interface TestPostgres {
  /** URL of a maintenance database on the server (createTestDatabase creates databases there). */
  url: string;
  /** Stops the embedded server and deletes its folder (no-op for TEST_DATABASE_URL). */
  stop(): Promise<void>;
}

/** Starts the test server (or uses TEST_DATABASE_URL). Meant for vitest globalSetup. */
export async function startTestPostgres(
  options: { testDatabaseUrl?: string | null; onLog?: (message: string) => void } = {},
): Promise<TestPostgres> {
  const given = options.testDatabaseUrl === undefined ? readDbEnv().TEST_DATABASE_URL : options.testDatabaseUrl;
  if (given) return { url: given, stop: async () => {} };
  const tempDir = await mkdtemp(path.join(os.tmpdir(), "exprlab-test-pg-"));
  // mkdtemp makes a 0700 folder; as root the server runs as the `postgres` user, which must reach it.
  await chmod(tempDir, 0o755);
  const dataDir = path.join(tempDir, "data");
  let server;
  try {
    server = await startEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      persistent: false,
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

/** A TCP port that was free a moment ago on localhost. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "localhost", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error("no free port"))));
    });
  });
}
