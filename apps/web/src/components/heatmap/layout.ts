// Pure geometry and colour of the interactive heatmap (unit-tested; no DOM): the colour scales,
// where each column sits on a real time axis, the ticks of that axis, annotation-track colours,
// and the SVG export of what is on screen.

export interface HeatCondition {
  id: string;
  /** Hours. */
  time?: number | null;
  timeUnit?: string | null;
  label?: string | null;
  group?: string | null;
  replicate?: string | null;
  subject?: string | null;
}

export type Scale = "ZSCORE" | "RAW";
export interface Range {
  p02: number;
  p98: number;
  min: number;
  max: number;
}

type Rgb = [number, number, number];

// ColorBrewer RdBu (reversed: blue low, red high) and a viridis-like sequential ramp.
const DIVERGING: Rgb[] = [
  [33, 102, 172], [67, 147, 195], [146, 197, 222], [209, 229, 240], [247, 247, 247], [253, 219, 199], [244, 165, 130], [214, 96, 77], [178, 24, 43],
];
const SEQUENTIAL: Rgb[] = [
  [68, 1, 84], [72, 40, 120], [62, 74, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [109, 205, 89], [180, 222, 44], [253, 231, 37],
];
export const MISSING: Rgb = [208, 213, 221];

function ramp(stops: Rgb[], t: number): Rgb {
  const x = Math.max(0, Math.min(1, t)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const f = x - i;
  const a = stops[i]!;
  const b = stops[i + 1]!;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

/** The colour domain: z-scores symmetric around 0 (clipped at the 2nd/98th percentile), raw values from p02 to p98. */
export function domainOf(scale: Scale, range: Range): [number, number] {
  if (scale === "ZSCORE") {
    const m = Math.max(Math.abs(range.p02), Math.abs(range.p98), 1e-6);
    return [-m, m];
  }
  const lo = range.p02;
  const hi = range.p98 > range.p02 ? range.p98 : range.p02 + 1e-6;
  return [lo, hi];
}

export function colorOf(scale: Scale, domain: [number, number], v: number | null): Rgb {
  if (v === null || !Number.isFinite(v)) return MISSING;
  const t = (v - domain[0]) / (domain[1] - domain[0]);
  return ramp(scale === "ZSCORE" ? DIVERGING : SEQUENTIAL, t);
}

export function css([r, g, b]: Rgb): string {
  return `rgb(${r},${g},${b})`;
}

/** What the colours show, for the legend, tooltip and exports. */
export function scaleLabel(scale: Scale): string {
  return scale === "ZSCORE" ? "z-score (per gene, over all conditions)" : "expression (raw values as imported)";
}

export interface ColumnBox {
  x: number;
  w: number;
}

/** True when every condition has a time. */
export function hasTimes(conditions: readonly HeatCondition[]): boolean {
  return conditions.length > 0 && conditions.every((c) => c.time !== null && c.time !== undefined && Number.isFinite(c.time));
}

/**
 * Columns across `width` pixels. On a time axis ("time", conditions sorted by time), each distinct
 * time owns the span between the midpoints to its neighbours, shared by the conditions at that
 * time (replicates side by side); otherwise columns are evenly spaced.
 */
export function columnLayout(conditions: readonly HeatCondition[], width: number, mode: "time" | "even"): ColumnBox[] {
  const n = conditions.length;
  if (n === 0) return [];
  if (mode === "even" || !hasTimes(conditions)) {
    const w = width / n;
    return conditions.map((_, j) => ({ x: j * w, w }));
  }
  const times = [...new Set(conditions.map((c) => c.time as number))].sort((a, b) => a - b);
  if (times.length === 1) return columnLayout(conditions, width, "even");
  // Half a typical gap of padding at both ends so the first and last times get a cell too.
  const first = times[0]!;
  const last = times[times.length - 1]!;
  const pad = (last - first) / (times.length - 1) / 2;
  const lo = first - pad;
  const hi = last + pad;
  const px = (t: number) => ((t - lo) / (hi - lo)) * width;
  const span = new Map<number, [number, number]>();
  times.forEach((t, k) => {
    const left = k === 0 ? lo : (times[k - 1]! + t) / 2;
    const right = k === times.length - 1 ? hi : (t + times[k + 1]!) / 2;
    span.set(t, [px(left), px(right)]);
  });
  const seen = new Map<number, number>();
  const counts = new Map<number, number>();
  for (const c of conditions) counts.set(c.time as number, (counts.get(c.time as number) ?? 0) + 1);
  return conditions.map((c) => {
    const t = c.time as number;
    const [a, b] = span.get(t)!;
    const k = seen.get(t) ?? 0;
    seen.set(t, k + 1);
    const w = (b - a) / counts.get(t)!;
    return { x: a + k * w, w };
  });
}

/** Narrowest column of a layout (to decide whether a linear time axis is readable). */
export function narrowest(boxes: readonly ColumnBox[]): number {
  return boxes.reduce((m, b) => Math.min(m, b.w), Number.POSITIVE_INFINITY);
}

const UNIT_HOURS: Record<string, number> = { s: 1 / 3600, min: 1 / 60, h: 1, d: 24, w: 168 };

/** The unit to label a time axis in: the conditions' own unit when they agree, else hours (days past 72 h). */
export function axisUnit(conditions: readonly HeatCondition[]): string {
  const units = new Set(conditions.map((c) => c.timeUnit).filter((u): u is string => !!u && UNIT_HOURS[u] !== undefined));
  if (units.size === 1) return [...units][0]!;
  const max = Math.max(...conditions.map((c) => c.time ?? 0));
  return max > 72 ? "d" : "h";
}

export function hoursIn(unit: string): number {
  return UNIT_HOURS[unit] ?? 1;
}

/** Round tick values (1, 2 or 5 times a power of ten) in `unit`, between hours lo and hi. */
export function timeTicks(loHours: number, hiHours: number, unit: string, maxTicks = 8): number[] {
  const f = hoursIn(unit);
  const lo = loHours / f;
  const hi = hiHours / f;
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, maxTicks);
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) ?? 10 * p;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(10)));
  return ticks;
}

/** Pixel x of a time (hours) on a layout built by columnLayout(..., "time"). */
export function timeToX(conditions: readonly HeatCondition[], boxes: readonly ColumnBox[], hours: number): number {
  // Linear between the centres of the first and last distinct times.
  const pts = conditions.map((c, j) => [c.time as number, boxes[j]!.x + boxes[j]!.w / 2] as const).sort((a, b) => a[0] - b[0]);
  const a = pts[0]!;
  const b = pts[pts.length - 1]!;
  if (b[0] === a[0]) return a[1];
  return a[1] + ((hours - a[0]) / (b[0] - a[0])) * (b[1] - a[1]);
}

export const TRACKS = ["group", "replicate", "subject", "label"] as const;
export type Track = (typeof TRACKS)[number];

/** Tracks that say something: at least one condition has a value. */
export function activeTracks(conditions: readonly HeatCondition[]): Track[] {
  return TRACKS.filter((t) => conditions.some((c) => c[t]));
}

// Tableau 10: distinct categorical colours.
const CATEGORICAL = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

/** A colour per distinct value, in order of first appearance (cycled past ten values). */
export function categoryColors(values: readonly (string | null | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) if (v && !out.has(v)) out.set(v, CATEGORICAL[out.size % CATEGORICAL.length]!);
  return out;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface SvgInput {
  title: string;
  rowLabels: string[];
  conditions: HeatCondition[];
  values: (number | null)[][];
  scale: Scale;
  domain: [number, number];
  mode: "time" | "even";
  tracks: Track[];
  highlight?: Set<number>;
}

/** A standalone SVG of the visible heatmap: tracks, cells, row and column labels, colour legend. */
export function heatmapSvg(input: SvgInput): string {
  const cellH = Math.max(2, Math.min(14, Math.floor(900 / Math.max(1, input.rowLabels.length))));
  const labelW = cellH >= 8 ? 120 : 10;
  const width = Math.max(240, Math.min(1200, input.conditions.length * 24));
  const trackH = 12;
  const top = 30 + input.tracks.length * (trackH + 2);
  const height = input.rowLabels.length * cellH;
  const legendY = top + height + 70;
  const boxes = columnLayout(input.conditions, width, input.mode);
  const parts: string[] = [];
  parts.push(`<text x="0" y="16" font-size="13" font-weight="600">${esc(input.title)}</text>`);
  input.tracks.forEach((t, k) => {
    const colors = categoryColors(input.conditions.map((c) => c[t]));
    const y = 30 + k * (trackH + 2);
    parts.push(`<text x="${labelW - 4}" y="${y + trackH - 2}" font-size="10" text-anchor="end">${t}</text>`);
    input.conditions.forEach((c, j) => {
      const v = c[t];
      if (!v) return;
      parts.push(`<rect x="${(labelW + boxes[j]!.x).toFixed(2)}" y="${y}" width="${boxes[j]!.w.toFixed(2)}" height="${trackH}" fill="${colors.get(v)}"><title>${esc(`${t}: ${v}`)}</title></rect>`);
    });
  });
  input.values.forEach((row, i) => {
    const y = top + i * cellH;
    row.forEach((v, j) => {
      const b = boxes[j]!;
      parts.push(`<rect x="${(labelW + b.x).toFixed(2)}" y="${y}" width="${b.w.toFixed(2)}" height="${cellH}" fill="${css(colorOf(input.scale, input.domain, v))}"/>`);
    });
    if (cellH >= 8) {
      const bold = input.highlight?.has(i) ? ' font-weight="700" fill="#b42318"' : "";
      parts.push(`<text x="${labelW - 4}" y="${y + cellH - 2}" font-size="${Math.min(11, cellH - 1)}" text-anchor="end"${bold}>${esc(input.rowLabels[i] ?? "")}</text>`);
    }
  });
  input.conditions.forEach((c, j) => {
    const x = labelW + boxes[j]!.x + boxes[j]!.w / 2;
    parts.push(`<text transform="translate(${x.toFixed(2)},${top + height + 6}) rotate(60)" font-size="10">${esc(c.id)}</text>`);
  });
  // Legend: a gradient bar with its domain and what it shows.
  const stops = Array.from({ length: 11 }, (_, k) => {
    const v = input.domain[0] + ((input.domain[1] - input.domain[0]) * k) / 10;
    return `<stop offset="${k * 10}%" stop-color="${css(colorOf(input.scale, input.domain, v))}"/>`;
  }).join("");
  parts.push(`<defs><linearGradient id="legend">${stops}</linearGradient></defs>`);
  parts.push(`<rect x="${labelW}" y="${legendY}" width="200" height="10" fill="url(#legend)"/>`);
  parts.push(`<text x="${labelW}" y="${legendY + 24}" font-size="10">${input.domain[0].toPrecision(3)}</text>`);
  parts.push(`<text x="${labelW + 200}" y="${legendY + 24}" font-size="10" text-anchor="end">${input.domain[1].toPrecision(3)}</text>`);
  parts.push(`<text x="${labelW + 210}" y="${legendY + 9}" font-size="10">${esc(scaleLabel(input.scale))}; grey = missing</text>`);
  let tx = labelW;
  input.tracks.forEach((t) => {
    parts.push(`<text x="${tx}" y="${legendY + 46}" font-size="10">${t}:</text>`);
    tx += 8 + t.length * 6;
    for (const [value, color] of categoryColors(input.conditions.map((c) => c[t]))) {
      parts.push(`<rect x="${tx}" y="${legendY + 37}" width="10" height="10" fill="${color}"/><text x="${tx + 13}" y="${legendY + 46}" font-size="10">${esc(value)}</text>`);
      tx += 20 + value.length * 6;
    }
    tx += 12;
  });
  const w = Math.max(labelW + width + 40, tx + 20);
  const h = legendY + (input.tracks.length ? 56 : 34);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="system-ui, sans-serif">${parts.join("")}</svg>\n`;
}
