// Matrix CSV writer (the CLI writes synthetic data with it): gene id, annotation columns, then one
// column per condition; NaN is written as NA. Cells go through core's one CSV writer (src/csv), so
// quoting and formula escaping are the same as every other export. Streams with back-pressure.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { ExpressionMatrix } from "../types.ts";
import { toCsvRows } from "../csv/index.ts";
import type { CsvValue } from "../csv/index.ts";

export interface WriteCsvOptions {
  /** Header of the gene id column (default "gene"). */
  geneColumn?: string;
  /** Significant digits for values; default: shortest exact representation. */
  precision?: number;
  /**
   * Prefix ids starting with = + - @ tab or CR with a single quote, so a spreadsheet does not run
   * them (OWASP). Default true. Such ids then read back with the quote; pass false for an exact
   * round trip into tools that are not spreadsheets.
   */
  escapeFormulas?: boolean;
}

const ROWS_PER_CHUNK = 256;

/** Write `matrix` as CSV to a path or writable stream. A path's stream is closed at the end. */
export async function writeMatrixCsv(
  matrix: ExpressionMatrix,
  target: string | NodeJS.WritableStream,
  options: WriteCsvOptions = {},
): Promise<void> {
  const out = typeof target === "string" ? createWriteStream(target) : target;
  const m = matrix.conditions.length;
  const precision = options.precision;
  const csv = {
    escapeFormulas: options.escapeFormulas ?? true,
    formatNumber: precision === undefined ? String : (v: number) => String(Number(v.toPrecision(precision))),
  };
  const ann = matrix.annotations;
  const write = async (chunk: string): Promise<void> => {
    if (!out.write(chunk)) await once(out, "drain");
  };
  const header: CsvValue[] = [options.geneColumn ?? "gene", ...(ann?.columns ?? []), ...matrix.conditions.map((c) => c.id)];
  await write(toCsvRows([header], csv));
  let rows: CsvValue[][] = [];
  for (let i = 0; i < matrix.genes.length; i++) {
    const row: CsvValue[] = [matrix.genes[i]!];
    if (ann) for (const a of ann.rows[i] ?? []) row.push(a);
    for (let j = 0; j < m; j++) row.push(matrix.values[i * m + j]!);
    rows.push(row);
    if (rows.length === ROWS_PER_CHUNK) {
      await write(toCsvRows(rows, csv));
      rows = [];
    }
  }
  if (rows.length > 0) await write(toCsvRows(rows, csv));
  if (typeof target === "string") {
    const ws = out as NodeJS.WritableStream;
    await new Promise<void>((resolve, reject) => {
      ws.on("error", reject);
      ws.end(() => resolve());
    });
  }
}
