// Reading the first (or a named) worksheet of an .xlsx workbook as rows of text cells, with
// exceljs's streaming reader, so the rest of the matrix reader treats it like CSV. Numbers are
// written with String() (the shortest exact form), so an .xlsx imports the same values as the CSV
// it was saved from; "#N/A" cells are missing; empty trailing cells are trimmed.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { InputError } from "../errors.ts";

export interface SheetRecord {
  fields: string[];
  /** 1-based row number in the sheet. */
  line: number;
}

/** Column letters of a 1-based column number (1 = A, 27 = AA). */
export function columnLetters(col: number): string {
  let s = "";
  for (let c = col; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

function cellText(v: unknown, row: number, col: number): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "object") {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if ("error" in o && typeof o.error === "string") return o.error === "#N/A" ? "" : o.error;
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if ("formula" in o || "sharedFormula" in o) {
      if (o.result === undefined) {
        throw new InputError(`cell ${columnLetters(col)}${row} is a formula without a saved result: open and save the workbook in Excel first`, {
          line: row,
          column: col,
        });
      }
      return cellText(o.result, row, col);
    }
    if (typeof o.text === "string") return o.text;
  }
  return String(v);
}

type SheetRows = AsyncGenerator<{ name: string; rows: AsyncIterable<{ number: number; values: unknown }> | Iterable<{ number: number; values: unknown }> }>;

/** Worksheets from exceljs's streaming reader (reads the zip in order). */
async function* streamedSheets(buffer: Buffer): SheetRows {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let index = 0;
  for await (const ws of reader) {
    index++;
    yield { name: (ws as unknown as { name?: string }).name ?? `Sheet${index}`, rows: ws as AsyncIterable<{ number: number; values: unknown }> };
  }
}

/** Worksheets from the in-memory reader (random access to the zip; more memory). */
async function* loadedSheets(buffer: Buffer): SheetRows {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  for (const ws of wb.worksheets) {
    const rows: { number: number; values: unknown }[] = [];
    ws.eachRow({ includeEmpty: false }, (row) => rows.push({ number: row.number, values: row.values }));
    yield { name: ws.name, rows };
  }
}

/**
 * Rows of one worksheet (default: the first). Throws InputError when the zip is not a workbook or
 * the sheet is missing. Rows that are entirely empty are skipped, like blank lines in CSV.
 *
 * The workbook's bytes are collected first (a zip cannot be read without its end). exceljs's
 * streaming reader is tried first; it throws on workbooks whose zip lists the workbook rels, the
 * shared strings and a worksheet before xl/workbook.xml (exceljs's own non-streaming writer
 * sometimes produces that order), and then the in-memory reader reads the same bytes.
 */
export async function* xlsxRecords(stream: Readable, sheet?: string | number): AsyncGenerator<SheetRecord> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  const buffer = Buffer.concat(parts);
  let yielded = 0;
  try {
    for await (const rec of sheetRecords(streamedSheets(buffer), sheet)) {
      yielded++;
      yield rec;
    }
    return;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (yielded > 0) throw unreadable(err);
  }
  try {
    yield* sheetRecords(loadedSheets(buffer), sheet);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw unreadable(err);
  }
}

function unreadable(err: unknown): InputError {
  const msg = err instanceof Error ? err.message : String(err);
  return new InputError(`this ZIP file could not be read as an .xlsx workbook (${msg.replace(/[^\x20-\x7e]/g, "?").slice(0, 120)})`, { line: 1, column: 1 });
}

async function* sheetRecords(sheets: SheetRows, sheet: string | number | undefined): AsyncGenerator<SheetRecord> {
  let index = 0;
  let found = false;
  const names: string[] = [];
  for await (const ws of sheets) {
    index++;
    names.push(ws.name);
    const wanted = sheet === undefined ? index === 1 : typeof sheet === "number" ? index === sheet : ws.name === sheet;
    if (!wanted || found) {
      // Drain the sheet: a streamed zip is read in order.
      for await (const _row of ws.rows) void _row;
      continue;
    }
    found = true;
    for await (const row of ws.rows) {
      const values = row.values as unknown[];
      const fields: string[] = [];
      for (let c = 1; c < values.length; c++) fields.push(cellText(values[c], row.number, c));
      while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
      if (fields.length === 0) continue;
      yield { fields, line: row.number };
    }
  }
  if (!found) {
    throw new InputError(
      index === 0
        ? "this ZIP file is not an .xlsx workbook (no worksheet found)"
        : `worksheet ${typeof sheet === "number" ? `#${sheet}` : `"${sheet}"`} not found; the workbook has ${names.map((n) => `"${n}"`).join(", ")}`,
      { field: "sheet" },
    );
  }
}
