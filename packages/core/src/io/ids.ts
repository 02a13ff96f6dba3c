// Checks on gene and condition ids and on values, shared by the readers: ids with control
// characters are refused (they break databases, exports and terminals); ids a spreadsheet would run
// as formulas are accepted but flagged, because exports prefix them with a quote (src/csv).
import { InputError } from "../errors.ts";
import { startsLikeFormula } from "../csv/formula.ts";

/** Largest finite float32: the platform stores matrices as float32, larger values would become Infinity. */
export const FLOAT32_MAX = 3.4028234663852886e38;

// C0 controls (tab is a delimiter, so never inside a field of a tab file, but refused in ids too),
// DEL and C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Printable rendering of an id for messages: control characters as U+XXXX, long ids clipped. */
export function printable(id: string): string {
  // eslint-disable-next-line no-control-regex
  const s = id.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}>`);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/**
 * Refuses an id containing a control character (NUL, CR, tab, ...); returns whether it starts like
 * a spreadsheet formula (= + - @), which is allowed but flagged. Checked on the trimmed id, so
 * leading/trailing whitespace (including a tab or CR around it) is not part of it.
 */
export function checkId(id: string, what: "gene id" | "condition id" | "column name", line: number, column: number, field?: string): boolean {
  if (CONTROL.test(id)) {
    const c = id.charCodeAt(id.search(CONTROL)).toString(16).toUpperCase().padStart(4, "0");
    throw new InputError(`${what} "${printable(id)}" contains the control character U+${c}: ids must be printable text`, { line, column, ...(field ? { field } : {}) });
  }
  return startsLikeFormula(id);
}

/** Refuses a value that float32 storage would turn into Infinity. */
export function checkFloat32(v: number, raw: string, line: number, column: number, field: string): void {
  if (v > FLOAT32_MAX || v < -FLOAT32_MAX) {
    throw new InputError(`${printable(raw.trim())} is outside the range of stored values (float32, about ±3.4e38)`, { line, column, field });
  }
}
