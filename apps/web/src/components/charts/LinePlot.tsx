"use client";
// Lines on numeric axes: ROC curves (with the chance diagonal), scores against noise level or
// a criterion against K (with the chosen K marked).
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";
import { escapeHtml } from "./escape.ts";

export interface LineSeries {
  name: string;
  points: { x: number; y: number }[];
}

export interface LinePlotProps {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  label: string;
  /** Draw the diagonal y = x from (0,0) to (1,1) (ROC chance line). */
  diagonal?: boolean;
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  height?: number;
  /** Mark a chosen x (e.g. the K that was chosen). */
  markX?: number;
}

const PALETTE = ["#2456c9", "#d92d20", "#12b76a", "#f79009", "#7a5af8", "#0ba5ec", "#667085", "#ee46bc"];

export default function LinePlot({ series, xLabel, yLabel, label, diagonal, xMin, xMax, yMin, yMax, height = 300, markX }: LinePlotProps) {
  const option = useMemo(
    () => ({
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; value: [number, number] }) =>
          `<b>${escapeHtml(p.seriesName)}</b><br/>${escapeHtml(xLabel)}: ${Number(p.value[0]).toFixed(3)}<br/>${escapeHtml(yLabel)}: ${Number(p.value[1]).toFixed(3)}`,
      },
      legend: series.length > 1 ? { top: 0, type: "scroll" } : undefined,
      grid: { left: 56, right: 24, top: series.length > 1 ? 34 : 16, bottom: 48 },
      xAxis: { type: "value", name: xLabel, nameLocation: "middle", nameGap: 28, min: xMin, max: xMax, splitLine: { lineStyle: { color: "#eef0f3" } } },
      yAxis: { type: "value", name: yLabel, nameLocation: "middle", nameGap: 40, min: yMin, max: yMax, splitLine: { lineStyle: { color: "#eef0f3" } } },
      series: [
        ...series.map((s, k) => {
          const color = PALETTE[k % PALETTE.length];
          const line = {
            name: s.name,
            type: "line",
            data: s.points.map((p) => [p.x, p.y]),
            showSymbol: s.points.length <= 30,
            symbolSize: 5,
            lineStyle: { width: 2, color },
            itemStyle: { color },
            ...(markX !== undefined && k === 0 ? { markLine: { silent: true, symbol: "none", lineStyle: { color: "#98a2b3", type: "dashed" }, data: [{ xAxis: markX }] } } : {}),
          };
          return line;
        }),
        ...(diagonal ? [{ name: "chance", type: "line", silent: true, showSymbol: false, lineStyle: { color: "#98a2b3", type: "dashed" }, data: [[0, 0], [1, 1]], tooltip: { show: false } }] : []),
      ],
    }),
    [series, xLabel, yLabel, diagonal, xMin, xMax, yMin, yMax, markX],
  );
  return (
    <div role="img" aria-label={label} data-testid="line-plot">
      <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%" }} />
    </div>
  );
}
