// Format and delimiter detection from the first line, with the file extension as a fallback.
import type { MatrixFormat } from "./types.ts";

export interface DetectedFormat {
  format: MatrixFormat;
  delimiter: string;
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** The format named by a file extension (ignoring a trailing .gz), if any. */
export function formatFromPath(path: string): MatrixFormat | undefined {
  const p = path.toLowerCase().replace(/\.gz$/, "");
  if (p.endsWith(".gct")) return "gct";
  if (p.endsWith("series_matrix.txt")) return "geo-series-matrix";
  if (p.endsWith(".tsv") || p.endsWith(".tab") || p.endsWith(".txt")) return "tsv";
  if (p.endsWith(".csv")) return "csv";
  return undefined;
}

/**
 * Detect the format from the first line of the (decompressed) file: "#1.2" = GCT, a line
 * starting with "!" = GEO series matrix; otherwise tab vs comma vs semicolon, whichever splits
 * the header into more fields (outside quotes). When the line has none of them, the
 * extension of `path` decides, else CSV.
 */
export function detectFormat(firstLine: string, path?: string): DetectedFormat {
  const line = firstLine.replace(/^\uFEFF/, "");
  if (/^#1\.[0-9]/.test(line)) return { format: "gct", delimiter: "\t" };
  if (line.startsWith("!")) return { format: "geo-series-matrix", delimiter: "\t" };
  const tabs = countOutsideQuotes(line, "\t");
  const commas = countOutsideQuotes(line, ",");
  const semis = countOutsideQuotes(line, ";");
  if (tabs > 0 && tabs >= commas && tabs >= semis) return { format: "tsv", delimiter: "\t" };
  if (commas > 0 && commas >= semis) return { format: "csv", delimiter: "," };
  if (semis > 0) return { format: "csv", delimiter: ";" };
  const ext = path === undefined ? undefined : formatFromPath(path);
  if (ext === "tsv" || ext === "gct" || ext === "geo-series-matrix") return { format: ext, delimiter: "\t" };
  return { format: "csv", delimiter: "," };
}

/** Field delimiter, decimal mark and format detected from the first lines. */
export interface Dialect extends DetectedFormat {
  /** Decimal mark of numeric cells: "." or "," (Excel in many countries, with ";" or tab). */
  decimal: "." | ",";
  /**
   * Set when the decimal mark cannot be told from the sample: every comma-number has exactly
   * three digits after the comma ("1,234"), which may be a decimal comma or a thousands separator.
   */
  ambiguousDecimal?: string;
}

function splitSimple(line: string, d: string): string[] {
  return line.split(d).map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  });
}

const COMMA_NUMBER = /^[+-]?(?:\d+,\d*|,\d+)(?:[eE][+-]?\d+)?$/;
const DOT_NUMBER = /^[+-]?(?:\d+\.\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Detect format, delimiter and decimal mark from the first lines (header + a sample of rows).
 * Delimiter: among tab, ";" and ",", the one that splits the header and every sampled row into
 * the same number of fields (the header may have one field less, as R writes it); the most
 * fields wins, tab before "," before ";". Without such a candidate, the header alone decides as
 * in detectFormat. Decimal mark: "," when the delimiter is not a comma and cells such as "1,5"
 * outnumber cells such as "1.5" (and "." otherwise); with a tab delimiter and only "d,ddd" cells
 * the mark is ambiguous and reported, never guessed.
 */
export function detectDialect(lines: readonly string[], path?: string): Dialect {
  const first = (lines[0] ?? "").replace(/^\uFEFF/, "");
  const base = detectFormat(first, path);
  if (base.format === "gct" || base.format === "geo-series-matrix") return { ...base, decimal: "." };
  const rows = lines.slice(1, 30).filter((l) => l.trim() !== "");
  let best: { delimiter: string; fields: number } | undefined;
  // Ties go to the earlier candidate: tab, then comma (plain CSV), then semicolon.
  for (const d of ["\t", ",", ";"]) {
    const h = countOutsideQuotes(first, d);
    if (h === 0 || rows.length === 0) continue;
    const consistent = rows.every((r) => {
      const c = countOutsideQuotes(r, d);
      return c === h || c === h + 1;
    });
    if (consistent && (best === undefined || h + 1 > best.fields)) best = { delimiter: d, fields: h + 1 };
  }
  const delimiter = best?.delimiter ?? base.delimiter;
  const format = delimiter === "\t" ? "tsv" : "csv";
  if (delimiter === ",") return { format, delimiter, decimal: "." };
  let commas = 0;
  let dots = 0;
  let threeDigitCommas = 0;
  for (const r of rows) {
    const cells = splitSimple(r, delimiter);
    for (let j = 1; j < cells.length; j++) {
      const c = cells[j]!;
      if (COMMA_NUMBER.test(c)) {
        commas++;
        const frac = /,(\d*)/.exec(c)![1]!;
        if (frac.length === 3 && /^[+-]?\d{1,3},/.test(c)) threeDigitCommas++;
      } else if (DOT_NUMBER.test(c)) dots++;
    }
  }
  if (commas === 0 || commas < dots) return { format, delimiter, decimal: "." };
  const dialect: Dialect = { format, delimiter, decimal: "," };
  if (delimiter === "\t" && threeDigitCommas === commas) {
    dialect.ambiguousDecimal = `every comma-number in the first rows looks like "1,234": a decimal comma (1.234) or a thousands separator (1234)?`;
  }
  return dialect;
}
