"use client";
// Points on two numeric axes (parity plots: actual vs predicted with the y = x line; volcano
// plots: logFC vs -log10 p with highlighted points), with a tooltip naming each point.
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";
import { escapeHtml } from "./escape.ts";

export interface ScatterGroup {
  name: string;
  color: string;
  points: { x: number; y: number; label: string }[];
}

export interface ScatterPlotProps {
  groups: ScatterGroup[];
  xLabel: string;
  yLabel: string;
  label: string;
  /** Draw the y = x line (parity plots). */
  identity?: boolean;
  height?: number;
}

export default function ScatterPlot({ groups, xLabel, yLabel, label, identity = false, height = 340 }: ScatterPlotProps) {
  const option = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const g of groups) for (const p of g.points) {
      lo = Math.min(lo, p.x, identity ? p.y : p.x);
      hi = Math.max(hi, p.x, identity ? p.y : p.x);
    }
    return {
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesIndex: number; dataIndex: number }) => {
          const pt = groups[p.seriesIndex]?.points[p.dataIndex];
          return pt ? `<b>${escapeHtml(pt.label)}</b><br/>${escapeHtml(xLabel)}: ${pt.x.toFixed(3)}<br/>${escapeHtml(yLabel)}: ${pt.y.toFixed(3)}` : "";
        },
      },
      legend: groups.length > 1 ? { top: 0 } : undefined,
      grid: { left: 60, right: 24, top: groups.length > 1 ? 34 : 16, bottom: 48 },
      xAxis: { type: "value", name: xLabel, nameLocation: "middle", nameGap: 28, scale: true, splitLine: { lineStyle: { color: "#eef0f3" } } },
      yAxis: { type: "value", name: yLabel, nameLocation: "middle", nameGap: 42, scale: true, splitLine: { lineStyle: { color: "#eef0f3" } } },
      series: [
        ...groups.map((g) => ({
          name: g.name,
          type: "scatter",
          symbolSize: 5,
          large: g.points.length > 2000,
          itemStyle: { color: g.color, opacity: 0.7 },
          data: g.points.map((p) => [p.x, p.y]),
        })),
        ...(identity && Number.isFinite(lo)
          ? [{ name: "y = x", type: "line", silent: true, showSymbol: false, lineStyle: { color: "#98a2b3", type: "dashed" }, data: [[lo, lo], [hi, hi]], tooltip: { show: false } }]
          : []),
      ],
    };
  }, [groups, xLabel, yLabel, identity]);
  return (
    <div role="img" aria-label={label} data-testid="scatter-plot">
      <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%" }} />
    </div>
  );
}
