// Class labels per sample from a sample sheet (core's one sample-sheet reader, src/io), aligned to
// the matrix's samples, and the class balance a result reports.
import { InputError } from "../errors.ts";
import { sampleSheetColumn, sampleSheetColumnNames, type SampleSheet } from "../io/sample-sheet.ts";

/** Cells read as "no label" (the sample is left out of training and evaluation). */
const MISSING_LABEL = new Set(["", "na", "nan", "null", "none", "?"]);

export interface AlignedLabels {
  /** Per matrix sample, its class or null (not in the sheet, or an empty/NA cell). */
  labels: (string | null)[];
  /** Sheet samples that are not columns of the matrix. */
  unmatched: string[];
}

/**
 * The class of every matrix sample from the sheet's column `labelColumn` (its header, any role or
 * free column). Throws when the column does not exist or no matrix sample is in the sheet.
 */
export function labelsFromSheet(sheet: SampleSheet, sampleIds: readonly string[], labelColumn: string): AlignedLabels {
  const column = sampleSheetColumn(sheet, labelColumn);
  if (!column) {
    throw new InputError(`no label column "${labelColumn}"; columns: ${sampleSheetColumnNames(sheet).slice(1).join(", ")}`, { field: "label-column" });
  }
  const ids = new Set(sampleIds);
  const labels = sampleIds.map((id) => {
    const cell = column.get(id);
    if (cell === undefined) return null;
    return MISSING_LABEL.has(cell.toLowerCase()) ? null : cell;
  });
  if (![...column.keys()].some((id) => ids.has(id))) {
    throw new InputError(
      `no sample of the matrix is in the sample sheet (matrix: ${sampleIds.slice(0, 3).join(", ")}…, sheet: ${[...column.keys()].slice(0, 3).join(", ")}…)`,
      { field: sheet.columns.id },
    );
  }
  return { labels, unmatched: [...column.keys()].filter((id) => !ids.has(id)) };
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
