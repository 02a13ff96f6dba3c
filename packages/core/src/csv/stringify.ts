// The one CSV writer of core and web: RFC 4180 quoting by csv-stringify (its browser build, so the
// same module runs in Node and in the browser), with formula-like TEXT cells escaped. A negative
// NUMBER such as -3 is data, not a formula, and is written as is.
import { stringify } from "csv-stringify/browser/esm/sync";
import { startsLikeFormula } from "./formula.ts";

/** A cell value: null/undefined = empty, numbers with `formatNumber` (NaN as `nan`), the rest as text. */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** Field delimiter. Default ",". */
  delimiter?: string;
  /**
   * Prefix text cells starting with = + - @ tab or CR with a single quote (OWASP's advice against
   * CSV injection). Default true. Turn off only for files no spreadsheet will open.
   */
  escapeFormulas?: boolean;
  /** How a NaN number is written. Default "NA" (what R and our readers take as missing). */
  nan?: string;
  /** Number formatting. Default String(value) (shortest exact representation). */
  formatNumber?: (value: number) => string;
}

/** One cell as it appears in a line: number formatted, formula-like text escaped, quoted when needed. */
function cell(v: CsvValue, delimiter: string, escape: boolean, nan: string, formatNumber: (value: number) => string): string {
  if (typeof v === "number") return Number.isNaN(v) ? nan : formatNumber(v);
  if (v === null || v === undefined) return "";
  let s = typeof v === "boolean" ? String(v) : v;
  if (escape && startsLikeFormula(s)) s = `'${s}`;
  // Fast path for the common cell that needs no quoting; csv-stringify decides every other one
  // (a property test checks that both agree).
  if (s.includes(delimiter) || /["\r\n]/.test(s)) return stringify([[s]], { delimiter, eof: false });
  return s;
}

/**
 * CSV text of `rows` (each an array of cells), one "\n"-terminated line per row. A cell is quoted
 * only when it holds the delimiter, a quote or a line break. Numbers are formatted before
 * quoting, so "-3" the number is data while "-3" the text is formula-escaped.
 */
export function toCsvRows(rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const nan = options.nan ?? "NA";
  const formatNumber = options.formatNumber ?? String;
  const escape = options.escapeFormulas ?? true;
  let out = "";
  for (const r of rows) {
    let line = "";
    for (let k = 0; k < r.length; k++) {
      if (k > 0) line += delimiter;
      line += cell(r[k], delimiter, escape, nan, formatNumber);
    }
    out += line + "\n";
  }
  return out;
}

/** The same text written by csv-stringify alone (the reference the fast path is tested against). */
export function toCsvRowsReference(rows: readonly (readonly string[])[], delimiter = ","): string {
  return stringify(rows as string[][], { delimiter, record_delimiter: "unix", eof: true });
}

/** CSV text with a header line. */
export function toCsv(header: readonly CsvValue[], rows: readonly (readonly CsvValue[])[], options: CsvOptions = {}): string {
  return toCsvRows([header, ...rows], options);
}

/** One CSV field as it appears in a line (quoted when needed, formula-escaped when text). */
export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  return toCsvRows([[value]], options).slice(0, -1);
}
