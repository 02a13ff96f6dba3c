"use client";
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";
import { DIVERGING, labelInterval, symmetricRange } from "./scale.ts";

export interface HeatmapProps {
  /** Row labels (genes), top to bottom. */
  rows: string[];
  /** Column labels (conditions), left to right. */
  columns: string[];
  /** rows x columns; null = missing. */
  values: (number | null)[][];
  /** What a value is, for the legend and tooltip (e.g. "z-score"). */
  valueLabel?: string;
  /** Accessible description of the chart. */
  label: string;
  height?: number;
}

export default function Heatmap({ rows, columns, values, valueLabel = "value", label, height }: HeatmapProps) {
  const chartHeight = height ?? Math.min(720, Math.max(260, rows.length * 14 + 110));
  const option = useMemo(() => {
    const range = symmetricRange(values);
    const data: [number, number, number | "-"][] = [];
    // ECharts' category y axis runs bottom-up; reverse so the first row is drawn at the top.
    const n = rows.length;
    values.forEach((row, i) => {
      row.forEach((v, j) => {
        data.push([j, n - 1 - i, v === null || !Number.isFinite(v) ? "-" : Math.round(v * 1000) / 1000]);
      });
    });
    const longestRow = rows.reduce((m, r) => Math.max(m, r.length), 0);
    const rotate = columns.length > 12 ? 45 : 0;
    return {
      animation: false,
      tooltip: {
        position: "top",
        formatter: (p: { value: [number, number, number | "-"] }) => {
          const [j, y, v] = p.value;
          const gene = rows[n - 1 - y] ?? "";
          const cond = columns[j] ?? "";
          return `<b>${escapeHtml(gene)}</b><br/>${escapeHtml(cond)}: ${v === "-" ? "missing" : v}`;
        },
      },
      grid: {
        left: Math.min(160, 16 + longestRow * 7),
        right: 56,
        top: 10,
        bottom: rotate ? 70 : 36,
        show: true,
        backgroundColor: "#e4e7ec",
        borderWidth: 0,
      },
      xAxis: {
        type: "category",
        data: columns,
        splitArea: { show: false },
        axisLabel: { rotate, interval: labelInterval(columns.length, 900, 16), fontSize: 11 },
        axisTick: { show: false },
        name: "",
      },
      yAxis: {
        type: "category",
        data: [...rows].reverse(),
        axisLabel: { interval: labelInterval(rows.length, chartHeight - 110, 12), fontSize: 11 },
        axisTick: { show: false },
      },
      visualMap: {
        min: -range,
        max: range,
        calculable: false,
        orient: "vertical",
        right: 4,
        top: "center",
        itemWidth: 14,
        itemHeight: Math.max(80, Math.min(200, chartHeight - 140)),
        text: [`+${range.toFixed(1)}`, `−${range.toFixed(1)}`],
        textGap: 6,
        textStyle: { fontSize: 11, color: "#5b6676" },
        inRange: { color: DIVERGING },
        hoverLink: true,
      },
      series: [
        {
          name: valueLabel,
          type: "heatmap",
          data: data.map(([x, y, v]) => [x, y, v === "-" ? "-" : Math.max(-range, Math.min(range, v))]),
          progressive: 5000,
          emphasis: { itemStyle: { borderColor: "#111", borderWidth: 1 } },
        },
      ],
    };
  }, [rows, columns, values, valueLabel, chartHeight]);

  return (
    <figure style={{ margin: 0 }}>
      <div role="img" aria-label={label} data-testid="heatmap">
        <ReactECharts echarts={echarts} option={option} notMerge style={{ height: chartHeight, width: "100%" }} />
      </div>
      <figcaption className="small muted">
        Colour: {valueLabel}, blue below 0, white at 0, red above 0 (scale clipped at the 98th percentile).
        {values.some((r) => r.some((v) => v === null)) ? " Grey cells are missing values." : null}
      </figcaption>
    </figure>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
