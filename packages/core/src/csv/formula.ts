// Formula injection (CSV injection): a spreadsheet runs a cell starting with = + - @ tab or CR as
// a formula. OWASP's advice is to prefix such cells with a single quote on export; importers
// accept such ids as they are but flag them (see io's id checks) so a user knows their export
// will differ by that quote.

/** First characters that make a spreadsheet treat a cell as a formula. */
export const FORMULA_PREFIXES: readonly string[] = ["=", "+", "-", "@", "\t", "\r"];

/** Whether a text cell would be read as a formula by a spreadsheet. */
export function startsLikeFormula(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d;
}

/** The cell as it is written to CSV: a single quote before a formula-like text (OWASP). */
export function escapeFormula(text: string): string {
  return startsLikeFormula(text) ? `'${text}` : text;
}
