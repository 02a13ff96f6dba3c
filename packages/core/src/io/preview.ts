// A preview of a matrix file before importing it: what was detected (format, delimiter, decimal
// mark, gzip), the first raw lines as cells, and the first rows as the reader parses them, or the
// first error with its line and column. For an upload form's "is this what you meant?" step.
import { Readable } from "node:stream";
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.ts";
import { detectDialect } from "./detect.ts";
import { parseMatrixRows } from "./parse-rows.ts";
import { openSource } from "./source.ts";
import type { MatrixSource } from "./source.ts";
import type { MatrixFormat, ReadMatrixOptions } from "./types.ts";
import { xlsxRecords } from "./xlsx.ts";

export interface PreviewOptions extends ReadMatrixOptions {
  /** Data rows parsed and raw lines shown (after the header). Default 10. */
  rows?: number;
  /** Bytes read from a stream (a path is read as needed; an .xlsx is always read whole). Default 8 MB. */
  maxBytes?: number;
}

export interface MatrixPreview {
  format: MatrixFormat | null;
  gzip: boolean;
  /** Field delimiter ("" for xlsx). */
  delimiter: string;
  decimal: "." | ",";
  /** The first lines of the file split into cells (the header line first), as found in the file. */
  lines: string[][];
  /** From the parsed header, when it could be read. */
  header: { geneColumn: string; conditions: string[]; annotationColumns: string[]; times: (number | null)[] } | null;
  /** The first data rows as parsed (values: null = missing). */
  rows: { line: number; gene: string; values: (number | null)[]; annotations: string[] }[];
  /** Ids among the previewed ones that start like a spreadsheet formula (flagged for export). */
  formulaLikeIds: string[];
  /** The first problem met while reading the previewed rows, if any. */
  error: { message: string; line?: number; column?: number; field?: string } | null;
}

async function collect(stream: NodeJS.ReadableStream, maxBytes: number): Promise<{ buffer: Buffer; truncated: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  let zip: boolean | undefined;
  for await (const chunk of stream as AsyncIterable<Buffer | string>) {
    const b = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    parts.push(b);
    size += b.length;
    if (zip === undefined && size >= 4) {
      const h = Buffer.concat(parts);
      zip = h[0] === 0x50 && h[1] === 0x4b;
    }
    if (!zip && size >= maxBytes) return { buffer: Buffer.concat(parts, size), truncated: true };
  }
  return { buffer: Buffer.concat(parts, size), truncated: false };
}

function errorInfo(err: unknown, truncated: boolean): MatrixPreview["error"] {
  if (err instanceof InputError) return { message: err.message, ...err.location };
  // A stream cut at maxBytes may end inside a gzip block or a quoted cell: not the file's fault.
  if (truncated) return { message: `the preview read only the first part of the file and could not parse past it` };
  throw err;
}

/** Preview a matrix file: detection, the first lines and rows, or the first error. Never throws on bad input. */
export async function previewMatrix(source: MatrixSource | Uint8Array, options: PreviewOptions = {}): Promise<MatrixPreview> {
  const nRows = Math.max(1, options.rows ?? 10);
  const { buffer, truncated } =
    source instanceof Uint8Array
      ? { buffer: Buffer.from(source.buffer, source.byteOffset, source.byteLength), truncated: false }
      : typeof source === "string"
        ? { buffer: undefined, truncated: false }
        : await collect(source, options.maxBytes ?? 8 * 1024 * 1024);
  const path = typeof source === "string" ? source : undefined;
  // A path is opened again (streamed); a stream's bytes were collected once and are replayed.
  const again = (): MatrixSource => path ?? Readable.from([buffer!]);
  const preview: MatrixPreview = {
    format: null,
    gzip: false,
    delimiter: "",
    decimal: ".",
    lines: [],
    header: null,
    rows: [],
    formulaLikeIds: [],
    error: null,
  };
  try {
    const opened = await openSource(again());
    preview.gzip = opened.gzip;
    if (opened.kind === "xlsx") {
      preview.format = "xlsx";
      const it = xlsxRecords(opened.stream, options.sheet);
      for await (const rec of it) {
        preview.lines.push(rec.fields);
        if (preview.lines.length > nRows) break;
      }
    } else {
      const d = detectDialect(opened.headLines, path);
      preview.format = options.format ?? d.format;
      preview.delimiter = options.delimiter ?? d.delimiter;
      preview.decimal = options.decimal ?? d.decimal;
      opened.stream.destroy();
      const text = opened.headLines.slice(0, nRows + 1).join("\n");
      preview.lines = parse(text, { delimiter: preview.delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
    }
  } catch (err) {
    preview.error = errorInfo(err, truncated);
    return preview;
  }
  try {
    const events = parseMatrixRows(again(), options);
    for await (const ev of events) {
      if (ev.type === "header") {
        preview.format = ev.format;
        preview.delimiter = ev.delimiter;
        preview.decimal = ev.decimal;
        preview.header = {
          geneColumn: ev.geneColumn,
          conditions: ev.conditions.map((c) => c.id),
          annotationColumns: ev.annotationColumns,
          times: ev.conditions.map((c) => c.time ?? null),
        };
        preview.formulaLikeIds.push(...ev.formulaLikeConditions);
        continue;
      }
      preview.rows.push({
        line: ev.line,
        gene: ev.gene,
        values: Array.from(ev.values, (v) => (Number.isNaN(v) ? null : v)),
        annotations: ev.annotations,
      });
      if (ev.formulaLike) preview.formulaLikeIds.push(ev.gene);
      if (preview.rows.length >= nRows) break;
    }
  } catch (err) {
    if (!(truncated && preview.rows.length >= nRows)) preview.error = errorInfo(err, truncated);
  }
  return preview;
}
