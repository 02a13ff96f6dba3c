import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { detectFormat, parseMatrixRows, parseTime, readMatrix, writeMatrixCsv } from "./index.ts";
import type { MatrixRowEvent, ReadMatrixOptions } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "exprlab-io-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (s: string): Readable => Readable.from([Buffer.from(s)]);

async function inputError(s: string | Readable, options?: ReadMatrixOptions): Promise<InputError> {
  try {
    await readMatrix(typeof s === "string" ? text(s) : s, options);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("expected an InputError");
}

describe("readMatrix: CSV/TSV", () => {
  it("reads a CSV with missing values and counts them", async () => {
    const { matrix, report } = await readMatrix(text("gene,t0,t1,t2\nA,1,2,3\nB,NA,,5.5\nC,nan,null,-\n"));
    expect(matrix.genes).toEqual(["A", "B", "C"]);
    expect(matrix.conditions.map((c) => c.id)).toEqual(["t0", "t1", "t2"]);
    expect(Array.from(matrix.values.subarray(0, 3))).toEqual([1, 2, 3]);
    expect(Number.isNaN(matrix.values[3])).toBe(true);
    expect(Number.isNaN(matrix.values[4])).toBe(true);
    expect(matrix.values[5]).toBe(5.5);
    expect(report).toMatchObject({ format: "csv", genes: 3, conditions: 3, missingValues: 5, delimiter: ",", gzip: false, times: null });
  });

  it("detects TSV from the header line and reads CRLF, quotes and exponents", async () => {
    const { matrix, report } = await readMatrix(text('id\t"a"\tb\r\nG1\t1e-3\t-2\r\n"G 2"\t 4 \t0\r\n'));
    expect(report.format).toBe("tsv");
    expect(matrix.genes).toEqual(["G1", "G 2"]);
    expect(Array.from(matrix.values)).toEqual([0.001, -2, 4, 0]);
  });

  it("uses the extension when the header has no delimiter", () => {
    expect(detectFormat("gene", "x.tsv.gz")).toEqual({ format: "tsv", delimiter: "\t" });
    expect(detectFormat("gene", "x.csv")).toEqual({ format: "csv", delimiter: "," });
    expect(detectFormat("a;b;c")).toEqual({ format: "csv", delimiter: ";" });
  });

  it("reads gzipped files from a path, detected by magic bytes not by name", async () => {
    const p = join(dir, "m.data");
    writeFileSync(p, gzipSync("gene\tc1\tc2\nA\t1\t2\nB\t3\t4\n"));
    const { matrix, report } = await readMatrix(p);
    expect(report.gzip).toBe(true);
    expect(report.format).toBe("tsv");
    expect(Array.from(matrix.values)).toEqual([1, 2, 3, 4]);
  });

  it("reads a stream delivered in tiny chunks (gzip header split across chunks)", async () => {
    const gz = gzipSync("gene,c1\nA,1\nB,2\n");
    const chunks = Array.from(gz, (b) => Buffer.from([b]));
    const { matrix } = await readMatrix(Readable.from(chunks));
    expect(Array.from(matrix.values)).toEqual([1, 2]);
  });

  it("auto-detects annotation columns (every non-missing cell non-numeric)", async () => {
    const { matrix, report } = await readMatrix(
      text("probe,symbol,t0,desc,t1\np1,TP53,1,tumour protein,2\np2,NA,3,,4\np3,MYC,5,x,NA\n"),
    );
    expect(report.annotationColumns).toEqual(["symbol", "desc"]);
    expect(report.annotationSource).toBe("auto");
    expect(matrix.conditions.map((c) => c.id)).toEqual(["t0", "t1"]);
    expect(matrix.annotations?.rows).toEqual([
      ["TP53", "tumour protein"],
      ["NA", ""],
      ["MYC", "x"],
    ]);
    expect(Array.from(matrix.values.subarray(0, 5))).toEqual([1, 2, 3, 4, 5]);
  });

  it("takes explicit annotation columns, even numeric-looking ones", async () => {
    const { matrix, report } = await readMatrix(text("probe,entrez,t0\np1,7157,1\np2,4609,2\n"), {
      annotationColumns: ["entrez"],
    });
    expect(report.annotationSource).toBe("explicit");
    expect(matrix.annotations?.rows).toEqual([["7157"], ["4609"]]);
    expect(Array.from(matrix.values)).toEqual([1, 2]);
  });

  it("accepts R's write.table header (one field short: no row-name header cell)", async () => {
    const { matrix } = await readMatrix(text("t0\tt1\nA\t1\t2\n"));
    expect(matrix.genes).toEqual(["A"]);
    expect(matrix.conditions.map((c) => c.id)).toEqual(["t0", "t1"]);
  });

  it("parses times from condition ids, or takes them from options", async () => {
    const csv = "gene,t0,2h,30min,day1,0.5\nA,1,2,3,4,5\n";
    const { report } = await readMatrix(text(csv), { parseTimes: true });
    expect(report.times).toEqual([0, 2, 0.5, 24, 0.5]);
    const given = await readMatrix(text(csv), { times: [0, 1, 2, 3, 4] });
    expect(given.matrix.conditions.map((c) => c.time)).toEqual([0, 1, 2, 3, 4]);
    expect(parseTime("WT_t12h")).toBe(12);
    expect(parseTime("GSM1234")).toBeUndefined();
  });

  it("streams a header event then row events with lines", async () => {
    const events: MatrixRowEvent[] = [];
    for await (const e of parseMatrixRows(text("gene,a,b\n\nA,1,2\nB,3,NA\n"))) events.push(e);
    expect(events[0]).toMatchObject({ type: "header", format: "csv", conditions: [{ id: "a" }, { id: "b" }] });
    expect(events.slice(1).map((e) => (e.type === "row" ? [e.line, e.gene, e.missing] : null))).toEqual([
      [3, "A", 0],
      [4, "B", 1],
    ]);
  });

  it("round-trips through writeMatrixCsv", async () => {
    const p = join(dir, "w.csv");
    const values = Float64Array.from([1.5, Number.NaN, -3e-7, 42]);
    await writeMatrixCsv({ genes: ["a,1", "b"], conditions: [{ id: "t0" }, { id: "t1" }], values }, p);
    const { matrix } = await readMatrix(p);
    expect(matrix.genes).toEqual(["a,1", "b"]);
    expect(matrix.values[0]).toBe(1.5);
    expect(Number.isNaN(matrix.values[1])).toBe(true);
    expect(matrix.values[2]).toBe(-3e-7);
    const s = new PassThrough();
    const chunks: Buffer[] = [];
    s.on("data", (c: Buffer) => chunks.push(c));
    await writeMatrixCsv({ genes: ["x"], conditions: [{ id: "t0" }], values: Float64Array.from([1 / 3]) }, s, { precision: 3 });
    expect(Buffer.concat(chunks).toString()).toBe("gene,t0\nx,0.333\n");
  });
});

describe("readMatrix: errors name line and column", () => {
  it("ragged row (too few and too many fields)", async () => {
    let e = await inputError("gene,a,b,c\nA,1,2,3\nB,1,2\n");
    expect(e.location).toEqual({ line: 3, column: 4, field: "c" });
    expect(e.message).toMatch(/expected 4 fields.*got 3/);
    e = await inputError("gene,a,b\nA,1,2\n\nB,1,2,3\n");
    expect(e.location).toMatchObject({ line: 4, column: 4 });
    expect(e.message).toMatch(/expected 3 fields.*got 4/);
  });

  it("non-numeric cell in a numeric column (quoted in the message)", async () => {
    const e = await inputError("gene,a,b\nA,1,2\nB,3,abc\nC,4,5\n");
    expect(e.location).toEqual({ line: 3, column: 3, field: "b" });
    expect(e.message).toContain('"abc" is not a number');
  });

  it("non-numeric cell after the auto-detection window", async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `g${i},${i},${i}`);
    rows.push("bad,1,x1");
    const e = await inputError(`gene,a,b\n${rows.join("\n")}\n`, { annotationSampleRows: 3 });
    expect(e.location).toEqual({ line: 12, column: 3, field: "b" });
  });

  it("duplicate gene id says where it was first seen", async () => {
    const e = await inputError("gene,a\nA,1\nB,2\nA,3\n");
    expect(e.location).toEqual({ line: 4, column: 1, field: "gene" });
    expect(e.message).toContain("first seen on line 2");
  });

  it("no numeric columns", async () => {
    let e = await inputError("gene,symbol\nA,TP53\nB,MYC\n");
    expect(e.location).toEqual({ line: 1, column: 2, field: "symbol" });
    e = await inputError("gene\nA\n");
    expect(e.location).toMatchObject({ line: 1, column: 2 });
  });

  it("empty file and header only", async () => {
    let e = await inputError("");
    expect(e.location).toEqual({ line: 1, column: 1 });
    e = await inputError("gene,a,b\n");
    expect(e.location).toEqual({ line: 2, column: 1 });
    expect(e.message).toMatch(/no data rows/);
  });

  it("empty gene id", async () => {
    const e = await inputError("gene,a\nA,1\n ,2\n");
    expect(e.location).toEqual({ line: 3, column: 1, field: "gene" });
  });

  it("unknown explicit annotation column, bad times length, unparseable time", async () => {
    let e = await inputError("gene,a\nA,1\n", { annotationColumns: ["nope"] });
    expect(e.location).toMatchObject({ line: 1, field: "nope" });
    e = await inputError("gene,a\nA,1\n", { times: [1, 2] });
    expect(e.location.field).toBe("times");
    e = await inputError("gene,t0,ctrl\nA,1,2\n", { parseTimes: true });
    expect(e.location).toEqual({ line: 1, column: 3, field: "ctrl" });
  });

  it("unclosed quote is an InputError", async () => {
    const e = await inputError('gene,a\nA,1\n"B,2\n');
    expect(e).toBeInstanceOf(InputError);
    expect(e.location.line).toBeGreaterThanOrEqual(3);
  });
});

describe("GCT and GEO series matrix", () => {
  const gctText = "#1.2\n2\t3\nName\tDescription\ts1\ts2\ts3\nA\tgene a\t1\t2\t3\nB\tna\t4\tNA\t6\n";

  it("reads GCT with Description as annotation", async () => {
    const { matrix, report } = await readMatrix(text(gctText));
    expect(report).toMatchObject({ format: "gct", genes: 2, conditions: 3, missingValues: 1, annotationColumns: ["Description"] });
    expect(matrix.annotations?.rows).toEqual([["gene a"], ["na"]]);
    expect(matrix.values[3]).toBe(4);
  });

  it("GCT row count must match the dimensions line", async () => {
    const e = await inputError(gctText.replace("2\t3", "3\t3"));
    expect(e.location).toEqual({ line: 6, column: 1 });
    const e2 = await inputError(gctText.replace("2\t3", "2\t4"));
    expect(e2.location.line).toBe(3);
  });

  const geoText = [
    '!Series_title\t"A time course"',
    '!Series_geo_accession\t"GSE1"',
    "",
    '!Sample_title\t"WT 0h"\t"WT 2h"\t"WT 4h"',
    '!Sample_geo_accession\t"GSM1"\t"GSM2"\t"GSM3"',
    '!Sample_characteristics_ch1\t"strain: WT"\t"strain: WT"\t"strain: WT"',
    '!Sample_characteristics_ch1\t"time: 0 h"\t"time: 2 h"\t"time: 240 min"',
    "!series_matrix_table_begin",
    '"ID_REF"\t"GSM1"\t"GSM2"\t"GSM3"',
    '"1007_s_at"\t5.1\t5.3\tnull',
    '"1053_at"\t7\t6.5\t6.1',
    "!series_matrix_table_end",
    "",
  ].join("\n");

  it("reads a GEO series matrix with labels from characteristics and times", async () => {
    const { matrix, report } = await readMatrix(text(geoText), { parseTimes: true });
    expect(report.format).toBe("geo-series-matrix");
    expect(matrix.genes).toEqual(["1007_s_at", "1053_at"]);
    expect(matrix.conditions[0]).toEqual({ id: "GSM1", label: "strain: WT; time: 0 h", time: 0 });
    expect(report.times).toEqual([0, 2, 4]);
    expect(report.missingValues).toBe(1);
    const events: MatrixRowEvent[] = [];
    for await (const e of parseMatrixRows(text(geoText))) events.push(e);
    const h = events[0];
    expect(h?.type === "header" && h.seriesMetadata?.["title"]).toEqual(["A time course"]);
    expect(events[1]).toMatchObject({ type: "row", line: 10, gene: "1007_s_at" });
  });

  it("GEO errors keep the real line numbers", async () => {
    const e = await inputError(geoText.replace("\t6.5\t", "\tx\t"));
    expect(e.location).toEqual({ line: 11, column: 3, field: "GSM2" });
  });
});

describe("large matrix", () => {
  it("parses 20,000 x 500 from a temp file", async () => {
    const genes = 20_000;
    const conds = 500;
    const p = join(dir, "big.csv");
    const header = ["gene", ...Array.from({ length: conds }, (_, j) => `t${j}`)].join(",");
    const cell = Array.from({ length: 1000 }, (_, k) => String(k / 10));
    const fields = new Array<string>(conds + 1);
    const lines: string[] = [header];
    for (let i = 0; i < genes; i++) {
      fields[0] = `g${i}`;
      for (let j = 0; j < conds; j++) fields[j + 1] = cell[(i * 31 + j * 17) % 1000]!;
      lines.push(fields.join(","));
    }
    writeFileSync(p, lines.join("\n") + "\n");
    lines.length = 0;
    const t0 = performance.now();
    const { matrix, report } = await readMatrix(p);
    const ms = performance.now() - t0;
    console.log(`20,000 x 500 CSV parsed in ${(ms / 1000).toFixed(1)} s; heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, arrayBuffers ${(process.memoryUsage().arrayBuffers / 1e6).toFixed(0)} MB`);
    expect(report.genes).toBe(genes);
    expect(report.conditions).toBe(conds);
    expect(matrix.values.length).toBe(genes * conds);
    for (const [i, j] of [[0, 0], [123, 456], [19_999, 499], [7777, 1]] as const) {
      expect(matrix.values[i * conds + j]).toBe(((i * 31 + j * 17) % 1000) / 10);
    }
    expect(matrix.genes[19_999]).toBe("g19999");
  });
});
