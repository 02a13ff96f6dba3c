// Import benchmark: `npx tsx scripts/bench-import.ts [genes] [conditions]` (default 20,000 x 1,000).
// Writes a CSV to a temp folder, starts a throwaway PostgreSQL (or uses TEST_DATABASE_URL), and
// imports the file through importDataset (the code behind POST /upload), then through HTTP.
// Prints wall time and peak RSS / heap of this process. Not part of the tests.
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, startTestPostgres } from "@exprlab/db/testing";
import express from "express";
import { closeImportPools, importDataset } from "../apps/api/src/import/import-dataset.ts";
import { createUploadRouter } from "../apps/api/src/import/upload-router.ts";
import { seedMember } from "../apps/api/src/worker/test-support.ts";

const genes = Number(process.argv[2] ?? 20_000);
const conditions = Number(process.argv[3] ?? 1_000);

async function writeCsv(file: string): Promise<void> {
  const out = createWriteStream(file);
  const header = ["gene", ...Array.from({ length: conditions }, (_, j) => `t${j}`)].join(",");
  out.write(`${header}\n`);
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < genes; i++) {
    const cells = new Array<string>(conditions);
    for (let j = 0; j < conditions; j++) cells[j] = (next() * 16 - 4).toFixed(4);
    if (!out.write(`GENE${i},${cells.join(",")}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

class PeakMemory {
  rss = 0;
  heap = 0;
  private timer: NodeJS.Timeout | undefined;
  start(): void {
    this.rss = 0;
    this.heap = 0;
    this.sample();
    this.timer = setInterval(() => this.sample(), 50);
  }
  sample(): void {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heap = Math.max(this.heap, m.heapUsed + m.arrayBuffers);
  }
  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "exprlab-bench-import-"));
  const server = await startTestPostgres();
  const db = await createTestDatabase({ serverUrl: server.url });
  try {
    const file = path.join(dir, "bench.csv");
    let t = performance.now();
    await writeCsv(file);
    const size = (await stat(file)).size;
    console.log(`CSV ${genes} x ${conditions}: ${mb(size)} written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const member = await seedMember(db.prisma, "MEMBER");
    global.gc?.();
    const peak = new PeakMemory();
    const baseline = process.memoryUsage().rss;
    peak.start();
    t = performance.now();
    const dataset = await importDataset({
      prisma: db.prisma,
      caller: member.caller,
      teamId: member.teamId,
      name: "bench",
      kind: "SAMPLES",
      filename: "bench.csv",
      stream: createReadStream(file),
    });
    const seconds = (performance.now() - t) / 1000;
    peak.stop();
    console.log(
      `importDataset: ${dataset.geneCount} x ${dataset.conditionCount} in ${seconds.toFixed(1)} s ` +
        `(${((genes * conditions) / seconds / 1e6).toFixed(2)} M values/s); ` +
        `peak RSS ${mb(peak.rss)} (baseline ${mb(baseline)}), peak heap+buffers ${mb(peak.heap)}`,
    );

    // The same file through the HTTP route (multipart streamed by fetch from the file).
    const app = express();
    app.use("/upload", createUploadRouter({ prisma: db.prisma }));
    const http = app.listen(0);
    await once(http, "listening");
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/upload`;
    const boundary = `----exprlab${Date.now()}`;
    const head = Buffer.from(
      [
        ["teamId", member.teamId],
        ["name", "bench-http"],
        ["kind", "SAMPLES"],
      ]
        .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
        .join("") +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    async function* body(): AsyncGenerator<Uint8Array> {
      yield head;
      for await (const chunk of createReadStream(file)) yield chunk as Buffer;
      yield tail;
    }
    global.gc?.();
    peak.start();
    t = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${member.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: ReadableStream.from(body()),
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    const json = (await res.json()) as { dataset?: { geneCount: number } };
    const httpSeconds = (performance.now() - t) / 1000;
    peak.stop();
    http.close();
    console.log(
      `POST /upload: HTTP ${res.status}, ${json.dataset?.geneCount ?? "?"} genes in ${httpSeconds.toFixed(1)} s; ` +
        `peak RSS ${mb(peak.rss)} (client and server in this one process)`,
    );
    const rows = await db.prisma.$queryRaw<{ size: bigint }[]>`SELECT pg_total_relation_size('"DatasetRow"') AS size`;
    console.log(`DatasetRow table size for both imports: ${mb(Number(rows[0]?.size ?? 0))}`);
  } finally {
    await closeImportPools();
    await db.drop();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
