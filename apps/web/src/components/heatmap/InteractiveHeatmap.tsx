"use client";
// An interactive heatmap in the manner of Morpheus: every gene of a dataset or a bicluster on a
// canvas, clustered on the server. The overview (the whole matrix in bins, right-hand strip) is
// loaded once; zooming or panning asks the API for the visible range, in bins while it holds more
// genes than the canvas has pixels and as single genes (with their names) once it does. Columns
// sit on a real time axis when every condition has a time; sample-sheet metadata (group,
// replicate, subject, label) shows as annotation tracks above the cells. Gene search marks rows;
// PNG and SVG export what is on screen.
import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from "react";
import { graphql } from "../../generated/index.ts";
import type { HeatmapWindowQuery } from "../../generated/graphql.ts";
import { download } from "../../lib/export.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { Alert } from "../ui.tsx";
import { activeTracks, axisUnit, columnLayout, domainOf, hasTimes, heatmapSvg, hoursIn, narrowest, scaleLabel, type Scale } from "./layout.ts";
import { geometry, paintAxis, paintCells, paintLegend, paintOverview, paintTrackLegend, paintTracks, type DrawRows } from "./paint.ts";

const HeatmapWindow = graphql(`
  query HeatmapWindow(
    $datasetId: ID
    $biclusterId: ID
    $rowStart: Int
    $rowEnd: Int
    $maxRows: Int
    $scale: HeatmapScale
    $columns: HeatmapColumns
    $find: String
  ) {
    heatmapView(
      datasetId: $datasetId
      biclusterId: $biclusterId
      rowStart: $rowStart
      rowEnd: $rowEnd
      maxRows: $maxRows
      scale: $scale
      columns: $columns
      find: $find
    ) {
      totalRows
      sourceGenes
      rowStart
      rowEnd
      binSize
      rows {
        start
        count
        firstGene
        lastGene
      }
      conditions {
        index
        id
        time
        timeUnit
        label
        group
        replicate
        subject
      }
      values
      scale
      range {
        min
        max
        p02
        p98
      }
      ordering
      matches {
        gene
        position
      }
      matchCount
    }
  }
`);

type View = HeatmapWindowQuery["heatmapView"];

export interface InteractiveHeatmapProps {
  source: { datasetId: string } | { biclusterId: string };
  /** For labels, file names and the accessible description. */
  title: string;
  /** Canvas height of the cells in CSS pixels. Default 460. */
  height?: number;
  /** Offer "all conditions" (bicluster heatmaps). */
  columnsToggle?: boolean;
}

/** Fewest genes a zoomed window shows. */
const MIN_WINDOW = 8;

function rowLabel(r: View["rows"][number]): string {
  return r.count === 1 ? r.firstGene : `${r.firstGene} … ${r.lastGene}`;
}

export default function InteractiveHeatmap({ source, title, height = 460, columnsToggle = false }: InteractiveHeatmapProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(900);
  const [scale, setScale] = useState<Scale>("ZSCORE");
  const [columns, setColumns] = useState<"BICLUSTER" | "ALL">("BICLUSTER");
  const [axisMode, setAxisMode] = useState<"time" | "even" | "auto">("auto");
  const [overview, setOverview] = useState<View | null>(null);
  const [detail, setDetail] = useState<View | null>(null);
  const [win, setWin] = useState<[number, number] | null>(null);
  const [error, setError] = useState<string>();
  const [query, setQuery] = useState("");
  const [matches, setMatches] = useState<{ gene: string; position: number }[]>([]);
  const [matchCount, setMatchCount] = useState(0);
  const [matchAt, setMatchAt] = useState(0);
  const [hover, setHover] = useState<{ x: number; y: number; text: string[] } | null>(null);
  const drag = useRef<{ y: number; win: [number, number]; moved: boolean; mini: boolean } | null>(null);
  const sourceArgs = useMemo(() => ("datasetId" in source ? { datasetId: source.datasetId } : { biclusterId: source.biclusterId }), [source]);
  const sourceKey = JSON.stringify(sourceArgs);

  // Width follows the container.
  useEffect(() => {
    const el = wrapRef.current;
    if (!el) return;
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w) setWidth(Math.max(320, Math.floor(w)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // The overview: the whole matrix in about one bin per pixel row.
  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    gql(HeatmapWindow, { ...sourceArgs, maxRows: height, scale, columns: columnsToggle ? columns : undefined }, controller.signal)
      .then((d) => {
        setOverview(d.heatmapView);
        setDetail(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(describeError(e));
      });
    return () => controller.abort();
  }, [sourceKey, scale, columns, height, columnsToggle]);

  const total = overview?.totalRows ?? 0;
  const full: [number, number] = [0, total];
  const current: [number, number] = win ?? full;
  const zoomed = win !== null && (win[0] > 0 || win[1] < total);

  // The visible window in detail (debounced while zooming and panning).
  useEffect(() => {
    if (!overview || !zoomed || !win) {
      setDetail(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      gql(HeatmapWindow, { ...sourceArgs, rowStart: win[0], rowEnd: win[1], maxRows: height, scale, columns: columnsToggle ? columns : undefined }, controller.signal)
        .then((d) => setDetail(d.heatmapView))
        .catch((e: unknown) => {
          if (!controller.signal.aborted) setError(describeError(e));
        });
    }, 120);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [overview, win?.[0], win?.[1], zoomed]);

  const conditions = overview?.conditions ?? [];
  const tracks = useMemo(() => activeTracks(conditions), [conditions]);
  const g = useMemo(() => geometry(width, height, tracks.length), [width, height, tracks.length]);
  const timed = hasTimes(conditions);
  const timeBoxes = useMemo(() => columnLayout(conditions, g.heatW, "time"), [conditions, g.heatW]);
  // A linear time axis is used when no column gets thinner than 4 px (else: even spacing).
  const mode: "time" | "even" = !timed ? "even" : axisMode === "auto" ? (narrowest(timeBoxes) >= 4 ? "time" : "even") : axisMode;
  const boxes = useMemo(() => (mode === "time" ? timeBoxes : columnLayout(conditions, g.heatW, "even")), [mode, timeBoxes, conditions, g.heatW]);
  const domain = useMemo<[number, number]>(() => (overview ? domainOf(scale, overview.range) : [-1, 1]), [overview, scale]);
  const matchSet = useMemo(() => new Set(matches.map((m) => m.position)), [matches]);

  /** What is drawn: the detail window when loaded, else the overview's bins inside the window. */
  const drawn = useMemo((): (DrawRows & { rows: View["rows"] }) | null => {
    if (!overview) return null;
    const v = zoomed && detail && detail.rowStart === current[0] && detail.rowEnd === current[1] ? detail : null;
    const rows = v ? v.rows : overview.rows.filter((r) => r.start + r.count > current[0] && r.start < current[1]);
    const values = v ? v.values : overview.values.filter((_, i) => {
      const r = overview.rows[i]!;
      return r.start + r.count > current[0] && r.start < current[1];
    });
    const marked = new Set<number>();
    rows.forEach((r, i) => {
      for (const p of matchSet) if (p >= r.start && p < r.start + r.count) marked.add(i);
    });
    return { rows, labels: rows.map(rowLabel), values, binSize: v ? v.binSize : overview.binSize, marked };
  }, [overview, detail, zoomed, current, matchSet]);

  // Paint.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !overview || !drawn) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(g.width * dpr);
    canvas.height = Math.round(g.height * dpr);
    canvas.style.width = `${g.width}px`;
    canvas.style.height = `${g.height}px`;
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, g.width, g.height);
    paintTracks(ctx, g, conditions, boxes, tracks);
    paintCells(ctx, g, drawn, boxes, scale, domain);
    paintAxis(ctx, g, conditions, boxes, mode);
    paintLegend(ctx, g, scale, domain);
    if (tracks.length) paintTrackLegend(ctx, g, conditions, tracks);
    paintOverview(
      ctx,
      g,
      overview.values,
      scale,
      domain,
      [current[0] / Math.max(1, total), current[1] / Math.max(1, total)],
      matches.map((m) => m.position / Math.max(1, total)),
    );
  }, [g, overview, drawn, boxes, conditions, tracks, scale, domain, mode, current, total, matches]);

  const setWindow = useCallback(
    (start: number, end: number) => {
      if (total === 0) return;
      const span = Math.max(Math.min(MIN_WINDOW, total), Math.min(total, Math.round(end - start)));
      let a = Math.round(start);
      a = Math.max(0, Math.min(total - span, a));
      setWin(span >= total ? null : [a, a + span]);
    },
    [total],
  );

  const zoomBy = useCallback(
    (factor: number, anchor = 0.5) => {
      const [a, b] = current;
      const span = b - a;
      const next = Math.max(Math.min(MIN_WINDOW, total), Math.min(total, span / factor));
      const center = a + span * anchor;
      setWindow(center - next * anchor, center - next * anchor + next);
    },
    [current, setWindow, total],
  );

  // Wheel zoom around the pointer (a native listener: React's wheel events are passive).
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const rect = canvas.getBoundingClientRect();
      const y = e.clientY - rect.top - g.heatTop;
      const x = e.clientX - rect.left;
      if (y < 0 || y > g.heatH || x < g.heatX || x > g.heatX + g.heatW) return;
      e.preventDefault();
      zoomBy(e.deltaY < 0 ? 1.35 : 1 / 1.35, y / g.heatH);
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => canvas.removeEventListener("wheel", onWheel);
  }, [g, zoomBy]);

  function pointer(e: ReactMouseEvent<HTMLCanvasElement>) {
    const rect = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  function onMouseDown(e: ReactMouseEvent<HTMLCanvasElement>) {
    const { x, y } = pointer(e);
    const mini = x >= g.miniX - 6 && y >= g.heatTop && y <= g.heatTop + g.heatH;
    drag.current = { y, win: current, moved: false, mini };
    if (mini) centreOn(((y - g.heatTop) / g.heatH) * total);
  }

  function centreOn(position: number) {
    const span = current[1] - current[0];
    const s = span >= total ? Math.min(total, Math.max(MIN_WINDOW, Math.round(total / 10))) : span;
    setWindow(position - s / 2, position + s / 2);
  }

  function onMouseMove(e: ReactMouseEvent<HTMLCanvasElement>) {
    const { x, y } = pointer(e);
    const d = drag.current;
    if (d) {
      if (Math.abs(y - d.y) > 3) d.moved = true;
      if (d.mini) centreOn(((y - g.heatTop) / g.heatH) * total);
      else if (d.moved) {
        const span = d.win[1] - d.win[0];
        const shift = ((d.y - y) / g.heatH) * span;
        setWindow(d.win[0] + shift, d.win[1] + shift);
      }
      setHover(null);
      return;
    }
    setHover(describeAt(x, y));
  }

  function describeAt(x: number, y: number): { x: number; y: number; text: string[] } | null {
    if (!drawn || x < g.heatX || x > g.heatX + g.heatW || y < g.heatTop || y > g.heatTop + g.heatH) return null;
    const i = Math.floor(((y - g.heatTop) / g.heatH) * drawn.values.length);
    const j = boxes.findIndex((b) => x - g.heatX >= b.x && x - g.heatX < b.x + b.w);
    const row = drawn.rows[i];
    const c = conditions[j];
    if (!row || !c) return null;
    const v = drawn.values[i]?.[j] ?? null;
    const unit = axisUnit(conditions);
    const text = [
      row.count === 1 ? row.firstGene : `${row.count} genes: ${row.firstGene} … ${row.lastGene} (mean)`,
      `${c.id}${c.time !== null && c.time !== undefined ? ` · ${Number((c.time / hoursIn(unit)).toPrecision(4))} ${unit}` : ""}`,
      ...[c.group && `group ${c.group}`, c.replicate && `replicate ${c.replicate}`, c.subject && `subject ${c.subject}`, c.label && c.label].filter((s): s is string => !!s),
      `${scale === "ZSCORE" ? "z-score" : "value"}: ${v === null ? "missing" : Number(v.toPrecision(4))}`,
    ];
    return { x, y, text };
  }

  function onMouseUp() {
    drag.current = null;
  }

  async function search(text: string) {
    setQuery(text);
    const q = text.trim();
    if (!q) {
      setMatches([]);
      setMatchCount(0);
      return;
    }
    try {
      const d = await gql(HeatmapWindow, { ...sourceArgs, rowStart: 0, rowEnd: 1, maxRows: 1, scale, columns: columnsToggle ? columns : undefined, find: q });
      setMatches(d.heatmapView.matches);
      setMatchCount(d.heatmapView.matchCount);
      setMatchAt(0);
      const first = d.heatmapView.matches[0];
      if (first) goTo(first.position);
    } catch (e) {
      setError(describeError(e));
    }
  }

  function goTo(position: number) {
    const span = Math.min(total, Math.max(MIN_WINDOW, Math.min(40, Math.floor(height / 14))));
    setWindow(position - span / 2, position + span / 2);
  }

  function step(delta: number) {
    if (matches.length === 0) return;
    const k = (matchAt + delta + matches.length) % matches.length;
    setMatchAt(k);
    goTo(matches[k]!.position);
  }

  const fileBase = title.replace(/[^A-Za-z0-9._-]+/g, "_").replace(/_+/g, "_");
  function exportPng() {
    canvasRef.current?.toBlob((blob) => {
      if (!blob) return;
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${fileBase}-heatmap.png`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    }, "image/png");
  }
  function exportSvg() {
    if (!drawn) return;
    const svg = heatmapSvg({
      title: `${title}: rows ${current[0] + 1}–${current[1]} of ${total}${drawn.binSize > 1 ? ` (bins of ${drawn.binSize} genes)` : ""}`,
      rowLabels: drawn.labels,
      conditions,
      values: drawn.values,
      scale,
      domain,
      mode,
      tracks,
      highlight: drawn.marked,
    });
    download(`${fileBase}-heatmap.svg`, svg, "image/svg+xml");
  }

  const status = overview
    ? `Genes ${(current[0] + 1).toLocaleString("en")}–${current[1].toLocaleString("en")} of ${total.toLocaleString("en")}${drawn && drawn.binSize > 1 ? `, each row the mean of ${drawn.binSize} genes` : ""}${
        overview.sourceGenes > total ? ` (the ${total.toLocaleString("en")} most variable of ${overview.sourceGenes.toLocaleString("en")})` : ""
      }`
    : "Loading the heatmap…";

  return (
    <div className="iheatmap" ref={wrapRef}>
      <div className="iheatmap-toolbar" role="toolbar" aria-label="Heatmap controls">
        <div className="row" style={{ gap: "0.35rem" }}>
          <button type="button" className="btn btn-small" onClick={() => zoomBy(2)} disabled={!overview || current[1] - current[0] <= MIN_WINDOW} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="btn btn-small" onClick={() => zoomBy(0.5)} disabled={!zoomed} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="btn btn-small" onClick={() => setWin(null)} disabled={!zoomed}>
            Reset
          </button>
        </div>
        <label className="small row" style={{ gap: "0.3rem" }}>
          Colour
          <select value={scale} onChange={(e) => setScale(e.currentTarget.value as Scale)} aria-label="Colour scale">
            <option value="ZSCORE">z-score per gene</option>
            <option value="RAW">raw values</option>
          </select>
        </label>
        {columnsToggle ? (
          <label className="small row" style={{ gap: "0.3rem" }}>
            <input type="checkbox" checked={columns === "ALL"} onChange={(e) => setColumns(e.currentTarget.checked ? "ALL" : "BICLUSTER")} />
            All conditions
          </label>
        ) : null}
        {timed ? (
          <label className="small row" style={{ gap: "0.3rem" }}>
            Columns
            <select value={axisMode} onChange={(e) => setAxisMode(e.currentTarget.value as "time" | "even" | "auto")} aria-label="Column spacing">
              <option value="auto">by time (auto)</option>
              <option value="time">on a time axis</option>
              <option value="even">evenly spaced</option>
            </select>
          </label>
        ) : null}
        <form
          className="row"
          style={{ gap: "0.3rem" }}
          onSubmit={(e) => {
            e.preventDefault();
            void search(new FormData(e.currentTarget).get("q")?.toString() ?? "");
          }}
        >
          <input type="search" name="q" placeholder="Find genes" aria-label="Find genes in the heatmap" defaultValue={query} style={{ width: 140 }} />
          <button type="submit" className="btn btn-small">
            Find
          </button>
          {query ? (
            <span className="small muted" aria-live="polite" data-testid="heatmap-matches">
              {matchCount === 0 ? "no match" : `${matchAt + 1} of ${matchCount}`}
              {matches.length > 1 ? (
                <>
                  {" "}
                  <button type="button" className="linklike" onClick={() => step(-1)} aria-label="Previous match">
                    ‹
                  </button>{" "}
                  <button type="button" className="linklike" onClick={() => step(1)} aria-label="Next match">
                    ›
                  </button>
                </>
              ) : null}
            </span>
          ) : null}
        </form>
        <span className="spacer" />
        <span className="row" style={{ gap: "0.35rem" }} role="group" aria-label="Export the heatmap">
          <button type="button" className="btn btn-small" onClick={exportPng} disabled={!overview}>
            PNG
          </button>
          <button type="button" className="btn btn-small" onClick={exportSvg} disabled={!overview}>
            SVG
          </button>
        </span>
      </div>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="iheatmap-stage" style={{ height: g.height }} data-testid="heatmap" role="img" aria-label={`Heatmap of ${title}. ${status}. Colour: ${scaleLabel(scale)}.`}>
        {overview ? null : <div className="skeleton" style={{ position: "absolute", inset: 0 }} aria-hidden="true" />}
        <canvas
          ref={canvasRef}
          onMouseDown={onMouseDown}
          onMouseMove={onMouseMove}
          onMouseUp={onMouseUp}
          onMouseLeave={() => {
            drag.current = null;
            setHover(null);
          }}
          onDoubleClick={(e) => {
            const { y } = pointer(e);
            if (y >= g.heatTop && y <= g.heatTop + g.heatH) zoomBy(3, (y - g.heatTop) / g.heatH);
          }}
          style={{ cursor: zoomed ? "grab" : "zoom-in", display: overview ? "block" : "none" }}
        />
        {hover ? (
          <div className="iheatmap-tip" style={{ left: Math.min(hover.x + 14, g.width - 240), top: hover.y + 14 }} role="tooltip">
            {hover.text.map((t, k) => (
              <div key={k} className={k === 0 ? "strong" : undefined}>
                {t}
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <p className="small muted" style={{ margin: "0.35rem 0 0" }} data-testid="heatmap-status">
        {status}. {overview ? `${overview.ordering.charAt(0).toUpperCase()}${overview.ordering.slice(1)}.` : ""} Scroll or double-click to zoom, drag to
        pan, click the strip on the right to jump.
      </p>
    </div>
  );
}
