import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../errors.ts";
import { detectDialect, parseMatrixRows, parseTime, previewMatrix, readMatrix } from "./index.ts";
import type { MatrixRowEvent, ReadMatrixOptions } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "exprlab-io-robust-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (b: Buffer | string): Readable => Readable.from([typeof b === "string" ? Buffer.from(b) : b]);

async function inputError(s: Buffer | string, options?: ReadMatrixOptions): Promise<InputError> {
  try {
    await readMatrix(bytes(s), options);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error("expected an InputError");
}

/** No control characters and no replacement characters: a message fit for a terminal or a web page. */
function printableOnly(message: string): void {
  // eslint-disable-next-line no-control-regex
  expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/);
}

describe("delimiter and decimal mark", () => {
  it("semicolon + decimal comma (Excel in many countries): 1,234 is 1.234, never 1234 or two cells", async () => {
    const { matrix, report } = await readMatrix(bytes("gene;a;b\r\nG1;1,234;-0,5\r\nG2;2;1,5E-3\r\n"));
    expect(report).toMatchObject({ format: "csv", delimiter: ";", decimal: "," });
    expect(Array.from(matrix.values)).toEqual([1.234, -0.5, 2, 0.0015]);
  });

  it("tab + decimal comma is detected when some cell is not d,ddd", () => {
    expect(detectDialect(["gene\ta\tb", "G1\t1,5\t2,25"])).toMatchObject({ delimiter: "\t", decimal: "," });
    expect(detectDialect(["gene,a,b", "G1,1.5,2"])).toMatchObject({ delimiter: ",", decimal: "." });
    // The header alone would say "," (two commas); the rows agree only on ";".
    expect(detectDialect(["gene;a,1;b,2", "G1;1,5;2"])).toMatchObject({ delimiter: ";", decimal: "," });
  });

  it("refuses to guess when every comma-number in a tab file looks like 1,234", async () => {
    const e = await inputError("gene\ta\tb\nG1\t1,234\t5,678\n");
    expect(e.location.field).toBe("decimal");
    expect(e.message).toMatch(/thousands separator/);
    const { matrix } = await readMatrix(bytes("gene\ta\tb\nG1\t1,234\t5,678\n"), { decimal: "," });
    expect(Array.from(matrix.values)).toEqual([1.234, 5.678]);
  });

  it("a dot in a decimal-comma file is an error naming line and column, not a guess", async () => {
    const e = await inputError("gene;a;b\nG1;1,5;2,5\nG2;1.234,5;3\n");
    expect(e.location).toEqual({ line: 3, column: 2, field: "a" });
    expect(e.message).toMatch(/decimal comma/);
  });

  it('a quoted "1,5" in a comma-separated file is an error with a hint', async () => {
    const e = await inputError('gene,a\nG1,"1,5"\nG2,2\n');
    expect(e.location).toEqual({ line: 2, column: 2, field: "a" });
    expect(e.message).toMatch(/decimal mark or thousands separator/);
  });
});

describe("binary input is named, never quoted", () => {
  it("refuses .xls (OLE2) with a clear message", async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504, 7)]);
    const e = await inputError(ole);
    expect(e.message).toMatch(/Excel 97-2003.*\.xls.*save it as \.xlsx/);
    printableOnly(e.message);
  });

  it("a zip that is not a workbook, a PDF, bzip2", async () => {
    const zip = Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.from([0, 0, 0xff, 0xfe, 0x13, 0x88, 0x00, 0x01])]);
    const z = await inputError(zip);
    expect(z.message).toMatch(/could not be read as an \.xlsx workbook|not an \.xlsx workbook/);
    printableOnly(z.message);
    expect((await inputError("%PDF-1.7\n%\u00e2\u00e3\n")).message).toMatch(/PDF/);
    expect((await inputError(Buffer.from([0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26]))).message).toMatch(/bzip2/);
  });

  it("NUL bytes (also inside gzip), invalid UTF-8 and UTF-16 say what they are and where", async () => {
    const nul = await inputError("gene,a\nA,1\nB\u0000\u0001,2\n");
    expect(nul.message).toMatch(/binary data.*NUL/);
    expect(nul.location.line).toBe(3);
    printableOnly(nul.message);
    const gz = await inputError(gzipSync(Buffer.from("gene,a\nA,1\n\u0000\u0000\u0000")));
    expect(gz.message).toMatch(/NUL/);
    const latin1 = Buffer.from("gene,a\nA,1\ncaf\xe9,2\n", "latin1");
    const l = await inputError(latin1);
    expect(l.message).toMatch(/not UTF-8.*0xE9/);
    expect(l.location.line).toBe(3);
    printableOnly(l.message);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("gene\ta\n", "utf16le")]);
    expect((await inputError(utf16)).message).toMatch(/UTF-16/);
  });

  it("valid multi-byte UTF-8 split across chunks is fine", async () => {
    const text = Buffer.from("gene,α\nβ-catenin,1\n✓,2\n");
    const chunks = Array.from(text, (b) => Buffer.from([b]));
    const { matrix } = await readMatrix(Readable.from(chunks));
    expect(matrix.genes).toEqual(["β-catenin", "✓"]);
    expect(matrix.conditions[0]!.id).toBe("α");
  });
});

describe("values and ids (issue 12)", () => {
  it("values beyond float32 are refused with line and column; the largest float32 is accepted", async () => {
    const e = await inputError("gene,a,b\nA,1,2\nB,3,1e300\n");
    expect(e.location).toEqual({ line: 3, column: 3, field: "b" });
    expect(e.message).toMatch(/float32/);
    expect((await inputError("gene,a\nA,-3.5e38\n")).location).toMatchObject({ line: 2, column: 2 });
    const { matrix } = await readMatrix(bytes("gene,a\nA,3.4e38\nB,1e-300\n"));
    expect(matrix.values[0]).toBe(3.4e38);
  });

  it("control characters in gene or condition ids are refused and shown as U+XXXX", async () => {
    const e = await inputError('gene,a\nA,1\n"B\u0007x",2\n');
    expect(e.location).toEqual({ line: 3, column: 1, field: "gene" });
    expect(e.message).toMatch(/U\+0007/);
    printableOnly(e.message);
    const tab = await inputError('gene,a\n"in\tside",1\n');
    expect(tab.message).toMatch(/U\+0009/);
    const cr = await inputError('gene,"t\r0"\nA,1\n');
    expect(cr.location).toEqual({ line: 1, column: 2 });
  });

  it("ids starting with = + - @ are accepted but flagged for export escaping", async () => {
    const csv = "gene,=t0,t1\n=cmd|' /C calc'!A0,1,2\n+AKT,3,4\n-x,5,6\n@SUM,7,8\nTP53,9,10\n";
    const { matrix, report } = await readMatrix(bytes(csv));
    expect(matrix.genes).toEqual(["=cmd|' /C calc'!A0", "+AKT", "-x", "@SUM", "TP53"]);
    expect(report.formulaLikeIds).toEqual({ count: 5, examples: ["=cmd|' /C calc'!A0", "+AKT", "-x", "@SUM", "=t0"] });
    const events: MatrixRowEvent[] = [];
    for await (const ev of parseMatrixRows(bytes(csv))) events.push(ev);
    expect(events[0]).toMatchObject({ type: "header", formulaLikeConditions: ["=t0"] });
    expect(events.map((e) => (e.type === "row" ? (e.formulaLike ?? false) : null))).toEqual([null, true, true, true, true, false]);
  });
});

describe("time parser is linear on long condition ids", () => {
  it("40,000-character ids of every pathological shape return at once", { timeout: 5_000 }, () => {
    const n = 40_000;
    expect(parseTime(`t${" ".repeat(n)}x`)).toBeUndefined();
    expect(parseTime(`${"1".repeat(n)}x`)).toBeUndefined();
    expect(parseTime(`a${"_-".repeat(n / 2)}`)).toBeUndefined();
    expect(parseTime(`day${" ".repeat(n)}q`)).toBeUndefined();
    expect(parseTime(`${"x".repeat(n)}_t2h`)).toBe(2);
    expect(parseTime(`${"x".repeat(n)} 30 min`)).toBe(0.5);
    expect(parseTime(`${"1".repeat(n)}`)).toBeUndefined();
  });
});

describe(".xlsx", () => {
  it("reads a chosen sheet, empty cells as missing, #N/A as missing; refuses a missing sheet", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("notes").addRow(["just text"]);
    const ws = wb.addWorksheet("data");
    ws.addRow(["gene", "a", "b", "c"]);
    ws.addRow(["G1", 1.5, null, 3]);
    ws.addRow(["G2", { error: "#N/A" }, 2, { formula: "1+1", result: 2 }]);
    ws.addRow(["G3", 0.1, 0.2]);
    const p = join(dir, "two-sheets.xlsx");
    await wb.xlsx.writeFile(p);
    const { matrix, report } = await readMatrix(p, { sheet: "data" });
    expect(report).toMatchObject({ format: "xlsx", genes: 3, conditions: 3, missingValues: 3 });
    expect(Array.from(matrix.values, (v) => (Number.isNaN(v) ? null : v))).toEqual([1.5, null, 3, null, 2, 2, 0.1, 0.2, null]);
    const e = await readMatrix(p, { sheet: "nope" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).message).toMatch(/"nope" not found.*"data"/);
    const bad = await readMatrix(p, { sheet: 2, annotationColumns: [] }).then((r) => r.matrix.genes);
    expect(bad).toEqual(["G1", "G2", "G3"]);
  });

  it("a workbook whose zip lists rels, shared strings and the sheet before xl/workbook.xml still reads", async () => {
    // exceljs's streaming reader dereferences the workbook model in that order and throws; the
    // reader then falls back to the in-memory reader.
    const fixture = join(import.meta.dirname, "../../test/fixtures/small.xlsx");
    const zip = await JSZip.loadAsync(await readFile(fixture));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const first = ["[Content_Types].xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"];
    expect(names).toEqual(expect.arrayContaining(first));
    const reordered = new JSZip();
    for (const n of [...first, ...names.filter((x) => !first.includes(x))]) reordered.file(n, await zip.file(n)!.async("uint8array"));
    const bytes = await reordered.generateAsync({ type: "nodebuffer" });
    const { matrix, report } = await readMatrix(Readable.from([bytes]));
    expect(report.format).toBe("xlsx");
    expect(matrix.genes).toEqual(["g1", "g2", "g3"]);
    expect(matrix.values[1]).toBe(5.3);
  });

  it("errors in a sheet name the row and column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["gene", "a", "b"]);
    ws.addRow(["G1", 1, 2]);
    ws.addRow(["G2", 3, "oops"]);
    const p = join(dir, "bad.xlsx");
    await wb.xlsx.writeFile(p);
    const e = (await readMatrix(p).catch((x: unknown) => x)) as InputError;
    expect(e.location).toEqual({ line: 3, column: 3, field: "b" });
  });
});

describe("previewMatrix", () => {
  it("shows detection, the first lines and parsed rows", async () => {
    const p = join(dir, "p.csv");
    writeFileSync(p, "gene;sym;t0;t1\nG1;A;1,5;2\nG2;B;NA;3,25\nG3;C;4;5\n");
    const pv = await previewMatrix(p, { rows: 2 });
    expect(pv).toMatchObject({ format: "csv", delimiter: ";", decimal: ",", gzip: false, error: null });
    expect(pv.lines).toEqual([
      ["gene", "sym", "t0", "t1"],
      ["G1", "A", "1,5", "2"],
      ["G2", "B", "NA", "3,25"],
    ]);
    expect(pv.header).toEqual({ geneColumn: "gene", conditions: ["t0", "t1"], annotationColumns: ["sym"], times: [null, null] });
    expect(pv.rows).toEqual([
      { line: 2, gene: "G1", values: [1.5, 2], annotations: ["A"] },
      { line: 3, gene: "G2", values: [null, 3.25], annotations: ["B"] },
    ]);
  });

  it("reports the first error instead of throwing, and previews streams and xlsx", async () => {
    const pv = await previewMatrix(bytes("gene,a\nG1,1\nG2,x\n"));
    expect(pv.rows).toHaveLength(1);
    expect(pv.error).toMatchObject({ line: 3, column: 2, field: "a" });
    const bin = await previewMatrix(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(bin.error?.message).toMatch(/\.xls/);
    const x = await previewMatrix(join(import.meta.dirname, "../../test/fixtures/small.xlsx"), { rows: 1 });
    expect(x).toMatchObject({ format: "xlsx", delimiter: "", decimal: ".", error: null });
    expect(x.lines[0]).toEqual(["gene", "symbol", "t0", "t2h", "t4h", "t8h"]);
    expect(x.rows[0]).toEqual({ line: 2, gene: "g1", values: [5.1, 5.3, null, 6], annotations: ["TP53"] });
  });
});
