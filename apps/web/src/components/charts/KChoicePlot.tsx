"use client";
// How K was chosen: the criterion per K that the scan computed (gap statistic, silhouette or the
// elbow of the inertia), with the chosen K marked; where the automatic K was checked against the
// biclusters each K gives, those counts as bars instead of the inertia.
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";

export interface KScore {
  k: number;
  gap?: number | null;
  gapIncrement?: number | null;
  silhouette?: number | null;
  inertia: number;
  biclusters?: number | null;
}

export interface KChoicePlotProps {
  scores: KScore[];
  chosen: number;
  criterion: string;
  height?: number;
}

/** Which series explains the choice, by the criterion's name. */
type SeriesKey = "gap" | "silhouette" | "inertia" | "biclusters";

export function criterionSeries(criterion: string, scores: KScore[]): { key: SeriesKey; label: string }[] {
  const has = (k: "gap" | "silhouette" | "biclusters") => scores.some((s) => s[k] !== null && s[k] !== undefined);
  const c = criterion.toLowerCase();
  const out: { key: SeriesKey; label: string }[] = [];
  if (c.includes("gap") && has("gap")) out.push({ key: "gap", label: "gap statistic" });
  if (c.includes("silhouette") && has("silhouette")) out.push({ key: "silhouette", label: "mean silhouette" });
  if (out.length === 0) {
    if (has("gap")) out.push({ key: "gap", label: "gap statistic" });
    if (has("silhouette")) out.push({ key: "silhouette", label: "mean silhouette" });
  }
  if (has("biclusters")) out.push({ key: "biclusters", label: "biclusters this K gives" });
  else out.push({ key: "inertia", label: "inertia (within-cluster sum of squares)" });
  return out;
}

export default function KChoicePlot({ scores, chosen, criterion, height = 260 }: KChoicePlotProps) {
  const option = useMemo(() => {
    const series = criterionSeries(criterion, scores);
    const ks = scores.map((s) => s.k);
    const colors = ["#2456c9", "#17703a", "#98a2b3"];
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, data: series.map((s) => s.label) },
      grid: { left: 56, right: 70, top: 34, bottom: 36 },
      xAxis: { type: "category", data: ks.map(String), name: "K", nameLocation: "middle", nameGap: 24 },
      yAxis: [
        { type: "value", scale: true, splitLine: { lineStyle: { color: "#eef0f3" } } },
        series.some((s) => s.key === "biclusters")
          ? { type: "value", minInterval: 1, max: (v: { max: number }) => v.max + 1, splitLine: { show: false }, name: "biclusters", nameTextStyle: { color: "#98a2b3" }, axisLabel: { color: "#98a2b3" } }
          : { type: "value", scale: true, splitLine: { show: false }, name: "inertia", nameTextStyle: { color: "#98a2b3" }, axisLabel: { color: "#98a2b3" } },
      ],
      series: series.map((s, i) => ({
        name: s.label,
        type: s.key === "biclusters" ? "bar" : "line",
        yAxisIndex: s.key === "inertia" || s.key === "biclusters" ? 1 : 0,
        data: scores.map((x) => {
          const v = x[s.key];
          return v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(4));
        }),
        symbolSize: 6,
        lineStyle: { width: s.key === "inertia" ? 1.5 : 2.5, type: s.key === "inertia" ? "dashed" : "solid" },
        itemStyle: { color: s.key === "biclusters" ? "#c5d4f2" : (colors[i] ?? "#667085") },
        ...(i === 0
          ? { markLine: { symbol: "none", silent: true, label: { formatter: `chosen K = ${chosen}` }, lineStyle: { color: "#d92d20", type: "solid" }, data: [{ xAxis: String(chosen) }] } }
          : {}),
      })),
    };
  }, [scores, chosen, criterion]);
  return (
    <figure style={{ margin: 0 }} data-testid="k-choice-plot">
      <div role="img" aria-label={`Criterion per K (${criterion}); chosen K = ${chosen}`}>
        <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%" }} />
      </div>
    </figure>
  );
}
