// Colour scale and label helpers shared by the charts (pure, unit-tested).

/** Diverging blue-white-red (ColorBrewer RdBu, reversed): low = blue, 0 = white, high = red. */
export const DIVERGING = ["#2166ac", "#4393c3", "#92c5de", "#d1e5f0", "#f7f7f7", "#fddbc7", "#f4a582", "#d6604d", "#b2182b"];

/**
 * Symmetric colour range [-m, m] around zero: m is the 98th percentile of |value| (so a few
 * outliers do not wash out the picture), at least 1e-6. Missing values (null/NaN) are ignored.
 */
export function symmetricRange(values: readonly (readonly (number | null)[])[]): number {
  const abs: number[] = [];
  for (const row of values) for (const v of row) if (v !== null && Number.isFinite(v)) abs.push(Math.abs(v));
  if (abs.length === 0) return 1;
  abs.sort((a, b) => a - b);
  const idx = Math.min(abs.length - 1, Math.floor(0.98 * (abs.length - 1)));
  return Math.max(abs[idx] ?? 1, 1e-6);
}

/** Show every label when there are few, else every k-th so labels do not overlap. */
export function labelInterval(count: number, pixels: number, pixelsPerLabel: number): number {
  if (count <= 0) return 0;
  const fit = Math.max(1, Math.floor(pixels / pixelsPerLabel));
  return count <= fit ? 0 : Math.ceil(count / fit) - 1;
}
