// Hostile uploads against the real app and PostgreSQL (issue 12, findings 4, 6, 9, 13): gzip bombs,
// huge headers, long ids, binary bytes, float32 overflow, and a client that leaves mid-import.
// Each is refused while streaming, with line/column/field, and nothing is stored.
// Timing bounds: the targets (refused within 2 s of passing a limit) plus a few times a
// yardstick (median trivial request) because the 2 cores are shared with other test processes;
// before the fix the bomb got no answer in 150 s.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUpUser, startTestApi, type SignedUp, type TestApi } from "../server/test-support.ts";
import { activeImports } from "./import-dataset.ts";

let db: TestDatabase;
let api: TestApi;
let small: TestApi;
let u: SignedUp;

/** A smaller decompressed limit keeps the bomb test fast (the default is 2 GiB); lines may be long there. */
const SMALL_LIMIT = 16 * 1024 ** 2;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  small = await startTestApi(db.prisma, { uploadLimits: { maxDecompressedBytes: SMALL_LIMIT, maxLineBytes: 1024 ** 3 } });
  u = await signUpUser(api, "Uploader");
});

afterAll(async () => {
  await api?.close();
  await small?.close();
  await db?.drop();
});

interface UploadAnswer {
  status: number;
  ms: number;
  error?: { code: string; message: string; line?: number; column?: number; field?: string };
}

async function upload(target: TestApi, file: Buffer, name = "m.csv", kind = "TIME_COURSE"): Promise<UploadAnswer> {
  const form = new FormData();
  form.append("teamId", u.teamId);
  form.append("name", name);
  form.append("kind", kind);
  form.append("file", new Blob([new Uint8Array(file)]), name);
  const t0 = performance.now();
  const res = await fetch(`${target.url}/upload`, { method: "POST", body: form, headers: { authorization: `Bearer ${u.token}` } });
  const json = (await res.json()) as { error?: UploadAnswer["error"] };
  return { status: res.status, ms: performance.now() - t0, ...(json.error ? { error: json.error } : {}) };
}

/** `copies` concatenated gzip members of `block` (gunzip reads them as one stream): a cheap bomb. */
function gzipBomb(prefix: string, block: Buffer, copies: number): Buffer {
  const member = gzipSync(block, { level: 9 });
  return Buffer.concat([gzipSync(Buffer.from(prefix)), ...Array.from({ length: copies }, () => member)]);
}

async function yardstick(): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await (await fetch(`${api.url}/health`)).text();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[2] as number;
}

async function datasetCount(): Promise<number> {
  return db.prisma.dataset.count({ where: { teamId: u.teamId } });
}

describe("finding 4: gzip bombs", () => {
  it("refuses 1 GiB of NUL bytes in a 1 MB gzip within 2 s, naming the line", async () => {
    const bomb = gzipBomb("", Buffer.alloc(64 * 1024 ** 2), 16); // 1 GiB inflated
    expect(bomb.length).toBeLessThan(1_200_000);
    const slack = 3 * (await yardstick());
    const res = await upload(api, bomb, "bomb.csv.gz");
    console.log(`[upload] NUL gzip bomb (${bomb.length} B -> 1 GiB): ${res.status} in ${res.ms.toFixed(0)} ms`);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ code: "BAD_USER_INPUT", line: 1, column: 1 });
    expect(res.error?.message).toMatch(/NUL/);
    expect(res.ms).toBeLessThan(2_000 + slack);
    expect(await datasetCount()).toBe(0);
  });

  it("refuses a gzip of 1 GiB of newlines after 10,000 empty lines", async () => {
    const bomb = gzipBomb("gene,t0,t1\nG1,1,2\n", Buffer.alloc(64 * 1024 ** 2, 0x0a), 16);
    const slack = 3 * (await yardstick());
    const res = await upload(api, bomb, "lines.csv.gz");
    console.log(`[upload] newline gzip bomb (${bomb.length} B -> 1 GiB): ${res.status} in ${res.ms.toFixed(0)} ms`);
    expect(res.status).toBe(400);
    expect(res.error).toMatchObject({ code: "BAD_USER_INPUT", line: 10_003 });
    expect(res.ms).toBeLessThan(2_000 + slack);
  });

  it("refuses a bomb once it passes the decompressed limit, while /health answers", async () => {
    // One endless number: only the decompressed-size limit stops it (lines may be 1 GiB on `small`).
    const bomb = gzipBomb("gene,t0\nG1,", Buffer.alloc(64 * 1024 ** 2, 0x31), 16);
    const slack = 3 * (await yardstick());
    const t0 = performance.now();
    const answer = upload(small, bomb, "digits.csv.gz");
    let worstHealth = 0;
    while (performance.now() - t0 < 300) {
      const h0 = performance.now();
      await (await fetch(`${small.url}/health`)).text();
      worstHealth = Math.max(worstHealth, performance.now() - h0);
    }
    const res = await answer;
    console.log(`[upload] digit gzip bomb, limit ${SMALL_LIMIT / 1024 ** 2} MiB: ${res.status} in ${res.ms.toFixed(0)} ms; /health worst ${worstHealth.toFixed(0)} ms`);
    expect(res.status).toBe(400);
    expect(res.error?.message).toMatch(/larger than 16 MiB \(uncompressed\)/);
    // Reading up to the limit takes a fraction of a second here; the refusal follows within 2 s.
    expect(res.ms).toBeLessThan(2_000 + 1_000 + slack);
    expect(worstHealth).toBeLessThan(200 + slack);
    expect(await datasetCount()).toBe(0);
  });
});

describe("finding 4: the client leaves", () => {
  it("stops the import, rolls back and leaves no transaction open", async () => {
    const boundary = "----exprlab-test-boundary";
    const head = Buffer.from(
      [
        `--${boundary}\r\nContent-Disposition: form-data; name="teamId"\r\n\r\n${u.teamId}\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nleaving\r\n`,
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.csv"\r\nContent-Type: text/csv\r\n\r\n`,
        "gene,t0,t1,t2\n",
      ].join(""),
    );
    let row = 0;
    const request = http.request(`${api.url}/upload`, {
      method: "POST",
      headers: { authorization: `Bearer ${u.token}`, "content-type": `multipart/form-data; boundary=${boundary}` },
    });
    request.on("error", () => {}); // we destroy it ourselves
    request.write(head);
    // An endless, slow file: 2,000 rows every 20 ms, until we leave.
    const feeding = setInterval(() => {
      request.write(Array.from({ length: 2_000 }, () => `G${row++},1,2,3\n`).join(""));
    }, 20);
    const started = performance.now();
    while (activeImports() === 0 && performance.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
    expect(activeImports()).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    clearInterval(feeding);
    request.destroy(); // the client closes the connection mid-upload
    const left = performance.now();
    while (activeImports() > 0 && performance.now() - left < 5_000) await new Promise((r) => setTimeout(r, 20));
    const stopMs = performance.now() - left;
    console.log(`[upload] client left after ${row} rows sent: import stopped ${stopMs.toFixed(0)} ms later`);
    expect(activeImports()).toBe(0);
    expect(stopMs).toBeLessThan(2_000);
    expect(await db.prisma.dataset.count({ where: { name: "leaving" } })).toBe(0);
    const open = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(Number(open[0]?.n)).toBe(0);
  });
});

describe("findings 6, 9, 13: header, ids and values", () => {
  it("refuses 1,000,000 columns (line limit) and 30,000 columns (column limit) at once", async () => {
    const header = (n: number) => `gene,${Array.from({ length: n }, (_, i) => `c${i}`).join(",")}\n`;
    const million = await upload(api, Buffer.from(header(1_000_000) + "G1,1\n"));
    console.log(`[upload] 1,000,000 columns: ${million.status} in ${million.ms.toFixed(0)} ms`);
    expect(million.status).toBe(400);
    expect(million.error).toMatchObject({ line: 1 });
    expect(million.error?.message).toMatch(/line is longer than 4 MiB/);
    const wide = await upload(api, Buffer.from(header(30_000) + "G1,1\n"));
    expect(wide.error?.message).toMatch(/30000 conditions \(columns\); at most 20000/);
    expect(million.ms + wide.ms).toBeLessThan(5_000);
    expect(await datasetCount()).toBe(0);
  });

  it("refuses a 40,000-character condition id before the time parser sees it", async () => {
    const id = `t${"0".repeat(39_999)}`;
    const res = await upload(api, Buffer.from(`gene,t0,${id}\nG1,1,2\n`));
    console.log(`[upload] 40,000-character condition id: ${res.status} in ${res.ms.toFixed(0)} ms`);
    expect(res.error).toMatchObject({ code: "BAD_USER_INPUT", line: 1, column: 3 });
    expect(res.error?.message).toMatch(/40000 characters long; at most 256/);
    expect(res.ms).toBeLessThan(1_000);
  });

  it("names line, column and field for a long gene id, a NUL byte, a control character and float32 overflow", async () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      [`gene,t0,t1\n${"G".repeat(300)},1,2\n`, { line: 2, column: 1, field: "gene" }, /gene id is 300 characters/],
      ["gene,t0,t1\nG1,1,2\nG\u0000X,1,2\n", { line: 3, column: 2 }, /NUL bytes/],
      ["gene,t0,t1\nG1,1,2\nG\u0001X,1,2\n", { line: 3, column: 1, field: "gene" }, /control character/],
      ["gene,t0,t1\nG1,1,2\nG2,1e300,2\n", { line: 3, column: 2, field: "t0" }, /outside the range/],
      ["gene,t0,t1\nG1,1,-4e38\n", { line: 2, column: 3, field: "t1" }, /outside the range/],
    ];
    for (const [csv, where, message] of cases) {
      const res = await upload(api, Buffer.from(csv));
      expect(res.status, csv.slice(0, 40)).toBe(400);
      expect(res.error, csv.slice(0, 40)).toMatchObject({ code: "BAD_USER_INPUT", ...where });
      expect(res.error?.message).toMatch(message);
    }
    // A workbook is binary by design (no NUL check) but has its own size cap.
    const fakeWorkbook = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2 * 1024 ** 2)]);
    const tiny = await startTestApi(db.prisma, { uploadLimits: { maxWorkbookBytes: 1024 ** 2 } });
    try {
      const big = await upload(tiny, fakeWorkbook, "m.xlsx");
      expect(big.status).toBe(400);
      expect(big.error).toMatchObject({ code: "BAD_USER_INPUT", field: "file" });
      expect(big.error?.message).toMatch(/workbook is larger than 1 MiB/);
    } finally {
      await tiny.close();
    }
    // The largest float32 itself is fine.
    const ok = await upload(api, Buffer.from("gene,t0,t1\nG1,3.4e38,-3.4e38\n"), "edge.csv");
    expect(ok.status).toBe(201);
  });
});
