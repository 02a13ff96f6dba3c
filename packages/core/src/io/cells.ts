// Cell-level helpers: missing-value tokens, numeric parsing and time parsing from ids.

export const DEFAULT_MISSING = ["", "NA", "NaN", "nan", "null", "-", "N/A", "NULL", "na"];

/** Result of reading one cell: a number, missing, or not a number at all. */
export const NOT_NUMERIC = Symbol("not-numeric");

/**
 * Parse a numeric cell. Returns NaN for a missing token, NOT_NUMERIC for anything else that is
 * not a finite decimal number (Number() semantics, so "1e-3" and " 2 " are fine). With
 * `decimalComma`, "1,5" is 1.5 and any dot is refused ("1.234" could be a thousands separator,
 * so it is never guessed).
 */
export function parseCell(raw: string, missing: ReadonlySet<string>, decimalComma = false): number | typeof NOT_NUMERIC {
  if (raw.length === 0) return Number.NaN;
  if (decimalComma) {
    const comma = raw.indexOf(",");
    if (comma >= 0 || raw.includes(".")) {
      if (raw.includes(".") || raw.indexOf(",", comma + 1) >= 0) return missing.has(raw.trim()) ? Number.NaN : NOT_NUMERIC;
      return parseCell(`${raw.slice(0, comma)}.${raw.slice(comma + 1)}`, missing, false);
    }
  }
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
export function isTextCell(raw: string, missing: ReadonlySet<string>, decimalComma = false): boolean {
  return parseCell(raw, missing, decimalComma) === NOT_NUMERIC;
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
const SUFFIX = `(?:t|tp|time)?[\\s_.-]*${NUM}\\s*${UNITS}?$`;
// "day3", "h12", "min30".
const PREFIX = `${UNITS}[\\s_.-]*${NUM}$`;
// Whole id: the token starts the id or follows a character that is not [a-z0-9.].
const SUFFIX_FORM = new RegExp(`(?:^|[^a-z0-9.])${SUFFIX}`, "i");
const PREFIX_FORM = new RegExp(`(?:^|[^a-z0-9.])${PREFIX}`, "i");
// Tail of a long id: the start of the tail is not the start of the id.
const SUFFIX_TAIL = new RegExp(`[^a-z0-9.]${SUFFIX}`, "i");
const PREFIX_TAIL = new RegExp(`[^a-z0-9.]${PREFIX}`, "i");

/**
 * The time token is looked for in the last TIME_TAIL characters only. The patterns are anchored at
 * the end but not at the start, so on a whole id a regex engine tries every start position, and
 * runs of spaces or digits made that quadratic (a 40,000-character id took seconds). On a bounded
 * tail the cost is constant, so parsing stays linear in the id's length (trim + slice).
 */
const TIME_TAIL = 80;

/**
 * Parse a time from a condition id or label. Units are converted to hours; a bare number
 * (or "t3") is returned as is. Returns undefined when no time can be read (the time token must
 * end the id and fit in its last 80 characters).
 */
export function parseTime(text: string): number | undefined {
  const s = text.trim();
  const long = s.length > TIME_TAIL;
  const tail = long ? s.slice(s.length - TIME_TAIL - 1) : s;
  let m = (long ? SUFFIX_TAIL : SUFFIX_FORM).exec(tail);
  if (m) {
    const v = Number(m[1]);
    const unit = m[2]?.toLowerCase();
    return unit === undefined ? v : v * (UNIT_HOURS[unit] ?? 1);
  }
  m = (long ? PREFIX_TAIL : PREFIX_FORM).exec(tail);
  if (m) {
    const unit = m[1]!.toLowerCase();
    return Number(m[2]) * (UNIT_HOURS[unit] ?? 1);
  }
  return undefined;
}
