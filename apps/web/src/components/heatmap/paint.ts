// Canvas drawing of the interactive heatmap: annotation tracks, cells, row labels, search marks,
// the time (or condition) axis, the colour legend and the overview strip. Pure drawing functions
// over a 2D context; the component decides what to draw.
import {
  axisUnit,
  categoryColors,
  colorOf,
  css,
  hoursIn,
  scaleLabel,
  timeTicks,
  timeToX,
  type ColumnBox,
  type HeatCondition,
  type Scale,
  type Track,
} from "./layout.ts";

export interface Geometry {
  width: number;
  labelW: number;
  heatX: number;
  heatW: number;
  trackTop: number;
  trackH: number;
  heatTop: number;
  heatH: number;
  axisTop: number;
  axisH: number;
  legendTop: number;
  height: number;
  miniX: number;
  miniW: number;
}

export const TRACK_H = 12;
const AXIS_H = 46;
const LEGEND_H = 34;
const LABEL_W = 118;
const MINI_W = 44;

export function geometry(width: number, heatH: number, tracks: number): Geometry {
  const labelW = LABEL_W;
  const miniW = MINI_W;
  const heatX = labelW;
  const heatW = Math.max(80, width - labelW - miniW - 14);
  const trackTop = 4;
  const trackH = tracks * (TRACK_H + 2);
  const heatTop = trackTop + trackH + (tracks ? 4 : 0);
  const axisTop = heatTop + heatH;
  const legendTop = axisTop + AXIS_H;
  // A second legend line names the annotation tracks' categories.
  const legendH = LEGEND_H + (tracks ? 18 : 0);
  return { width, labelW, heatX, heatW, trackTop, trackH, heatTop, heatH, axisTop, axisH: AXIS_H, legendTop, height: legendTop + legendH, miniX: heatX + heatW + 14, miniW };
}

export interface DrawRows {
  /** One label per drawn row (gene, or "first … last" of a bin). */
  labels: string[];
  values: (number | null)[][];
  /** Genes per drawn row. */
  binSize: number;
  /** Drawn rows that contain a search match. */
  marked: Set<number>;
}

export function paintTracks(ctx: CanvasRenderingContext2D, g: Geometry, conditions: HeatCondition[], boxes: ColumnBox[], tracks: Track[]): void {
  ctx.font = "10px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  tracks.forEach((t, k) => {
    const y = g.trackTop + k * (TRACK_H + 2);
    const colors = categoryColors(conditions.map((c) => c[t]));
    ctx.fillStyle = "#5b6676";
    ctx.textAlign = "right";
    ctx.fillText(t, g.heatX - 6, y + TRACK_H / 2);
    conditions.forEach((c, j) => {
      const v = c[t];
      const b = boxes[j]!;
      ctx.fillStyle = v ? colors.get(v)! : "#f2f4f7";
      ctx.fillRect(g.heatX + b.x, y, Math.max(1, b.w - 0.5), TRACK_H);
    });
  });
}

export function paintCells(ctx: CanvasRenderingContext2D, g: Geometry, rows: DrawRows, boxes: ColumnBox[], scale: Scale, domain: [number, number]): void {
  const n = rows.values.length;
  const h = n > 0 ? g.heatH / n : g.heatH;
  ctx.fillStyle = "#e4e7ec";
  ctx.fillRect(g.heatX, g.heatTop, g.heatW, g.heatH);
  for (let i = 0; i < n; i++) {
    const row = rows.values[i]!;
    const y = g.heatTop + i * h;
    for (let j = 0; j < row.length; j++) {
      const b = boxes[j];
      if (!b) continue;
      ctx.fillStyle = css(colorOf(scale, domain, row[j] ?? null));
      // Overlap by a fraction of a pixel so no hairline gaps show between cells.
      ctx.fillRect(g.heatX + b.x, y, b.w + 0.6, h + 0.6);
    }
  }
  // Row labels when rows are tall enough to read, and marks for search matches.
  ctx.textBaseline = "middle";
  ctx.textAlign = "right";
  const readable = h >= 9;
  ctx.font = `${Math.min(11, Math.max(8, Math.floor(h) - 1))}px system-ui, sans-serif`;
  for (let i = 0; i < n; i++) {
    const y = g.heatTop + i * h;
    const marked = rows.marked.has(i);
    if (marked) {
      ctx.fillStyle = "#b42318";
      ctx.fillRect(g.heatX - 4, y, 3, Math.max(2, h));
      ctx.strokeStyle = "#b42318";
      ctx.lineWidth = 1.5;
      if (h >= 3) ctx.strokeRect(g.heatX + 0.75, y + 0.75, g.heatW - 1.5, Math.max(1, h - 1.5));
    }
    if (readable) {
      ctx.fillStyle = marked ? "#b42318" : "#1c2430";
      ctx.font = `${marked ? "700 " : ""}${Math.min(11, Math.floor(h) - 1)}px system-ui, sans-serif`;
      ctx.fillText(clip(rows.labels[i] ?? "", 18), g.heatX - 8, y + h / 2);
    }
  }
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function paintAxis(ctx: CanvasRenderingContext2D, g: Geometry, conditions: HeatCondition[], boxes: ColumnBox[], mode: "time" | "even"): void {
  ctx.strokeStyle = "#98a2b3";
  ctx.fillStyle = "#344054";
  ctx.lineWidth = 1;
  ctx.font = "10px system-ui, sans-serif";
  const y = g.axisTop + 0.5;
  ctx.beginPath();
  ctx.moveTo(g.heatX, y);
  ctx.lineTo(g.heatX + g.heatW, y);
  ctx.stroke();
  if (mode === "time") {
    const unit = axisUnit(conditions);
    const hours = conditions.map((c) => c.time as number);
    const lo = Math.min(...hours);
    const hi = Math.max(...hours);
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    for (const t of timeTicks(lo, hi, unit, Math.max(2, Math.floor(g.heatW / 70)))) {
      const x = g.heatX + timeToX(conditions, boxes, t * hoursIn(unit));
      if (x < g.heatX - 1 || x > g.heatX + g.heatW + 1) continue;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x, y + 5);
      ctx.stroke();
      ctx.fillText(String(t), x, y + 7);
    }
    // Small ticks at every condition's time, so uneven sampling shows.
    ctx.strokeStyle = "#c3c9d2";
    for (const b of boxes) {
      const x = g.heatX + b.x + b.w / 2;
      ctx.beginPath();
      ctx.moveTo(x, y);
      ctx.lineTo(x, y + 3);
      ctx.stroke();
    }
    ctx.fillStyle = "#5b6676";
    ctx.fillText(`time (${unit})`, g.heatX + g.heatW / 2, y + 24);
    return;
  }
  // Condition ids, as many as fit.
  const every = Math.max(1, Math.ceil((conditions.length * 12) / g.heatW));
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  conditions.forEach((c, j) => {
    if (j % every !== 0) return;
    const b = boxes[j]!;
    ctx.save();
    ctx.translate(g.heatX + b.x + b.w / 2, y + 4);
    ctx.rotate(Math.PI / 3);
    ctx.fillText(clip(c.id, 10), 0, 0);
    ctx.restore();
  });
}

/** The categories of each annotation track, with their colours, on the legend's second line. */
export function paintTrackLegend(ctx: CanvasRenderingContext2D, g: Geometry, conditions: HeatCondition[], tracks: Track[]): void {
  let x = g.heatX;
  const y = g.legendTop + 40;
  ctx.font = "10px system-ui, sans-serif";
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  for (const t of tracks) {
    const colors = categoryColors(conditions.map((c) => c[t]));
    ctx.fillStyle = "#5b6676";
    ctx.fillText(`${t}:`, x, y);
    x += ctx.measureText(`${t}:`).width + 5;
    const entries = [...colors];
    for (const [value, color] of entries.slice(0, 8)) {
      if (x > g.heatX + g.heatW + g.miniW) return;
      ctx.fillStyle = color;
      ctx.fillRect(x, y - 5, 10, 10);
      ctx.fillStyle = "#344054";
      const label = clip(value, 14);
      ctx.fillText(label, x + 13, y);
      x += 13 + ctx.measureText(label).width + 8;
    }
    if (entries.length > 8) {
      ctx.fillStyle = "#5b6676";
      ctx.fillText(`+${entries.length - 8} more`, x, y);
      x += ctx.measureText(`+${entries.length - 8} more`).width + 8;
    }
    x += 10;
  }
}

export function paintLegend(ctx: CanvasRenderingContext2D, g: Geometry, scale: Scale, domain: [number, number]): void {
  const x = g.heatX;
  const y = g.legendTop + 6;
  const w = Math.min(220, g.heatW / 2);
  for (let k = 0; k < w; k++) {
    ctx.fillStyle = css(colorOf(scale, domain, domain[0] + ((domain[1] - domain[0]) * k) / (w - 1)));
    ctx.fillRect(x + k, y, 1.2, 10);
  }
  ctx.fillStyle = "#344054";
  ctx.font = "10px system-ui, sans-serif";
  ctx.textBaseline = "top";
  ctx.textAlign = "left";
  ctx.fillText(fmt(domain[0]), x, y + 12);
  ctx.textAlign = "right";
  ctx.fillText(fmt(domain[1]), x + w, y + 12);
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  ctx.fillText(`${scaleLabel(scale)}; grey = missing`, x + w + 10, y + 5);
}

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toPrecision(3)).toString();
}

/** The overview strip: the whole matrix squeezed to its height, the visible window, match marks. */
export function paintOverview(
  ctx: CanvasRenderingContext2D,
  g: Geometry,
  overview: (number | null)[][],
  scale: Scale,
  domain: [number, number],
  windowFraction: [number, number],
  matchFractions: number[],
): void {
  const n = overview.length;
  const x0 = g.miniX;
  const w = g.miniW;
  ctx.fillStyle = "#e4e7ec";
  ctx.fillRect(x0, g.heatTop, w, g.heatH);
  const h = n > 0 ? g.heatH / n : g.heatH;
  for (let i = 0; i < n; i++) {
    const row = overview[i]!;
    const cw = w / Math.max(1, row.length);
    for (let j = 0; j < row.length; j++) {
      ctx.fillStyle = css(colorOf(scale, domain, row[j] ?? null));
      ctx.fillRect(x0 + j * cw, g.heatTop + i * h, cw + 0.5, h + 0.5);
    }
  }
  const [a, b] = windowFraction;
  ctx.fillStyle = "rgba(16, 24, 40, 0.35)";
  ctx.fillRect(x0, g.heatTop, w, a * g.heatH);
  ctx.fillRect(x0, g.heatTop + b * g.heatH, w, (1 - b) * g.heatH);
  ctx.strokeStyle = "#101828";
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x0 + 0.75, g.heatTop + a * g.heatH, w - 1.5, Math.max(2, (b - a) * g.heatH));
  ctx.fillStyle = "#b42318";
  for (const f of matchFractions) ctx.fillRect(x0 - 6, g.heatTop + f * g.heatH - 1, 5, 2.5);
}
