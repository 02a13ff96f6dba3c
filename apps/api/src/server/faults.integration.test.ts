// Faults as tests (issue 12): concurrent writers on one annotation lose no update; the API killed
// with SIGKILL in the middle of an import leaves nothing half-written; PostgreSQL restarted under
// a running API and worker: both reconnect and no run is lost.
import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createPrismaClient, migrate, startEmbeddedPostgres } from "@exprlab/db";
import { createTestDatabase, freePort, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMember } from "../worker/test-support.ts";
import { seedDataset, signUpUser, startTestApi, type TestApi } from "./test-support.ts";

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const children: ChildProcess[] = [];

function startProcess(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const { NODE_OPTIONS: _ignored, ...parentEnv } = process.env;
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", path.join(apiDir, entry)], {
    cwd: apiDir,
    env: { ...parentEnv, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  children.push(child);
  return { child, output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | false>, ms: number, output?: () => string): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${output ? `\n${output()}` : ""}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

describe("concurrent writers on one annotation", () => {
  let db: TestDatabase;
  let api: TestApi;
  beforeAll(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db.prisma);
  });
  afterAll(async () => {
    await api?.close();
    await db?.drop();
  });

  it("lets exactly one of 10 writers of the same version win, and 6 retrying writers all land in order", async () => {
    const u = await signUpUser(api);
    const UPSERT = `mutation($i: AnnotationInput!) { upsertAnnotation(input: $i) { version note } }`;
    const first = await api.gql<{ upsertAnnotation: { version: number } }>(UPSERT, { i: { teamId: u.teamId, gene: "TP53", status: "CANDIDATE", note: "v1" } }, u.token);
    expect(first.data?.upsertAnnotation.version).toBe(1);
    const same = await Promise.all(
      Array.from({ length: 10 }, (_, k) => api.gql(UPSERT, { i: { teamId: u.teamId, gene: "TP53", status: "CANDIDATE", note: `racer ${k}`, expectedVersion: 1 } }, u.token)),
    );
    expect(same.filter((r) => !r.errors).length).toBe(1);
    expect(same.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT").length).toBe(9);

    // Writers that re-read and retry on CONFLICT: every one of their notes becomes a revision.
    const READ = `query($t: ID!) { annotations(teamId: $t, gene: "TP53") { nodes { version } } }`;
    const writer = async (k: number): Promise<number> => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const read = await api.gql<{ annotations: { nodes: { version: number }[] } }>(READ, { t: u.teamId }, u.token);
        const version = read.data?.annotations.nodes[0]?.version;
        const res = await api.gql(UPSERT, { i: { teamId: u.teamId, gene: "TP53", status: "VALIDATED", note: `writer ${k}`, expectedVersion: version } }, u.token);
        if (!res.errors) return attempt;
        expect(res.errors[0]?.extensions?.code).toBe("CONFLICT");
      }
      throw new Error(`writer ${k} never landed`);
    };
    const retries = await Promise.all(Array.from({ length: 6 }, (_, k) => writer(k)));
    const annotation = await db.prisma.annotation.findFirstOrThrow({ where: { teamId: u.teamId, gene: "TP53" }, include: { revisions: true } });
    console.log(`[faults] 6 retrying writers: ${retries.reduce((s, r) => s + r, 0)} conflicts retried, final version ${annotation.version}`);
    expect(annotation.version).toBe(2 + 6);
    expect(annotation.revisions.map((r) => r.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (let k = 0; k < 6; k++) expect(annotation.revisions.some((r) => r.note === `writer ${k}`), `writer ${k}`).toBe(true);
  });
});

describe("the API killed mid-import", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("leaves no dataset, no rows and no open transaction", async () => {
    const member = await seedMember(db.prisma, "MEMBER");
    const port = await freePort();
    const apiProcess = startProcess("src/server/main.ts", { DATABASE_URL: db.url, API_PORT: String(port), RATE_LIMITS: "" });
    await until("the API", async () => (await fetch(`http://127.0.0.1:${port}/health`)).ok, 60_000, apiProcess.output);

    const boundary = "----exprlab-fault";
    const request = http.request(`http://127.0.0.1:${port}/upload`, {
      method: "POST",
      headers: { authorization: `Bearer ${member.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    request.on("error", () => {});
    request.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="teamId"\r\n\r\n${member.teamId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nkilled-import\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\ngene,t0,t1,t2\n`,
    );
    let row = 0;
    const feeding = setInterval(() => request.write(Array.from({ length: 5_000 }, () => `G${row++},1,2,3\n`).join("")), 20);
    // Several 2,000-row batches are INSERTed inside the import's transaction by now.
    await until(
      "rows being inserted",
      async () => {
        const active = await db.prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND xact_start IS NOT NULL AND query LIKE 'INSERT INTO "DatasetRow"%'`;
        return row > 30_000 && Number(active[0]?.n) > 0;
      },
      60_000,
      apiProcess.output,
    );
    apiProcess.child.kill("SIGKILL");
    clearInterval(feeding);
    request.destroy();
    await new Promise((r) => apiProcess.child.once("exit", r));
    console.log(`[faults] API killed with SIGKILL after ${row} rows were sent`);

    await until(
      "the import's connection to close",
      async () => {
        const open = await db.prisma.$queryRaw<{ n: bigint }[]>`
          SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL`;
        return Number(open[0]?.n) === 0;
      },
      10_000,
    );
    expect(await db.prisma.dataset.count({ where: { teamId: member.teamId } })).toBe(0);
    expect(await db.prisma.datasetRow.count()).toBe(0);
    expect(await db.prisma.activityEvent.count({ where: { teamId: member.teamId } })).toBe(0);
  });
});

describe("PostgreSQL restarted under the API and a worker", () => {
  it("both reconnect: /health recovers, queries work, runs queued before and after the restart succeed", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "exprlab-fault-pg-"));
    await chmod(dir, 0o755); // as root the server runs as the postgres user, which must reach it
    const dataDir = path.join(dir, "data");
    const pgPort = await freePort();
    let server = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
    const prisma = createPrismaClient(server.url);
    let api: TestApi | undefined;
    try {
      await migrate(server.url);
      api = await startTestApi(prisma);
      const u = await signUpUser(api);
      const { dataset } = await seedDataset(prisma, u.teamId, u.userId, { genes: Array.from({ length: 40 }, (_, i) => `G${i}`), conditions: 6 });
      const worker = startProcess("src/worker/main.ts", { DATABASE_URL: server.url, WORKER_CONCURRENCY: "1", QUEUE_POLL_SECONDS: "0.5", QUEUE_LEASE_SECONDS: "4", QUEUE_HEARTBEAT_SECONDS: "1" });
      const CREATE = `mutation($d: ID!) { createRun(datasetId: $d, method: "kmeans", params: { k: 2 }, seed: 1) { id } }`;
      const runBefore = (await api.gql<{ createRun: { id: string } }>(CREATE, { d: dataset.id }, u.token)).data!.createRun.id;
      const status = async (id: string) => (await prisma.run.findUnique({ where: { id } }))?.status;
      await until("the first run", async () => (await status(runBefore)) === "SUCCEEDED", 120_000, worker.output);

      // A run queued just before the database goes away.
      const runDuring = (await api.gql<{ createRun: { id: string } }>(CREATE, { d: dataset.id }, u.token)).data!.createRun.id;
      await server.stop();
      const down = await fetch(`${api.url}/health`);
      expect(down.status).toBe(503);
      const stoppedAt = Date.now();
      await new Promise((r) => setTimeout(r, 1_500));
      server = await startEmbeddedPostgres({ dataDir, port: pgPort, persistent: true });
      await until("/health after the restart", async () => (await fetch(`${api!.url}/health`)).ok, 30_000);
      const recovered = (Date.now() - stoppedAt) / 1000;
      const me = await api.gql<{ me: { id: string } }>(`{ me { id } }`, {}, u.token);
      expect(me.data?.me.id).toBe(u.userId);
      const runAfter = (await api.gql<{ createRun: { id: string } }>(CREATE, { d: dataset.id }, u.token)).data!.createRun.id;
      await until("the runs around the restart", async () => (await status(runDuring)) === "SUCCEEDED" && (await status(runAfter)) === "SUCCEEDED", 120_000, worker.output);
      console.log(`[faults] PostgreSQL down ~1.5 s: API healthy again ${recovered.toFixed(1)} s after the stop; both runs succeeded`);
      expect(worker.child.exitCode).toBeNull(); // the worker survived the outage
      worker.child.kill("SIGTERM");
      await new Promise((r) => worker.child.once("exit", r));
    } finally {
      await api?.close();
      await prisma.$disconnect().catch(() => {});
      await server.stop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    }
  });
});
