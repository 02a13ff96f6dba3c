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
