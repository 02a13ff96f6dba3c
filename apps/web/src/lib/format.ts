// Formatting of numbers and dates for display (stable between server and browser: fixed locale).

const LOCALE = "en-GB";

export function formatInt(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  return n.toLocaleString(LOCALE);
}

export function formatNumber(n: number | null | undefined, digits = 3): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "–";
  if (n !== 0 && Math.abs(n) < 10 ** -digits) return n.toExponential(1);
  return n.toFixed(digits);
}

export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  if (p < 0.001) return p === 0 ? "< 1e-4" : p.toExponential(1);
  return p.toFixed(3);
}

/**
 * An empirical p-value read honestly: at the floor 1/(permutations + 1) no random draw was as
 * extreme, so the value is an upper bound ("< 0.005"), not an estimate.
 */
export function formatEmpiricalP(p: number | null | undefined, floor?: number | null, atFloor?: boolean | null): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "–";
  if (atFloor && floor) return `< ${formatPValue(floor)}`;
  return formatPValue(p);
}

export function formatPercent(fraction: number | null | undefined): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return "–";
  return `${Math.round(fraction * 100)}%`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "–";
  const d = new Date(iso);
  return d.toLocaleString(LOCALE, { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";
}

export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "–";
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days} day${days === 1 ? "" : "s"} ago`;
  return formatDate(iso);
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return "–";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  if (m < 60) return `${m} min ${s} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** An enum value as a label: "OWNER" → "Owner", "VALIDATED" → "Validated". */
export function enumLabel(value: string): string {
  return value.charAt(0) + value.slice(1).toLowerCase();
}
