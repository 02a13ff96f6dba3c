// Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm), which works
// offline where the CLI's native binary cannot be downloaded. The package is a bundler-style
// wasm-bindgen build: in Node we instantiate the .wasm ourselves (see ../shared/ENVIRONMENT.md).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import type { ErrorRegistry, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import type pg from "pg";
import { parseIntoClientConfig } from "pg-connection-string";

export type { SchemaEngine };

// The shared tsconfig has no DOM lib, so type the part of the WebAssembly global we use.
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(
        bytes: Uint8Array,
        imports: Record<string, object>,
      ): Promise<{ instance: { exports: Record<string, unknown> } }>;
    };
  }
).WebAssembly;

let wasmReady: Promise<void> | undefined;
let lastPanic: string | undefined;

// The wasm build reports a Rust panic's message through this global before it traps.
const panicRegistry = globalThis as typeof globalThis & {
  PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void };
};
panicRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message: string) {
    lastPanic = message;
  },
};

/** Instantiates the wasm module once per process. */
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const jsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(jsPath), "schema_engine_bg.wasm"));
    const { instance } = await wasmApi.instantiate(bytes, { "./schema_engine_bg.js": bindings });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

/**
 * Runs `fn` with a schema engine connected to `databaseUrl` (through the pg driver adapter,
 * which also creates shadow databases on that server when a command needs one), then frees the
 * engine and closes its connections.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  datamodels: [path: string, content: string][],
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await loadWasm();
  // A plain config parsed into fields: adapter-pg opens a shadow database with
  // { ...config, database: shadowName }. With { connectionString } pg would let the URL override
  // `database` (replaying migrations into the main database!), and a pg.Pool's options hide the
  // password (non-enumerable), so the shadow connection could not authenticate.
  const config: pg.PoolConfig = {
    ...parseIntoClientConfig(databaseUrl),
    max: 2,
    idleTimeoutMillis: 1_000,
    allowExitOnIdle: true,
  };
  const connections = new Set<{ dispose(): Promise<void> }>();
  const adapter = bindMigrationAwareSqlAdapterFactory(withCharColumnsAsText(new PrismaPg(config), connections));
  const logs: string[] = [];
  const engine = await bindings.SchemaEngine.new(
    { datamodels },
    (message: string) => {
      logs.push(message);
    },
    adapter,
  );
  try {
    return await fn(engine);
  } catch (error) {
    const panic = lastPanic;
    lastPanic = undefined;
    const detail = panic ? `panicked: ${panic}` : formatEngineError(error, adapter.errorRegistry);
    throw new Error(`schema engine: ${detail}`, { cause: error });
  } finally {
    engine.free();
    // Close what the engine left open (its pools, a shadow database it did not drop).
    await Promise.allSettled([...connections].map((c) => c.dispose()));
  }
}

/** PostgreSQL's internal one-byte type "char" (OID 18). */
const CHAR_OID = 18;
const TEXT_OID = 25;

type PgResult = { fields: { dataTypeID: number }[] };
type RawResult = { columnTypes: number[] };

/**
 * The engine describes a database (diff from migrations replays them in a shadow database,
 * then introspects it) with catalog queries that return columns of type "char" (e.g.
 * pg_constraint.contype). adapter-pg 7.10 has no mapping for that type and fails with
 * "Column type 'char' could not be deserialized", while the engine reads those columns as
 * ColumnType.Character. pg returns the values as one-character strings, so we let adapter-pg
 * treat them as text and then report them as Character. Patched per connection of this
 * factory only: the application's PrismaClient is not affected.
 */
function withCharColumnsAsText(
  factory: PrismaPg,
  open: Set<{ dispose(): Promise<void> }>,
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(patchQueryable(await factory.connect()), open),
    connectToShadowDb: async () => track(patchQueryable(await factory.connectToShadowDb()), open),
  };
}

/** Keeps `adapter` in `open` until it is disposed, so that it is disposed exactly once. */
function track<T extends { dispose(): Promise<void> }>(adapter: T, open: Set<{ dispose(): Promise<void> }>): T {
  const dispose = adapter.dispose.bind(adapter);
  const once = { dispose: () => dispose() };
  open.add(once);
  adapter.dispose = async () => {
    if (!open.delete(once)) return;
    await dispose();
  };
  once.dispose = () => adapter.dispose();
  return adapter;
}

function patchQueryable<T extends object>(queryable: T): T {
  const target = queryable as unknown as {
    performIO: (query: object) => Promise<PgResult>;
    queryRaw: (query: object) => Promise<RawResult>;
    startTransaction?: (...args: unknown[]) => Promise<object>;
  };
  // Columns of type "char" per query object (queryRaw hands its query object to performIO).
  const charColumns = new WeakMap<object, number[]>();
  const performIO = target.performIO.bind(queryable);
  target.performIO = async (query) => {
    const result = await performIO(query);
    const indices: number[] = [];
    result.fields.forEach((field, i) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        indices.push(i);
      }
    });
    if (indices.length > 0) charColumns.set(query, indices);
    return result;
  };
  const queryRaw = target.queryRaw.bind(queryable);
  target.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const i of charColumns.get(query) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    charColumns.delete(query);
    return result;
  };
  if (typeof target.startTransaction === "function") {
    const startTransaction = target.startTransaction.bind(queryable);
    target.startTransaction = async (...args) => patchQueryable(await startTransaction(...args));
  }
  return queryable;
}

function formatEngineError(error: unknown, registry: ErrorRegistry): string {
  if (error instanceof Error) {
    // Driver errors reach the engine as "External error id#N": the error itself is in the registry.
    const external = /External error id#(\d+)/.exec(error.message);
    const record = external ? registry.consumeError(Number(external[1])) : undefined;
    if (record) return `${error.message}: ${describeDriverError(record.error)}`;
    return error.message;
  }
  if (typeof error === "object" && error !== null) {
    const maybe = error as { message?: unknown; error?: unknown };
    if (typeof maybe.message === "string") return maybe.message;
    return JSON.stringify(error);
  }
  return String(error);
}

function describeDriverError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null) return JSON.stringify(error);
  return String(error);
}
