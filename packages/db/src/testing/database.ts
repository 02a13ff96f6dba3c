// A fresh, migrated database per test file, on the test run's server.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { closePrismaClient, createPrismaClient } from "../client.ts";
import { readDbEnv } from "../env.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { migrate } from "../migrate.ts";
import "./global-setup.ts";

export interface TestDatabase {
  /** URL of the new database. */
  url: string;
  /** The PrismaClient of that database. */
  prisma: PrismaClient;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates `exprlab_test_<random>` on the test server, applies the migrations and returns a
 * client. The server is `serverUrl`, else vitest's inject("exprlabTestServerUrl") (set by
 * the global setup), else TEST_DATABASE_URL.
 */
export async function createTestDatabase(options: { serverUrl?: string } = {}): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? (await injectedServerUrl()) ?? readDbEnv().TEST_DATABASE_URL;
  if (!serverUrl) {
    throw new Error(
      "createTestDatabase: no test server. Add @exprlab/db's global setup to vitest (globalSetup), " +
        "or set TEST_DATABASE_URL.",
    );
  }
  const name = `exprlab_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withAdminClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  try {
    await migrate(url);
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  const prisma = createPrismaClient(url);
  return {
    url,
    prisma,
    drop: async () => {
      await closePrismaClient(url);
      await dropDatabase(serverUrl, name);
    },
  };
}

async function injectedServerUrl(): Promise<string | undefined> {
  try {
    const { inject } = await import("vitest");
    return inject("exprlabTestServerUrl");
  } catch {
    return undefined; // not running inside vitest
  }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withAdminClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

async function withAdminClient<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
