// Class labels per sample from a sample sheet (CSV/TSV: sample id in the first column, one
// header row), aligned to the matrix's samples, and the class balance a result reports.
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { parse } from "csv-parse/sync";
import { InputError } from "../errors.ts";

/** Cells read as "no label" (the sample is left out of training and evaluation). */
const MISSING_LABEL = new Set(["", "na", "nan", "null", "none", "?"]);

export interface SampleSheet {
  /** Header of every column (the first is the sample id column). */
  columns: string[];
  /** Sample id -> row of cells (without the id), in file order. */
  rows: Map<string, string[]>;
}

interface Info {
  lines: number;
}

/** Parses a sample sheet; errors name the line and column. */
export function parseSampleSheet(text: string, source = "sample sheet"): SampleSheet {
  const firstLine = text.slice(0, text.indexOf("\n") >>> 0);
  const delimiter = firstLine.includes("\t") ? "\t" : firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  let records: { record: string[]; info: Info }[];
  try {
    records = parse(text, { delimiter, info: true, skip_empty_lines: true, trim: true, bom: true }) as unknown as { record: string[]; info: Info }[];
  } catch (err) {
    const e = err as { code?: string; lines?: number; message?: string };
    throw new InputError(`${source}: cannot parse: ${e.message ?? String(err)}`, { ...(typeof e.lines === "number" ? { line: e.lines } : {}) });
  }
  if (records.length === 0) throw new InputError(`${source} is empty`, { line: 1 });
  const columns = records[0]!.record;
  if (columns.length < 2) throw new InputError(`${source} needs a sample id column and at least one label column`, { line: 1 });
  const rows = new Map<string, string[]>();
  for (const { record, info } of records.slice(1)) {
    const id = record[0]!;
    if (id === "") throw new InputError(`${source}: empty sample id`, { line: info.lines, column: 1, field: columns[0] });
    if (rows.has(id)) throw new InputError(`${source}: sample "${id}" appears twice`, { line: info.lines, column: 1, field: columns[0] });
    rows.set(id, record.slice(1));
  }
  return { columns, rows };
}

/** Reads a sample sheet from a file (.gz allowed). */
export async function readSampleSheet(path: string): Promise<SampleSheet> {
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
  }
  const text = path.endsWith(".gz") ? gunzipSync(buf).toString("utf8") : buf.toString("utf8");
  return parseSampleSheet(text, path);
}

export interface AlignedLabels {
  /** Per matrix sample, its class or null (not in the sheet, or an empty/NA cell). */
  labels: (string | null)[];
  /** Sheet samples that are not columns of the matrix. */
  unmatched: string[];
}

/**
 * The class of every matrix sample from the sheet's column `labelColumn` (its header, or a
 * 1-based column number). Throws when no matrix sample is in the sheet.
 */
export function labelsFromSheet(sheet: SampleSheet, sampleIds: readonly string[], labelColumn: string): AlignedLabels {
  let col = sheet.columns.indexOf(labelColumn);
  if (col < 0 && /^\d+$/.test(labelColumn)) col = Number(labelColumn) - 1;
  if (col < 1 || col >= sheet.columns.length) {
    throw new InputError(`no label column "${labelColumn}"; columns: ${sheet.columns.slice(1).join(", ")}`, { field: "label-column" });
  }
  const ids = new Set(sampleIds);
  const labels = sampleIds.map((id) => {
    const row = sheet.rows.get(id);
    if (!row) return null;
    const cell = row[col - 1] ?? "";
    return MISSING_LABEL.has(cell.toLowerCase()) ? null : cell;
  });
  if (labels.every((l) => l === null) && ![...sheet.rows.keys()].some((id) => ids.has(id))) {
    throw new InputError(
      `no sample of the matrix is in the sample sheet (matrix: ${sampleIds.slice(0, 3).join(", ")}…, sheet: ${[...sheet.rows.keys()].slice(0, 3).join(", ")}…)`,
      { field: sheet.columns[0] },
    );
  }
  return { labels, unmatched: [...sheet.rows.keys()].filter((id) => !ids.has(id)) };
}

export interface ClassCount {
  class: string;
  count: number;
  fraction: number;
}

/** Samples per class (labelled samples only), classes sorted by name. */
export function classBalance(labels: readonly (string | null)[]): ClassCount[] {
  const counts = new Map<string, number>();
  for (const l of labels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  return [...counts.keys()].sort().map((c) => ({ class: c, count: counts.get(c)!, fraction: counts.get(c)! / total }));
}
