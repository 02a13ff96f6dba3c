// The input of a regression run: genes x numeric columns (a limma topTable, or any table), read
// from CSV/TSV with the gene id in the first column. Non-numeric columns (symbols, descriptions)
// are kept out and reported.
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.ts";
import type { DeRow } from "../de/moderated-t.ts";
import { TOP_TABLE_COLUMNS } from "../de/moderated-t.ts";

export interface NumericTable {
  /** Row ids (genes). */
  rows: string[];
  columns: string[];
  /** rows x columns, row-major; NaN = missing. */
  values: Float64Array;
}

const MISSING = new Set(["", "na", "nan", "null", "inf", "-inf"]);

/** Parses a table; a column is numeric when every non-missing cell is a number. */
export function parseTable(text: string, source = "table"): { table: NumericTable; ignoredColumns: string[] } {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = firstLine.includes("\t") ? "\t" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { lines?: number; message?: string };
    throw new InputError(`${source}: cannot parse: ${e.message ?? String(err)}`, typeof e.lines === "number" ? { line: e.lines } : {});
  }
  if (records.length < 2) throw new InputError(`${source} needs a header row and at least one data row`, { line: 1 });
  let header = records[0]!.record;
  // R's write.csv of a data frame with row names leaves the first header cell empty.
  if (header[0] === "") header = ["gene", ...header.slice(1)];
  const body = records.slice(1);
  const numeric: number[] = [];
  const ignored: number[] = [];
  for (let c = 1; c < header.length; c++) {
    const allNumeric = body.every(({ record }) => {
      const cell = record[c] ?? "";
      return MISSING.has(cell.toLowerCase()) || Number.isFinite(Number(cell));
    });
    (allNumeric ? numeric : ignored).push(c);
  }
  const columns = numeric.map((c) => header[c]!);
  const values = new Float64Array(body.length * columns.length);
  const rows: string[] = [];
  const seen = new Set<string>();
  body.forEach(({ record, info }, r) => {
    const id = record[0] ?? "";
    if (id === "") throw new InputError(`${source}: empty gene id`, { line: info.lines, column: 1 });
    if (seen.has(id)) throw new InputError(`${source}: gene "${id}" appears twice`, { line: info.lines, column: 1 });
    seen.add(id);
    rows.push(id);
    numeric.forEach((c, k) => {
      const cell = record[c] ?? "";
      values[r * columns.length + k] = MISSING.has(cell.toLowerCase()) ? Number.NaN : Number(cell);
    });
  });
  if (columns.length < 2) throw new InputError(`${source} needs at least two numeric columns (a target and a feature), found ${columns.join(", ") || "none"}`);
  return { table: { rows, columns, values }, ignoredColumns: ignored.map((c) => header[c]!) };
}

export async function readTable(path: string): Promise<{ table: NumericTable; ignoredColumns: string[] }> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
  }
  return parseTable((path.endsWith(".gz") ? gunzipSync(buf) : buf).toString("utf8"), path);
}

/** A table of src/de rows (the topTable columns). */
export function tableFromDe(rows: readonly DeRow[]): NumericTable {
  const columns = [...TOP_TABLE_COLUMNS];
  const values = new Float64Array(rows.length * columns.length);
  rows.forEach((r, i) => columns.forEach((c, k) => (values[i * columns.length + k] = r[c])));
  return { rows: rows.map((r) => r.gene), columns, values };
}
