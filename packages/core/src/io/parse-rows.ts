// Streaming matrix reader: one header event, then one event per gene row. Everything is
// validated here (ragged rows, non-numeric cells, duplicate/empty gene ids) so consumers such
// as the API importer can stream rows into a database without building the matrix.
import { pipeline } from "node:stream";
import { parse } from "csv-parse";
import type { Parser } from "csv-parse";
import type { Condition } from "../types.ts";
import { InputError } from "../errors.ts";
import { DEFAULT_MISSING, NOT_NUMERIC, isMissingCell, isTextCell, parseCell, parseTime } from "./cells.ts";
import { detectDialect } from "./detect.ts";
import { checkFloat32, checkId, printable } from "./ids.ts";
import { openSource } from "./source.ts";
import { xlsxRecords } from "./xlsx.ts";
import type { MatrixSource } from "./source.ts";
import type { MatrixDataEvent, MatrixFormat, MatrixHeaderEvent, MatrixRowEvent, ReadMatrixOptions } from "./types.ts";

interface Rec {
  fields: string[];
  /** 1-based line where the record starts. */
  line: number;
}

interface ParserInfo {
  lines: number;
  empty_lines: number;
}

/** Records from csv-parse with the 1-based line where each record starts. */
async function* records(parser: Parser): AsyncGenerator<Rec> {
  let prevEnd = 0;
  let prevEmpty = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: ParserInfo }>) {
      const { record, info } = item;
      const line = prevEnd + 1 + (info.empty_lines - prevEmpty);
      prevEnd = info.lines;
      prevEmpty = info.empty_lines;
      yield { fields: record, line };
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as { code?: unknown; lines?: unknown; message?: string };
    if (typeof e.code === "string" && (e.code.startsWith("CSV_") || e.code.startsWith("INVALID_"))) {
      throw new InputError(`cannot parse the file: ${printable(e.message ?? e.code)}`, {
        line: typeof e.lines === "number" ? e.lines : undefined,
      });
    }
    throw err;
  }
}

const GEO_BEGIN = "!series_matrix_table_begin";
const GEO_END = "!series_matrix_table_end";

interface TableContext {
  format: MatrixFormat;
  gzip: boolean;
  delimiter: string;
  decimal: "." | ",";
  header: Rec;
  rest: AsyncIterator<Rec>;
  options: ReadMatrixOptions;
  /** Annotation columns fixed by the format (GCT Description). */
  formatAnnotations?: number[];
  expectedRows?: number;
  /** Per-condition labels / time text from file metadata (GEO), aligned with header columns 1... */
  metaFor?: (conditionId: string, position: number) => { label?: string; timeText?: string[] };
  seriesMetadata?: Record<string, string[]>;
  sampleMetadata?: Record<string, string[]>;
}

function fieldName(header: string[], col: number): string | undefined {
  return header[col];
}

/**
 * Stream a matrix file as events: first `{ type: "header" }`, then `{ type: "row" }` per gene.
 * `source` is a path or a readable stream (gzip detected by magic bytes). Throws InputError
 * with line/column/field on any malformed input; rows before the error have been yielded.
 */
export async function* parseMatrixRows(
  source: MatrixSource,
  options: ReadMatrixOptions = {},
): AsyncGenerator<MatrixRowEvent, void, undefined> {
  const opened = await openSource(source);
  if (opened.kind === "xlsx") {
    const it = xlsxRecords(opened.stream, options.sheet);
    try {
      const first = await it.next();
      if (first.done) throw new InputError("the worksheet is empty: no header row", { line: 1, column: 1 });
      yield* table({ format: "xlsx", gzip: opened.gzip, delimiter: "", decimal: ".", header: first.value, rest: it, options });
    } finally {
      await it.return(undefined);
      opened.stream.destroy();
    }
    return;
  }
  const detected = detectDialect(opened.headLines, opened.path);
  const format = options.format ?? detected.format;
  if (format === "xlsx") throw new InputError("format xlsx was forced but the file is text, not a workbook", { field: "format" });
  const delimiter =
    options.delimiter ?? (format === "gct" || format === "geo-series-matrix" ? "\t" : format === detected.format ? detected.delimiter : format === "tsv" ? "\t" : ",");
  let decimal: "." | "," = options.decimal ?? (delimiter === detected.delimiter ? detected.decimal : ".");
  if (delimiter === "," && decimal === ",") {
    throw new InputError('a comma cannot be both the delimiter and the decimal mark: pass delimiter ";" or tab', { field: "decimal" });
  }
  if (options.decimal === undefined && detected.ambiguousDecimal !== undefined && delimiter === detected.delimiter) {
    throw new InputError(`cannot tell the decimal mark: ${detected.ambiguousDecimal} Pass decimal "," or "." explicitly.`, {
      line: 2,
      field: "decimal",
    });
  }
  if (format === "gct" || format === "geo-series-matrix") decimal = options.decimal ?? ".";
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
  });
  pipeline(opened.stream, parser, () => {
    /* errors surface through the parser's iterator */
  });
  const it = records(parser);
  try {
    if (format === "gct") yield* gct(it, opened.gzip, options);
    else if (format === "geo-series-matrix") yield* geo(it, opened.gzip, options);
    else {
      const first = await it.next();
      if (first.done) throw new InputError("empty file: no header row", { line: 1, column: 1 });
      yield* table({ format, gzip: opened.gzip, delimiter, decimal, header: first.value, rest: it, options });
    }
  } finally {
    await it.return(undefined);
    parser.destroy();
    opened.stream.destroy();
  }
}

async function* gct(it: AsyncGenerator<Rec>, gzip: boolean, options: ReadMatrixOptions): AsyncGenerator<MatrixRowEvent> {
  const version = await it.next();
  if (version.done) throw new InputError("empty file", { line: 1, column: 1 });
  if (!/^#1\.\d/.test(version.value.fields[0] ?? "")) {
    throw new InputError(`GCT files start with "#1.2", got "${printable(version.value.fields[0] ?? "")}"`, { line: version.value.line, column: 1 });
  }
  const dims = await it.next();
  if (dims.done) throw new InputError("GCT file has no dimensions line", { line: version.value.line + 1, column: 1 });
  const rows = Number(dims.value.fields[0]);
  const cols = Number(dims.value.fields[1]);
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 0) {
    throw new InputError(`GCT dimensions line must be "<rows><TAB><columns>", got "${printable(dims.value.fields.join("\t"))}"`, {
      line: dims.value.line,
      column: Number.isInteger(rows) && rows >= 0 ? 2 : 1,
    });
  }
  const header = await it.next();
  if (header.done) throw new InputError("GCT file has no header row", { line: dims.value.line + 1, column: 1 });
  const h = header.value.fields;
  while (h.length > 2 && h[h.length - 1] === "" && h.length - 2 > cols) h.pop();
  if (h.length < 2 || (h[1] ?? "").toLowerCase() !== "description") {
    throw new InputError(`GCT header must start with Name, Description; got "${printable(h.slice(0, 2).join("\t"))}"`, {
      line: header.value.line,
      column: 2,
      field: printable(h[1] ?? ""),
    });
  }
  if (h.length - 2 !== cols) {
    throw new InputError(`GCT dimensions line says ${cols} samples but the header has ${h.length - 2}`, {
      line: header.value.line,
      column: Math.min(h.length, cols + 2) + 1,
    });
  }
  yield* table({
    format: "gct",
    gzip,
    delimiter: "\t",
    decimal: ".",
    header: { fields: h, line: header.value.line },
    rest: it,
    options,
    formatAnnotations: [1],
    expectedRows: rows,
  });
}

async function* geo(it: AsyncGenerator<Rec>, gzip: boolean, options: ReadMatrixOptions): AsyncGenerator<MatrixRowEvent> {
  const seriesMetadata: Record<string, string[]> = {};
  const sampleMetadata: Record<string, string[]> = {};
  let characteristics: string[][] = [];
  let lastLine = 0;
  let began = false;
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    const { fields, line } = r.value;
    lastLine = line;
    const key = fields[0] ?? "";
    if (key.toLowerCase() === GEO_BEGIN) {
      began = true;
      break;
    }
    if (!key.startsWith("!")) {
      throw new InputError(`unexpected data before "${GEO_BEGIN}": "${printable(key)}"`, { line, column: 1 });
    }
    const values = fields.slice(1);
    if (key.startsWith("!Series_")) {
      const k = key.slice("!Series_".length);
      (seriesMetadata[k] ??= []).push(...values);
    } else if (key.startsWith("!Sample_")) {
      const k = key.slice("!Sample_".length);
      if (k.startsWith("characteristics")) {
        characteristics = values.map((v, i) => [...(characteristics[i] ?? []), v].filter((x) => x !== ""));
      }
      const prev = sampleMetadata[k];
      sampleMetadata[k] = prev === undefined ? values : values.map((v, i) => (prev[i] ? (v ? `${prev[i]}; ${v}` : prev[i]!) : v));
    }
  }
  if (!began) throw new InputError(`GEO series matrix has no "${GEO_BEGIN}" line`, { line: lastLine + 1, column: 1 });
  const header = await it.next();
  if (header.done || (header.value.fields[0] ?? "").toLowerCase() === GEO_END) {
    throw new InputError("GEO series matrix table has no header row (ID_REF ...)", {
      line: header.done ? lastLine + 1 : header.value.line,
      column: 1,
    });
  }
  const accessions = sampleMetadata["geo_accession"];
  const titles = sampleMetadata["title"];
  const metaFor = (id: string, position: number): { label?: string; timeText?: string[] } => {
    let idx = accessions ? accessions.indexOf(id) : -1;
    if (idx < 0) idx = position;
    const chars = characteristics[idx] ?? [];
    const title = titles?.[idx];
    const label = chars.length > 0 ? chars.join("; ") : title || undefined;
    const timeText: string[] = [];
    for (const c of chars) {
      const m = /^\s*(?:time|time ?point|timepoint|hours?|age)[^:]*:\s*(.+)$/i.exec(c);
      if (m) timeText.push(m[1]!);
    }
    if (title) timeText.push(title);
    return label === undefined ? { timeText } : { label, timeText };
  };
  // Rows end at "!series_matrix_table_end" (or at the end of the file). Any other "!" line inside
  // the table is an error rather than a silent end: a gene id may not start with "!".
  async function* tableRows(): AsyncGenerator<Rec> {
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      const first = r.value.fields[0] ?? "";
      if (first.toLowerCase() === GEO_END) return;
      if (first.startsWith("!")) {
        throw new InputError(`unexpected "${printable(first.slice(0, 40))}" line inside the table (before "${GEO_END}")`, { line: r.value.line, column: 1 });
      }
      yield r.value;
    }
  }
  yield* table({
    format: "geo-series-matrix",
    gzip,
    delimiter: "\t",
    decimal: ".",
    header: header.value,
    rest: tableRows(),
    options,
    metaFor,
    seriesMetadata,
    sampleMetadata,
  });
}

async function* table(ctx: TableContext): AsyncGenerator<MatrixRowEvent> {
  const { options, rest } = ctx;
  const missing = new Set(options.missingValues ?? DEFAULT_MISSING);
  const sampleSize = Math.max(1, options.annotationSampleRows ?? 200);
  const headerLine = ctx.header.line;
  let header = ctx.header.fields.map((f) => f.trim());

  // Look-ahead window for annotation detection (and the R-style header check).
  const buffered: Rec[] = [];
  let exhausted = false;
  while (buffered.length < sampleSize) {
    const r = await rest.next();
    if (r.done) {
      exhausted = true;
      break;
    }
    buffered.push(r.value);
  }
  if (buffered.length === 0) {
    throw new InputError(`no data rows: the file has a header (line ${headerLine}) and nothing else`, {
      line: headerLine + 1,
      column: 1,
    });
  }
  // R's write.table writes no header cell above the row names: accept header = fields - 1.
  if ((ctx.format === "csv" || ctx.format === "tsv") && buffered[0]!.fields.length === header.length + 1) {
    header = ["", ...header];
  }
  const geneColumn = header[0] || "gene";
  checkId(geneColumn, "column name", headerLine, 1);
  for (let j = 1; j < header.length; j++) {
    if (header[j] === "") {
      throw new InputError("empty column name in the header", { line: headerLine, column: j + 1 });
    }
    checkId(header[j]!, "condition id", headerLine, j + 1);
  }
  const seen = new Map<string, number>();
  for (let j = 1; j < header.length; j++) {
    const name = header[j]!;
    const prev = seen.get(name);
    if (prev !== undefined) {
      throw new InputError(`duplicate column name "${printable(name)}" (also column ${prev + 1})`, { line: headerLine, column: j + 1, field: name });
    }
    seen.set(name, j);
  }

  // Annotation columns.
  const isAnnotation = new Array<boolean>(header.length).fill(false);
  let annotationSource: MatrixHeaderEvent["annotationSource"] = "auto";
  for (const j of ctx.formatAnnotations ?? []) {
    isAnnotation[j] = true;
    annotationSource = "format";
  }
  if (options.annotationColumns) {
    annotationSource = "explicit";
    for (const name of options.annotationColumns) {
      const j = seen.get(name);
      if (j === undefined) {
        throw new InputError(`annotation column "${printable(name)}" is not in the header`, { line: headerLine, field: name });
      }
      isAnnotation[j] = true;
    }
  } else if (ctx.formatAnnotations === undefined) {
    for (let j = 1; j < header.length; j++) {
      let nonMissing = 0;
      let allText = true;
      for (const rec of buffered) {
        const cell = rec.fields[j];
        if (cell === undefined || isMissingCell(cell, missing)) continue;
        nonMissing++;
        if (!isTextCell(cell, missing, ctx.decimal === ",")) {
          allText = false;
          break;
        }
      }
      if (nonMissing > 0 && allText) isAnnotation[j] = true;
    }
  }
  const numericCols: number[] = [];
  const annotationCols: number[] = [];
  for (let j = 1; j < header.length; j++) (isAnnotation[j] ? annotationCols : numericCols).push(j);
  if (numericCols.length === 0) {
    throw new InputError(
      header.length <= 1
        ? "no numeric columns: the header has only the gene id column"
        : `no numeric columns: every column after the gene id is non-numeric (${printable(annotationCols.map((j) => header[j]).join(", "))})`,
      { line: headerLine, column: 2, field: header[1] },
    );
  }

  // Conditions, labels and times.
  const conditions: Condition[] = numericCols.map((j, k) => {
    const c: Condition = { id: header[j]! };
    const meta = ctx.metaFor?.(c.id, k);
    if (meta?.label !== undefined) c.label = meta.label;
    return c;
  });
  if (options.times) {
    if (options.times.length !== conditions.length) {
      throw new InputError(`times has ${options.times.length} values but the file has ${conditions.length} conditions`, { field: "times" });
    }
    options.times.forEach((t, k) => {
      if (!Number.isFinite(t)) throw new InputError(`time ${k + 1} is not a finite number`, { field: "times" });
      conditions[k]!.time = t;
    });
  } else if (options.parseTimes) {
    conditions.forEach((c, k) => {
      const texts = [...(ctx.metaFor?.(c.id, k).timeText ?? []), c.id];
      let t: number | undefined;
      for (const text of texts) {
        t = parseTime(text);
        if (t !== undefined) break;
      }
      if (t === undefined) {
        throw new InputError(`cannot read a time from condition "${printable(c.id)}" (expected e.g. t0, 2h, 30min, 0.5)`, {
          line: headerLine,
          column: numericCols[k]! + 1,
          field: c.id,
        });
      }
      c.time = t;
    });
  }

  const headerEvent: MatrixHeaderEvent = {
    type: "header",
    format: ctx.format,
    gzip: ctx.gzip,
    delimiter: ctx.delimiter,
    geneColumn,
    conditions,
    annotationColumns: annotationCols.map((j) => header[j]!),
    annotationSource,
    decimal: ctx.decimal,
    formulaLikeConditions: conditions.filter((c) => checkId(c.id, "condition id", headerLine, 1)).map((c) => c.id),
  };
  if (ctx.expectedRows !== undefined) headerEvent.expectedRows = ctx.expectedRows;
  if (ctx.seriesMetadata) headerEvent.seriesMetadata = ctx.seriesMetadata;
  if (ctx.sampleMetadata) headerEvent.sampleMetadata = ctx.sampleMetadata;
  yield headerEvent;

  // Rows.
  const width = header.length;
  const nNum = numericCols.length;
  const numIdx = Int32Array.from(numericCols);
  const geneLines = new Map<string, number>();
  let count = 0;
  let lastLine = headerLine;
  const decimalComma = ctx.decimal === ",";
  const spreadsheet = ctx.format === "xlsx";
  const notNumber = (raw: string): string => {
    const shown = printable(raw.trim());
    if (decimalComma && raw.includes(".")) {
      return `"${shown}" is not a number in this file, which uses a decimal comma: a dot is read as neither a decimal mark nor a thousands separator`;
    }
    if (!decimalComma && /^\s*[+-]?\d*,\d/.test(raw)) {
      return `"${shown}" is not a number: a comma as decimal mark or thousands separator? For a decimal comma use ";" or tab as delimiter (or pass decimal ",")`;
    }
    return `"${shown}" is not a number`;
  };
  const rowEvent = (rec: Rec): MatrixDataEvent => {
    const { line } = rec;
    let fields = rec.fields;
    // Spreadsheets do not store empty trailing cells: they are missing values.
    if (spreadsheet && fields.length < width) fields = [...fields, ...new Array<string>(width - fields.length).fill("")];
    if (fields.length !== width) {
      const col = Math.min(fields.length, width) + 1;
      throw new InputError(
        `ragged row: expected ${width} fields (as in the header), got ${fields.length}`,
        fieldName(header, col - 1) === undefined ? { line, column: col } : { line, column: col, field: header[col - 1]! },
      );
    }
    const gene = fields[0]!.trim();
    if (gene === "") throw new InputError("empty gene id", { line, column: 1, field: geneColumn });
    const formulaLike = checkId(gene, "gene id", line, 1, geneColumn);
    const earlier = geneLines.get(gene);
    if (earlier !== undefined) {
      throw new InputError(`duplicate gene id "${printable(gene)}" (first seen on line ${earlier})`, { line, column: 1, field: geneColumn });
    }
    geneLines.set(gene, line);
    const values = new Float64Array(nNum);
    let miss = 0;
    for (let k = 0; k < nNum; k++) {
      const j = numIdx[k]!;
      const raw = fields[j]!;
      const v = parseCell(raw, missing, decimalComma);
      if (v === NOT_NUMERIC) throw new InputError(notNumber(raw), { line, column: j + 1, field: header[j]! });
      if (v !== v) miss++;
      else checkFloat32(v, raw, line, j + 1, header[j]!);
      values[k] = v;
    }
    const annotations = annotationCols.map((j) => fields[j]!);
    const event: MatrixDataEvent = { type: "row", line, gene, values, annotations, missing: miss };
    if (formulaLike) event.formulaLike = true;
    return event;
  };

  for (const rec of buffered) {
    count++;
    lastLine = rec.line;
    yield rowEvent(rec);
  }
  buffered.length = 0;
  if (!exhausted) {
    for (;;) {
      const r = await rest.next();
      if (r.done) break;
      count++;
      lastLine = r.value.line;
      yield rowEvent(r.value);
    }
  }
  if (ctx.expectedRows !== undefined && count !== ctx.expectedRows) {
    throw new InputError(`the dimensions line announces ${ctx.expectedRows} rows but the file has ${count}`, {
      line: lastLine + 1,
      column: 1,
    });
  }
}
