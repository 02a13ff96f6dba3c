// Dataset import against a real PostgreSQL: every supported format, the all-or-nothing rule for
// bad files, and the HTTP upload route (multipart, auth, error bodies).
import { createReadStream, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeRow } from "@exprlab/db";
import { createTestDatabase } from "@exprlab/db/testing";
import type { TestDatabase } from "@exprlab/db/testing";
import { AppError } from "../errors.ts";
import { seedMember } from "../worker/test-support.ts";
import type { SeededMember } from "../worker/test-support.ts";
import { closeImportPools, importDataset } from "./import-dataset.ts";
import { createUploadRouter } from "./upload-router.ts";

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");
const fixture = (name: string): string => path.join(fixtures, name);

let db: TestDatabase;
let member: SeededMember;

beforeAll(async () => {
  db = await createTestDatabase();
  member = await seedMember(db.prisma, "MEMBER");
});
afterAll(async () => {
  await closeImportPools();
  await db?.drop();
});

async function rowsOf(datasetId: string): Promise<{ gene: string; values: number[]; annotations: string[] }[]> {
  const rows = await db.prisma.datasetRow.findMany({ where: { datasetId }, orderBy: { index: "asc" } });
  return rows.map((r) => ({ gene: r.gene, values: Array.from(decodeRow(r.values)), annotations: r.annotations }));
}

function importFile(filename: string, stream: NodeJS.ReadableStream, kind: "TIME_COURSE" | "SAMPLES" = "TIME_COURSE") {
  return importDataset({
    prisma: db.prisma,
    caller: member.caller,
    teamId: member.teamId,
    name: filename,
    kind,
    filename,
    stream,
  });
}

describe("importDataset: formats", () => {
  it("imports a CSV with missing values, rows in file order, and an activity event", async () => {
    const dataset = await importFile("small.csv", createReadStream(fixture("small.csv")));
    expect(dataset).toMatchObject({ format: "csv", geneCount: 3, conditionCount: 4, missingCount: 1, teamId: member.teamId });
    expect(dataset.conditions).toEqual([
      { id: "t0", time: 0 },
      { id: "t1", time: 1 },
      { id: "t2", time: 2 },
      { id: "t3", time: 3 },
    ]);
    const rows = await rowsOf(dataset.id);
    expect(rows.map((r) => r.gene)).toEqual(["TP53", "MYC", "BRCA1"]);
    expect(rows[0]?.values[0]).toBe(1.5);
    expect(Number.isNaN(rows[0]?.values[2])).toBe(true);
    expect(rows[0]?.values[3]).toBe(3.25);
    expect(rows[2]?.values).toEqual([-1, -2, -3, -4]);
    const events = await db.prisma.activityEvent.findMany({ where: { subjectId: dataset.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "dataset.imported", actorId: member.userId, teamId: member.teamId });
  });

  it("imports a gzip-compressed TSV with an annotation column", async () => {
    const gz = gzipSync(readFileSync(fixture("small.tsv")));
    const dataset = await importFile("small.tsv.gz", Readable.from([gz]));
    expect(dataset).toMatchObject({ format: "tsv", geneCount: 2, conditionCount: 3, annotationColumns: ["symbol"] });
    expect((dataset.conditions as { time?: number }[]).map((c) => c.time)).toEqual([0, 2, 4]);
    const rows = await rowsOf(dataset.id);
    expect(rows).toEqual([
      { gene: "G1", values: [1, 2, 3], annotations: ["Alpha"] },
      { gene: "G2", values: [4, 5, 6], annotations: ["Beta"] },
    ]);
  });

  it("imports a GCT file (Description kept as an annotation)", async () => {
    const dataset = await importFile("small.gct", createReadStream(fixture("small.gct")), "SAMPLES");
    expect(dataset).toMatchObject({ format: "gct", kind: "SAMPLES", geneCount: 2, conditionCount: 3, missingCount: 1 });
    expect(dataset.annotationColumns).toEqual(["Description"]);
    const rows = await rowsOf(dataset.id);
    expect(rows[1]?.gene).toBe("B");
    expect(rows[1]?.values[0]).toBe(4);
    expect(rows[0]?.annotations).toEqual(["gene a"]);
  });

  it("imports a GEO series matrix with times from the sample characteristics", async () => {
    const dataset = await importFile("GSE1_series_matrix.txt", createReadStream(fixture("GSE1_series_matrix.txt")));
    expect(dataset).toMatchObject({ format: "geo-series-matrix", geneCount: 2, conditionCount: 3, missingCount: 1 });
    const conditions = dataset.conditions as { id: string; time?: number }[];
    expect(conditions.map((c) => [c.id, c.time])).toEqual([
      ["GSM1", 0],
      ["GSM2", 2],
      ["GSM3", 4],
    ]);
    const rows = await rowsOf(dataset.id);
    expect(rows.map((r) => r.gene)).toEqual(["1007_s_at", "1053_at"]);
    expect(rows[1]?.values).toEqual([7, 6.5, Math.fround(6.1)]); // stored as float32
  });
});

describe("importDataset: errors leave nothing behind", () => {
  async function counts(): Promise<{ datasets: number; rows: number; events: number }> {
    return {
      datasets: await db.prisma.dataset.count({ where: { teamId: member.teamId } }),
      rows: await db.prisma.datasetRow.count({ where: { dataset: { teamId: member.teamId } } }),
      events: await db.prisma.activityEvent.count({ where: { teamId: member.teamId } }),
    };
  }

  it("a time course whose condition ids carry no times is kept without times", async () => {
    const dataset = await importFile("no-times.csv", Readable.from([Buffer.from("gene,a,b\nX,1,2\n")]));
    expect(dataset.conditions).toEqual([{ id: "a" }, { id: "b" }]);
  });

  it("a bad cell on line 4 names line and column, and no Dataset or DatasetRow remains", async () => {
    const before = await counts();
    const error = await importFile("bad-cell.csv", createReadStream(fixture("bad-cell.csv"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("BAD_USER_INPUT");
    expect(appError.extensions).toMatchObject({ line: 4, column: 3, field: "t1" });
    expect(appError.message).toMatch(/line 4/);
    expect(await counts()).toEqual(before);
  });

  it("an error after several written batches rolls all of them back", async () => {
    // 5,000 genes x 600 conditions: batches of ~1,700 rows are written before the bad row.
    const conds = 600;
    const header = ["gene", ...Array.from({ length: conds }, (_, j) => `c${j}`)].join(",");
    async function* lines(): AsyncGenerator<string> {
      yield `${header}\n`;
      for (let i = 0; i < 5_000; i++) {
        const cells = Array.from({ length: conds }, (_, j) => ((i * 7 + j) % 13) / 3);
        if (i === 4_990) cells[17] = Number.NaN; // written as "NaN": a missing value, still fine
        const row = `g${i},${cells.join(",")}`;
        yield `${i === 4_995 ? row.replace(/,[^,]*$/, ",oops") : row}\n`;
      }
    }
    const before = await counts();
    const error = await importFile("big-bad.csv", Readable.from(lines())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).extensions).toMatchObject({ line: 4_997, column: conds + 1, field: `c${conds - 1}` });
    expect(await counts()).toEqual(before);
  });

  it("duplicate genes are rejected with their line", async () => {
    const csv = "gene,a,b\nX,1,2\nY,3,4\nX,5,6\n";
    const error = await importFile("dup.csv", Readable.from([Buffer.from(csv)])).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("BAD_USER_INPUT");
    expect((error as AppError).extensions).toMatchObject({ line: 4 });
    expect(await db.prisma.dataset.count({ where: { name: "dup.csv" } })).toBe(0);
  });

  it("a viewer cannot import and a stranger's team is NOT_FOUND", async () => {
    const viewer = await seedMember(db.prisma, "VIEWER", member.teamId);
    const stranger = await seedMember(db.prisma, "OWNER");
    const run = (caller: typeof member.caller): Promise<AppError> =>
      importDataset({
        prisma: db.prisma,
        caller,
        teamId: member.teamId,
        name: "x",
        kind: "SAMPLES",
        filename: "small.csv",
        stream: createReadStream(fixture("small.csv")),
      }).then(
        () => new AppError("INTERNAL_SERVER_ERROR", "the import was allowed"),
        (e: unknown) => e as AppError,
      );
    expect((await run(viewer.caller)).code).toBe("FORBIDDEN");
    expect((await run(stranger.caller)).code).toBe("NOT_FOUND");
  });
});

describe("POST /upload", () => {
  let baseUrl: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = express();
    app.use("/upload", createUploadRouter({ prisma: db.prisma, logError: () => {} }));
    const server = app.listen(0);
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  afterAll(async () => {
    await close?.();
  });

  function form(fields: Record<string, string>, file: { name: string; body: Buffer } | null): FormData {
    const data = new FormData();
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    if (file) data.append("file", new Blob([new Uint8Array(file.body)]), file.name);
    return data;
  }

  interface UploadBody {
    dataset: { id: string; [key: string]: unknown };
    error: { code: string; message: string; line?: number; column?: number; field?: string };
  }

  async function upload(body: FormData, token: string | null = member.token): Promise<{ status: number; json: UploadBody }> {
    const res = await fetch(`${baseUrl}/upload`, {
      method: "POST",
      body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: res.status, json: (await res.json()) as UploadBody };
  }

  const fields = () => ({ teamId: member.teamId, name: "Uploaded", description: "via HTTP", kind: "TIME_COURSE" });

  it("imports a gzip CSV and answers 201 { dataset }", async () => {
    const body = gzipSync(readFileSync(fixture("small.csv")));
    const { status, json } = await upload(form(fields(), { name: "small.csv.gz", body }));
    expect(status).toBe(201);
    expect(json.dataset).toMatchObject({ name: "Uploaded", description: "via HTTP", geneCount: 3, conditionCount: 4, format: "csv", sourceFilename: "small.csv.gz" });
    expect(await db.prisma.datasetRow.count({ where: { datasetId: json.dataset.id } })).toBe(3);
  });

  it("answers 400 with line, column and field for a bad cell, and stores nothing", async () => {
    const before = await db.prisma.dataset.count();
    const { status, json } = await upload(form(fields(), { name: "bad.csv", body: readFileSync(fixture("bad-cell.csv")) }));
    expect(status).toBe(400);
    expect(json.error).toMatchObject({ code: "BAD_USER_INPUT", line: 4, column: 3, field: "t1" });
    expect(json.error.message).toMatch(/line 4, column 3/);
    expect(await db.prisma.dataset.count()).toBe(before);
  });

  it("answers 401 without a token, 404 for another team, 400 without a file or name", async () => {
    const file = { name: "small.csv", body: readFileSync(fixture("small.csv")) };
    expect((await upload(form(fields(), file), null)).status).toBe(401);
    expect((await upload(form(fields(), file), "exp_not-a-real-token")).json.error.code).toBe("UNAUTHENTICATED");
    const other = await seedMember(db.prisma, "OWNER");
    const notFound = await upload(form({ ...fields(), teamId: other.teamId }, file));
    expect(notFound.status).toBe(404);
    expect(notFound.json.error.code).toBe("NOT_FOUND");
    const noFile = await upload(form(fields(), null));
    expect(noFile.status).toBe(400);
    expect(noFile.json.error.field).toBe("file");
    const noName = await upload(form({ ...fields(), name: " " }, file));
    expect(noName.status).toBe(400);
    expect(noName.json.error.field).toBe("name");
  });
});
