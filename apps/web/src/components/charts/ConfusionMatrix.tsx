"use client";
// A confusion matrix as a heatmap: rows = true class, columns = predicted class; each cell shows
// its count, coloured by the share of its row (recall of the class on the diagonal).
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo } from "react";
import { echarts } from "./echarts.ts";
import { escapeHtml } from "./escape.ts";

export default function ConfusionMatrix({ classes, counts, label }: { classes: string[]; counts: number[][]; label: string }) {
  const option = useMemo(() => {
    const n = classes.length;
    const data: [number, number, number, number][] = [];
    counts.forEach((row, i) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      row.forEach((c, j) => data.push([j, n - 1 - i, c / total, c]));
    });
    return {
      animation: false,
      tooltip: {
        formatter: (p: { value: [number, number, number, number] }) => {
          const [j, y, share, c] = p.value;
          return `true <b>${escapeHtml(classes[n - 1 - y] ?? "")}</b>, predicted <b>${escapeHtml(classes[j] ?? "")}</b>: ${c} (${Math.round(share * 100)}% of the class)`;
        },
      },
      grid: { left: 110, right: 20, top: 10, bottom: 60 },
      xAxis: { type: "category", data: classes, name: "predicted", nameLocation: "middle", nameGap: 40, axisLabel: { interval: 0, rotate: n > 6 ? 30 : 0 } },
      yAxis: { type: "category", data: [...classes].reverse(), name: "true", axisLabel: { interval: 0 } },
      visualMap: { min: 0, max: 1, show: false, dimension: 2, inRange: { color: ["#f7f7f7", "#92c5de", "#2166ac"] } },
      series: [
        {
          type: "heatmap",
          data,
          label: { show: true, formatter: (p: { value: [number, number, number, number] }) => String(p.value[3]), color: "#101828" },
          itemStyle: { borderColor: "#fff", borderWidth: 1 },
        },
      ],
    };
  }, [classes, counts]);
  const height = Math.min(520, 90 + classes.length * 44);
  return (
    <div role="img" aria-label={label} data-testid="confusion-matrix">
      <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%", maxWidth: 160 + classes.length * 90 }} />
    </div>
  );
}
