"use client";
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";
import { labelInterval } from "./scale.ts";

export interface ProfilePlotProps {
  /** Condition labels along the x axis. */
  columns: string[];
  /** Member genes' profiles (null = missing). */
  profiles: { name: string; values: (number | null)[] }[];
  /** The mean profile, drawn on top. */
  mean: number[];
  /** Column indices to shade (e.g. the bicluster's conditions). */
  highlight?: number[];
  valueLabel?: string;
  label: string;
  height?: number;
}

/** Most member lines drawn (the rest are still part of the mean). */
const MAX_LINES = 300;

export default function ProfilePlot({ columns, profiles, mean, highlight = [], valueLabel = "z-score", label, height = 340 }: ProfilePlotProps) {
  const option = useMemo(() => {
    const shown = profiles.slice(0, MAX_LINES);
    // Shading every condition says nothing: only shade a proper subset.
    const shaded = highlight.length > 0 && highlight.length < columns.length ? highlight : [];
    const areas = contiguousRuns(shaded).map(([a, b]) => [{ xAxis: columns[a] }, { xAxis: columns[b] }]);
    return {
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; name: string; value: number | null }) =>
          `<b>${escapeHtml(p.seriesName)}</b><br/>${escapeHtml(p.name)}: ${p.value === null ? "missing" : Number(p.value).toFixed(3)}`,
      },
      legend: { data: ["Mean profile", "Member genes"], top: 0, right: 0, selectedMode: false },
      grid: { left: 50, right: 20, top: 30, bottom: columns.length > 12 ? 70 : 40 },
      xAxis: {
        type: "category",
        data: columns,
        boundaryGap: false,
        axisLabel: { rotate: columns.length > 12 ? 45 : 0, interval: labelInterval(columns.length, 900, 16), fontSize: 11 },
      },
      yAxis: { type: "value", name: valueLabel, nameTextStyle: { align: "left" }, splitLine: { lineStyle: { color: "#eef0f3" } } },
      series: [
        ...shown.map((p, i) => ({
          name: i === 0 ? "Member genes" : p.name,
          type: "line",
          data: p.values.map((v) => (v === null || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000)),
          showSymbol: false,
          triggerLineEvent: true,
          connectNulls: false,
          lineStyle: { width: 1, color: "#7f8ea3", opacity: 0.35 },
          itemStyle: { color: "#7f8ea3" },
          emphasis: { focus: "series", lineStyle: { width: 2, opacity: 1, color: "#344054" } },
          z: 1,
          // the first line carries the legend entry; tooltips use the gene name
          ...(i === 0 ? { tooltip: { formatter: () => escapeHtml(p.name) } } : {}),
        })),
        {
          name: "Mean profile",
          type: "line",
          data: mean.map((v) => Math.round(v * 1000) / 1000),
          showSymbol: true,
          symbolSize: 5,
          lineStyle: { width: 3.5, color: "#d92d20" },
          itemStyle: { color: "#d92d20" },
          z: 10,
          markArea: areas.length
            ? { silent: true, itemStyle: { color: "rgba(36, 86, 201, 0.07)" }, data: areas }
            : undefined,
        },
      ],
    };
  }, [columns, profiles, mean, highlight, valueLabel]);

  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={label} data-testid="profile-plot">
        <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%" }} />
      </div>
      <figcaption className="small muted">
        Grey: each member gene ({profiles.length > MAX_LINES ? `first ${MAX_LINES} of ${profiles.length}` : profiles.length}
        ). Red: the mean profile.
        {highlight.length > 0 && highlight.length < columns.length ? " Shaded: the bicluster's conditions." : " The bicluster spans every condition."}
      </figcaption>
    </figure>
  );
}

/** [start, end] index pairs of consecutive runs in a sorted index list. */
function contiguousRuns(indices: number[]): [number, number][] {
  const sorted = [...indices].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && i === last[1] + 1) last[1] = i;
    else runs.push([i, i]);
  }
  return runs;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
