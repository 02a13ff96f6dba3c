// One PrismaClient per process and database URL, using the Rust-free client with the pg driver
// adapter. Cached on globalThis so that hot reload (tsx watch, Next dev) does not open new pools.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.ts";

const cacheKey = Symbol.for("@exprlab/db/prisma-clients");
type ClientCache = Map<string, PrismaClient>;
const globalWithCache = globalThis as typeof globalThis & { [cacheKey]?: ClientCache };
const clients: ClientCache = (globalWithCache[cacheKey] ??= new Map());

/**
 * The PrismaClient for `databaseUrl`: created on first call, the same instance afterwards.
 * Call `prisma.$disconnect()` at shutdown; a later call to this function reconnects lazily.
 */
export function createPrismaClient(databaseUrl: string): PrismaClient {
  const existing = clients.get(databaseUrl);
  if (existing) return existing;
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  clients.set(databaseUrl, client);
  return client;
}

/** Forgets the cached client of `databaseUrl` after disconnecting it (tests, dropped databases). */
export async function closePrismaClient(databaseUrl: string): Promise<void> {
  const client = clients.get(databaseUrl);
  clients.delete(databaseUrl);
  await client?.$disconnect();
}

/**
 * The URL that `client` was created for by createPrismaClient, or undefined. For bulk paths that
 * talk to PostgreSQL with `pg` directly (the dataset importer streams rows with array INSERTs).
 */
export function databaseUrlOf(client: PrismaClient): string | undefined {
  for (const [url, cached] of clients) if (cached === client) return url;
  return undefined;
}
