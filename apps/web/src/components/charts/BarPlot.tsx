"use client";
// Grouped bars with optional error bars (mean ± spread): per-class F1, feature importance,
// benchmark metrics per method.
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";
import { escapeHtml } from "./escape.ts";

export interface BarSeries {
  name: string;
  values: (number | null)[];
  /** Half-width of the error bar per category (e.g. the sd); omitted = none. */
  errors?: (number | null)[];
}

export interface BarPlotProps {
  categories: string[];
  series: BarSeries[];
  valueLabel: string;
  label: string;
  /** Value axis range, e.g. [0, 1] for scores. */
  min?: number;
  max?: number;
  height?: number;
  horizontal?: boolean;
  digits?: number;
}

const PALETTE = ["#2456c9", "#d92d20", "#12b76a", "#f79009", "#7a5af8", "#0ba5ec", "#667085", "#ee46bc"];

export default function BarPlot({ categories, series, valueLabel, label, min, max, height = 300, horizontal = false, digits = 3 }: BarPlotProps) {
  const option = useMemo(() => {
    const n = series.length;
    const catAxis = { type: "category", data: categories, axisLabel: { interval: 0, rotate: !horizontal && categories.length > 6 ? 30 : 0, fontSize: 11 } };
    const valAxis = { type: "value", name: valueLabel, min, max, splitLine: { lineStyle: { color: "#eef0f3" } } };
    const bars = series.map((s, k) => ({
      name: s.name,
      type: "bar",
      data: s.values,
      itemStyle: { color: PALETTE[k % PALETTE.length] },
      barMaxWidth: 28,
    }));
    // Error bars as a custom series drawn over each bar's centre.
    const errorSeries = series.flatMap((s, k) =>
      s.errors
        ? [
            {
              name: `${s.name} spread`,
              type: "custom",
              silent: true,
              z: 10,
              data: s.values.map((v, i) => [i, v, s.errors![i] ?? null]),
              renderItem: (_params: unknown, api: { value(i: number): number; coord(p: number[]): number[]; size(p: number[]): number[] }) => {
                const i = api.value(0);
                const v = api.value(1);
                const e = api.value(2);
                if (!Number.isFinite(v) || !Number.isFinite(e) || e <= 0) return null;
                const band = api.size(horizontal ? [0, 1] : [1, 0])[horizontal ? 1 : 0]!;
                const offset = ((k - (n - 1) / 2) * band * 0.8) / Math.max(n, 1);
                const lo = api.coord(horizontal ? [v - e, i] : [i, v - e]);
                const hi = api.coord(horizontal ? [v + e, i] : [i, v + e]);
                const shift = (p: number[]) => (horizontal ? [p[0]!, p[1]! + offset] : [p[0]! + offset, p[1]!]);
                const [a, b] = [shift(lo), shift(hi)];
                const cap = 4;
                const line = (x1: number, y1: number, x2: number, y2: number) => ({ type: "line", shape: { x1, y1, x2, y2 }, style: { stroke: "#101828", lineWidth: 1.2 } });
                return {
                  type: "group",
                  children: horizontal
                    ? [line(a[0]!, a[1]!, b[0]!, b[1]!), line(a[0]!, a[1]! - cap, a[0]!, a[1]! + cap), line(b[0]!, b[1]! - cap, b[0]!, b[1]! + cap)]
                    : [line(a[0]!, a[1]!, b[0]!, b[1]!), line(a[0]! - cap, a[1]!, a[0]! + cap, a[1]!), line(b[0]! - cap, b[1]!, b[0]! + cap, b[1]!)],
                };
              },
            },
          ]
        : [],
    );
    return {
      animation: false,
      tooltip: {
        trigger: "axis",
        axisPointer: { type: "shadow" },
        formatter: (items: { seriesName: string; seriesIndex: number; dataIndex: number; name: string }[]) => {
          const rows = items
            .filter((it) => it.seriesIndex < n)
            .map((it) => {
              const s = series[it.seriesIndex]!;
              const v = s.values[it.dataIndex];
              const e = s.errors?.[it.dataIndex];
              const text = v === null || v === undefined ? "–" : v.toFixed(digits) + (e ? ` ± ${e.toFixed(digits)}` : "");
              return `${escapeHtml(s.name)}: <b>${text}</b>`;
            });
          return `<b>${escapeHtml(items[0]?.name ?? "")}</b><br/>${rows.join("<br/>")}`;
        },
      },
      legend: n > 1 ? { top: 0 } : undefined,
      grid: { left: horizontal ? 140 : 56, right: 24, top: n > 1 ? 34 : 16, bottom: !horizontal && categories.length > 6 ? 70 : 36 },
      xAxis: horizontal ? valAxis : catAxis,
      yAxis: horizontal ? { ...catAxis, inverse: true } : valAxis,
      series: [...bars, ...errorSeries],
    };
  }, [categories, series, valueLabel, min, max, horizontal, digits]);
  return (
    <div role="img" aria-label={label} data-testid="bar-plot">
      <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%" }} />
    </div>
  );
}
