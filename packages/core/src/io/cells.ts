// Cell-level helpers: missing-value tokens, numeric parsing and time parsing from ids.

export const DEFAULT_MISSING = ["", "NA", "NaN", "nan", "null", "-", "N/A", "NULL", "na"];

/** Result of reading one cell: a number, missing, or not a number at all. */
export const NOT_NUMERIC = Symbol("not-numeric");

/**
 * Parse a numeric cell. Returns NaN for a missing token, NOT_NUMERIC for anything else that is
 * not a finite decimal number (Number() semantics, so "1e-3" and " 2 " are fine).
 */
export function parseCell(raw: string, missing: ReadonlySet<string>): number | typeof NOT_NUMERIC {
  if (raw.length === 0) return Number.NaN;
  const n = Number(raw);
  if (Number.isFinite(n)) {
    // Number("  ") is 0 and Number("0x1f") is 31: reject those shapes.
    if (n === 0 && raw.trim() === "") return Number.NaN;
    const c1 = raw.charCodeAt(1) | 0x20;
    if (c1 === 0x78 /* x */ || c1 === 0x6f /* o */ || c1 === 0x62 /* b */) {
      if (/^\s*[+-]?0[xob]/i.test(raw)) return NOT_NUMERIC;
    }
    return n;
  }
  const t = raw.trim();
  if (missing.has(t)) return Number.NaN;
  return NOT_NUMERIC;
}

/** Whether a cell is non-missing and non-numeric (used by annotation auto-detection). */
export function isTextCell(raw: string, missing: ReadonlySet<string>): boolean {
  return parseCell(raw, missing) === NOT_NUMERIC;
}

export function isMissingCell(raw: string, missing: ReadonlySet<string>): boolean {
  return missing.has(raw.trim());
}

const UNIT_HOURS: Record<string, number> = {
  s: 1 / 3600, sec: 1 / 3600, secs: 1 / 3600, second: 1 / 3600, seconds: 1 / 3600,
  m: 1 / 60, min: 1 / 60, mins: 1 / 60, minute: 1 / 60, minutes: 1 / 60,
  h: 1, hr: 1, hrs: 1, hour: 1, hours: 1,
  d: 24, day: 24, days: 24,
  w: 168, wk: 168, week: 168, weeks: 168,
};

const NUM = "([+-]?\\d+(?:\\.\\d+)?|[+-]?\\.\\d+)";
const UNITS = "(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wk|weeks?)";
// "t0", "T_2h", "time 30min", "tp3", "2h", "0.5", "30 min", "WT_t2h" (trailing token).
const SUFFIX_FORM = new RegExp(`(?:^|[^a-z0-9.])(?:t|tp|time)?[\\s_.-]*${NUM}\\s*${UNITS}?$`, "i");
// "day3", "h12", "min30".
const PREFIX_FORM = new RegExp(`(?:^|[^a-z0-9.])${UNITS}[\\s_.-]*${NUM}$`, "i");

/**
 * Parse a time from a condition id or label. Units are converted to hours; a bare number
 * (or "t3") is returned as is. Returns undefined when no time can be read.
 */
export function parseTime(text: string): number | undefined {
  const s = text.trim();
  let m = SUFFIX_FORM.exec(s);
  if (m) {
    const v = Number(m[1]);
    const unit = m[2]?.toLowerCase();
    return unit === undefined ? v : v * (UNIT_HOURS[unit] ?? 1);
  }
  m = PREFIX_FORM.exec(s);
  if (m) {
    const unit = m[1]!.toLowerCase();
    return Number(m[2]) * (UNIT_HOURS[unit] ?? 1);
  }
  return undefined;
}
