// Sample sheets: one row per condition (column of the matrix) with its time, group, replicate,
// subject and any other columns, in CSV or TSV. Times are converted to hours ("2h", "30 min",
// "1.5 d", or a number with a unit column or a unit in the header such as "time (min)").
// Every error names the line and column; matching against the matrix reports missing and extra
// ids instead of silently dropping them.
import { parse } from "csv-parse/sync";
import type { Condition } from "../types.ts";
import { InputError } from "../errors.ts";
import { DEFAULT_MISSING } from "./cells.ts";
import { checkId, printable } from "./ids.ts";
import { openSource } from "./source.ts";
import type { MatrixSource } from "./source.ts";

export interface SampleSheetRow extends Condition {
  /** 1-based line of the row in the file. */
  line: number;
}

export interface SampleSheet {
  delimiter: string;
  /** Header name of each recognised role, when present. */
  columns: { id: string; time?: string; unit?: string; group?: string; replicate?: string; subject?: string; label?: string };
  /** Header names kept as free text fields. */
  fieldColumns: string[];
  rows: SampleSheetRow[];
}

export interface SampleSheetOptions {
  /** Field delimiter. Default: tab, ";" or ",", whichever splits the header into the most fields. */
  delimiter?: string;
}

/** Time units and their length in hours (the same words as condition-id times, see parseTime). */
const UNIT_HOURS: Record<string, number> = {
  s: 1 / 3600, sec: 1 / 3600, secs: 1 / 3600, second: 1 / 3600, seconds: 1 / 3600,
  m: 1 / 60, min: 1 / 60, mins: 1 / 60, minute: 1 / 60, minutes: 1 / 60,
  h: 1, hr: 1, hrs: 1, hour: 1, hours: 1,
  d: 24, day: 24, days: 24,
  w: 168, wk: 168, week: 168, weeks: 168,
};
const CANONICAL: Record<number, string> = { [1 / 3600]: "s", [1 / 60]: "min", 1: "h", 24: "d", 168: "w" };

const ROLE_NAMES: Record<"id" | "time" | "unit" | "group" | "replicate" | "subject" | "label", string[]> = {
  id: ["id", "sample", "sample_id", "sampleid", "sample id", "condition", "condition_id", "conditionid", "condition id"],
  time: ["time", "timepoint", "time_point", "time point"],
  unit: ["unit", "time_unit", "timeunit", "time unit", "units"],
  group: ["group", "treatment", "genotype"],
  replicate: ["replicate", "rep", "replicate_id", "biological_replicate"],
  subject: ["subject", "subject_id", "patient", "patient_id", "donor", "individual", "animal"],
  label: ["label", "class", "phenotype"],
};

/** A time header that carries its unit: "time (min)", "time_h", "time [days]", "hours". */
function headerUnit(name: string): { isTime: boolean; unit?: string } {
  // Whitespace collapsed first, so the pattern has no two adjacent \s* (linear on any header).
  const n = name.trim().toLowerCase().replace(/\s+/g, " ");
  if (UNIT_HOURS[n] !== undefined && n.length > 1) return { isTime: true, unit: n };
  const m = /^(?:time|timepoint|time_point|time point) ?[_([ ] ?([a-z]+) ?[)\]]?$/.exec(n);
  if (m && UNIT_HOURS[m[1]!] !== undefined) return { isTime: true, unit: m[1]! };
  return { isTime: ROLE_NAMES.time.includes(n) };
}

const TIME_CELL = /^([+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)(?:[eE][+-]?\d+)?)\s*([a-zA-Z]*)$/;

/** Parse "2h", "30 min", "1,5 d", "12" (unit from `defaultUnit`, else hours). */
export function parseTimeCell(text: string, defaultUnit?: string): { hours: number; unit?: string } | undefined {
  const m = TIME_CELL.exec(text.trim());
  if (!m) return undefined;
  const unitText = (m[2] ?? "").toLowerCase() || defaultUnit?.toLowerCase();
  const value = Number(m[1]!.replace(",", "."));
  if (!Number.isFinite(value)) return undefined;
  if (unitText === undefined || unitText === "") return { hours: value };
  const factor = UNIT_HOURS[unitText];
  if (factor === undefined) return undefined;
  return { hours: value * factor, unit: CANONICAL[factor] ?? unitText };
}

function countOutside(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** Parse sample-sheet text (CSV or TSV). */
export function parseSampleSheet(text: string, options: SampleSheetOptions = {}): SampleSheet {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.indexOf("\n") < 0 ? body.length : body.indexOf("\n"));
  const delimiter =
    options.delimiter ??
    (["\t", ";", ","] as const).reduce<string>((best, d) => (countOutside(firstLine, d) > countOutside(firstLine, best) ? d : best), ",");
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(body, { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    if (typeof e.code === "string" && (e.code.startsWith("CSV_") || e.code.startsWith("INVALID_"))) {
      throw new InputError(`cannot parse the sample sheet: ${printable(e.message ?? e.code)}`, { line: typeof e.lines === "number" ? e.lines : 1 });
    }
    throw err;
  }
  if (records.length === 0) throw new InputError("empty sample sheet: no header row", { line: 1, column: 1 });
  // 1-based line where each record starts: after the previous record and any blank lines.
  const starts: number[] = [];
  let prevEnd = 0;
  let prevEmpty = 0;
  for (const { info } of records) {
    starts.push(prevEnd + 1 + (info.empty_lines - prevEmpty));
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
  }
  const header = records[0]!.record;
  const headerLine = starts[0]!;
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (h === "") throw new InputError("empty column name in the sample-sheet header", { line: headerLine, column: j + 1 });
    checkId(h, "column name", headerLine, j + 1);
    const key = h.toLowerCase();
    const prev = seen.get(key);
    if (prev !== undefined) throw new InputError(`duplicate column "${printable(h)}" (also column ${prev + 1})`, { line: headerLine, column: j + 1, field: h });
    seen.set(key, j);
  });

  // Roles by header name; the id column defaults to the first.
  const lower = header.map((h) => h.toLowerCase());
  const find = (role: keyof typeof ROLE_NAMES): number => lower.findIndex((h) => ROLE_NAMES[role].includes(h));
  let idCol = find("id");
  if (idCol < 0) idCol = 0;
  let timeCol = -1;
  let headerTimeUnit: string | undefined;
  lower.forEach((_, j) => {
    if (timeCol >= 0 || j === idCol) return;
    const u = headerUnit(header[j]!);
    if (u.isTime) {
      timeCol = j;
      headerTimeUnit = u.unit;
    }
  });
  const unitCol = find("unit");
  const roleCols = { group: find("group"), replicate: find("replicate"), subject: find("subject"), label: find("label") };
  const used = new Set([idCol, timeCol, unitCol, ...Object.values(roleCols)].filter((j) => j >= 0));
  const fieldCols = header.map((_, j) => j).filter((j) => !used.has(j));
  const columns: SampleSheet["columns"] = { id: header[idCol]! };
  if (timeCol >= 0) columns.time = header[timeCol]!;
  if (unitCol >= 0) columns.unit = header[unitCol]!;
  for (const [role, j] of Object.entries(roleCols) as [keyof typeof roleCols, number][]) if (j >= 0) columns[role] = header[j]!;

  const missing = new Set(DEFAULT_MISSING);
  const ids = new Map<string, number>();
  const rows: SampleSheetRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { record } = records[r]!;
    const line = starts[r]!;
    if (record.length > header.length && record.slice(header.length).some((c) => c !== "")) {
      throw new InputError(`row has ${record.length} fields but the header has ${header.length}`, { line, column: header.length + 1 });
    }
    const cell = (j: number): string => record[j] ?? "";
    const id = cell(idCol);
    if (id === "") throw new InputError("empty condition id", { line, column: idCol + 1, field: header[idCol]! });
    checkId(id, "condition id", line, idCol + 1);
    const earlier = ids.get(id);
    if (earlier !== undefined) {
      throw new InputError(`duplicate condition id "${printable(id)}" (first on line ${earlier})`, { line, column: idCol + 1, field: header[idCol]! });
    }
    ids.set(id, line);
    const row: SampleSheetRow = { id, line };
    if (timeCol >= 0 && !missing.has(cell(timeCol))) {
      let unit = headerTimeUnit;
      if (unitCol >= 0 && !missing.has(cell(unitCol))) {
        unit = cell(unitCol).toLowerCase();
        if (UNIT_HOURS[unit] === undefined) {
          throw new InputError(`unknown time unit "${printable(cell(unitCol))}" (use s, min, h, d or w)`, { line, column: unitCol + 1, field: header[unitCol]! });
        }
      }
      const t = parseTimeCell(cell(timeCol), unit);
      if (t === undefined) {
        throw new InputError(`cannot read a time from "${printable(cell(timeCol))}" (expected e.g. 2h, 30 min, 1.5 d, or a number)`, {
          line,
          column: timeCol + 1,
          field: header[timeCol]!,
        });
      }
      row.time = t.hours;
      if (t.unit !== undefined) row.timeUnit = t.unit;
    }
    for (const role of ["group", "replicate", "subject", "label"] as const) {
      const j = roleCols[role];
      if (j >= 0 && cell(j) !== "") row[role] = cell(j);
    }
    if (fieldCols.length > 0) row.fields = Object.fromEntries(fieldCols.map((j) => [header[j]!, cell(j)]));
    rows.push(row);
  }
  if (rows.length === 0) throw new InputError("the sample sheet has a header and no rows", { line: headerLine + 1, column: 1 });
  return { delimiter, columns, fieldColumns: fieldCols.map((j) => header[j]!), rows };
}

/** Read a sample sheet from a path or stream (gzip, binary and UTF-8 checks as for matrices). */
export async function readSampleSheet(source: MatrixSource, options: SampleSheetOptions = {}): Promise<SampleSheet> {
  const opened = await openSource(source);
  if (opened.kind !== "text") {
    opened.stream.destroy();
    throw new InputError("this is a ZIP archive or .xlsx workbook: save the sample sheet as CSV or tab-separated text", { line: 1, column: 1 });
  }
  const parts: Buffer[] = [];
  for await (const chunk of opened.stream) parts.push(chunk as Buffer);
  return parseSampleSheet(Buffer.concat(parts).toString("utf8"), options);
}

export interface SampleSheetMatch {
  /** The matrix's conditions, in matrix order, with the sheet's metadata merged in. */
  conditions: Condition[];
  /** Matrix condition ids with no row in the sheet. */
  missing: string[];
  /** Sheet ids that are not conditions of the matrix. */
  extra: string[];
  /** Likely spellings for missing ids: matrix id -> sheet id (case, spaces, R's "X" prefix). */
  suggestions: Record<string, string>;
}

const loose = (s: string): string => s.toLowerCase().replace(/[\s_.-]+/g, "");

/** Match sheet rows to the matrix's conditions by id (exact), reporting what does not match. */
export function matchSampleSheet(sheet: SampleSheet, conditions: readonly Condition[]): SampleSheetMatch {
  const byId = new Map(sheet.rows.map((r) => [r.id, r]));
  const matrixIds = new Set(conditions.map((c) => c.id));
  const missing: string[] = [];
  const merged = conditions.map((c) => {
    const row = byId.get(c.id);
    if (row === undefined) {
      missing.push(c.id);
      return { ...c };
    }
    const { line: _line, ...meta } = row;
    return { ...c, ...meta };
  });
  const extra = sheet.rows.map((r) => r.id).filter((id) => !matrixIds.has(id));
  const suggestions: Record<string, string> = {};
  if (missing.length > 0 && extra.length > 0) {
    const byLoose = new Map<string, string>();
    for (const id of extra) {
      byLoose.set(loose(id), id);
      if (/^x/i.test(id)) byLoose.set(loose(id.slice(1)), id);
    }
    for (const id of missing) {
      const hit = byLoose.get(loose(id)) ?? byLoose.get(loose(`x${id}`));
      if (hit !== undefined) suggestions[id] = hit;
    }
  }
  return { conditions: merged, missing, extra, suggestions };
}

/**
 * The matrix's conditions with the sheet's metadata; throws InputError when a condition has no
 * row (unless `allowMissing`) or the sheet names conditions the matrix lacks (unless `allowExtra`).
 */
export function applySampleSheet(
  sheet: SampleSheet,
  conditions: readonly Condition[],
  options: { allowMissing?: boolean; allowExtra?: boolean } = {},
): SampleSheetMatch {
  const match = matchSampleSheet(sheet, conditions);
  const list = (ids: string[]): string =>
    ids
      .slice(0, 10)
      .map((id) => `"${printable(id)}"${match.suggestions[id] ? ` (sheet has "${printable(match.suggestions[id])}")` : ""}`)
      .join(", ") + (ids.length > 10 ? `, and ${ids.length - 10} more` : "");
  if (match.missing.length > 0 && !options.allowMissing) {
    throw new InputError(`${match.missing.length} of ${conditions.length} matrix conditions have no row in the sample sheet: ${list(match.missing)}`, {
      field: sheet.columns.id,
    });
  }
  if (match.extra.length > 0 && !options.allowExtra) {
    const first = sheet.rows.find((r) => r.id === match.extra[0]);
    throw new InputError(`${match.extra.length} sample-sheet ids are not conditions of the matrix: ${list(match.extra)}`, {
      ...(first ? { line: first.line } : {}),
      field: sheet.columns.id,
    });
  }
  return match;
}

/**
 * The text of column `name` (its header, case-insensitive: a recognised role such as group or
 * label, or a free column) for each sample id; undefined when the sheet has no such column.
 */
export function sampleSheetColumn(sheet: SampleSheet, name: string): Map<string, string> | undefined {
  const want = name.toLowerCase();
  const roles = ["time", "unit", "group", "replicate", "subject", "label"] as const;
  const role = roles.find((r) => sheet.columns[r]?.toLowerCase() === want);
  const field = sheet.fieldColumns.find((f) => f.toLowerCase() === want);
  if (!role && !field && sheet.columns.id.toLowerCase() !== want) return undefined;
  const out = new Map<string, string>();
  for (const row of sheet.rows) {
    let v: string | number | undefined;
    if (sheet.columns.id.toLowerCase() === want) v = row.id;
    else if (role === "time") v = row.time;
    else if (role === "unit") v = row.timeUnit;
    else if (role) v = row[role];
    else v = row.fields?.[field!];
    out.set(row.id, v === undefined ? "" : String(v));
  }
  return out;
}

/** Every column a sample sheet has, by header (the id column first). */
export function sampleSheetColumnNames(sheet: SampleSheet): string[] {
  const roles = ["time", "unit", "group", "replicate", "subject", "label"] as const;
  return [sheet.columns.id, ...roles.flatMap((r) => (sheet.columns[r] ? [sheet.columns[r]] : [])), ...sheet.fieldColumns];
}
