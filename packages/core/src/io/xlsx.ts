// Reading the first (or a named) worksheet of an .xlsx workbook as rows of text cells, with
// exceljs's streaming reader, so the rest of the matrix reader treats it like CSV. Numbers are
// written with String() (the shortest exact form), so an .xlsx imports the same values as the CSV
// it was saved from; "#N/A" cells are missing; empty trailing cells are trimmed.
import type { Readable } from "node:stream";
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

/**
 * Rows of one worksheet (default: the first). Throws InputError when the zip is not a workbook or
 * the sheet is missing. Rows that are entirely empty are skipped, like blank lines in CSV.
 */
export async function* xlsxRecords(stream: Readable, sheet?: string | number): AsyncGenerator<SheetRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let index = 0;
  let found = false;
  const names: string[] = [];
  try {
    for await (const ws of reader) {
      index++;
      const name = (ws as unknown as { name?: string }).name ?? `Sheet${index}`;
      names.push(name);
      const wanted = sheet === undefined ? index === 1 : typeof sheet === "number" ? index === sheet : name === sheet;
      if (!wanted || found) {
        // Drain the sheet: the zip is read in order.
        for await (const _row of ws) void _row;
        continue;
      }
      found = true;
      for await (const row of ws) {
        const values = row.values as unknown[];
        const fields: string[] = [];
        for (let c = 1; c < values.length; c++) fields.push(cellText(values[c], row.number, c));
        while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
        if (fields.length === 0) continue;
        yield { fields, line: row.number };
      }
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new InputError(`this ZIP file could not be read as an .xlsx workbook (${msg.replace(/[^\x20-\x7e]/g, "?").slice(0, 120)})`, { line: 1, column: 1 });
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
