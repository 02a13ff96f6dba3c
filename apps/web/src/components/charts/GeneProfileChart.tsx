"use client";
// One gene's profile in each dataset that has it: values over the conditions, on a time axis when
// the dataset's conditions have times (hours), else in column order; raw or z-scored.
import ReactECharts from "echarts-for-react/lib/core";
import { useMemo, useState } from "react";
import { echarts } from "./echarts.ts";

export interface GeneProfileSeries {
  datasetId: string;
  datasetName: string;
  gene: string;
  conditions: { id: string; time?: number | null; group?: string | null }[];
  values: (number | null)[];
  zscores: (number | null)[];
}

const COLORS = ["#2456c9", "#d92d20", "#17703a", "#b07aa1", "#f28e2b", "#76b7b2"];

export default function GeneProfileChart({ profiles, height = 300 }: { profiles: GeneProfileSeries[]; height?: number }) {
  const [z, setZ] = useState(profiles.length > 1);
  const timed = profiles.every((p) => p.conditions.length > 0 && p.conditions.every((c) => c.time !== null && c.time !== undefined));
  const option = useMemo(() => {
    const series = profiles.map((p, k) => {
      const ys = z ? p.zscores : p.values;
      return {
        name: p.datasetName,
        type: "line",
        showSymbol: true,
        symbolSize: 5,
        connectNulls: false,
        lineStyle: { width: 2 },
        itemStyle: { color: COLORS[k % COLORS.length] },
        data: timed
          ? p.conditions.map((c, j) => [c.time as number, ys[j] === null || ys[j] === undefined ? null : Number((ys[j] as number).toPrecision(4)), c.id])
          : ys.map((v) => (v === null ? null : Number(v.toPrecision(4)))),
      };
    });
    const first = profiles[0];
    return {
      animation: false,
      tooltip: {
        trigger: "item",
        formatter: (p: { seriesName: string; value: unknown; name: string }) => {
          const v = Array.isArray(p.value) ? p.value : [p.name, p.value];
          return `${escapeHtml(p.seriesName)}<br/>${escapeHtml(String(Array.isArray(p.value) ? `${v[2]} (${v[0]} h)` : p.name))}: ${v[1] ?? "missing"}`;
        },
      },
      legend: { top: 0, type: "scroll" },
      grid: { left: 52, right: 20, top: 32, bottom: 44 },
      xAxis: timed
        ? { type: "value", name: "time (h)", nameLocation: "middle", nameGap: 26, splitLine: { show: false } }
        : { type: "category", data: first?.conditions.map((c) => c.id) ?? [], axisLabel: { rotate: (first?.conditions.length ?? 0) > 12 ? 45 : 0, fontSize: 11 } },
      yAxis: { type: "value", name: z ? "z-score" : "expression", scale: true, splitLine: { lineStyle: { color: "#eef0f3" } } },
      series,
    };
  }, [profiles, z, timed]);
  return (
    <figure style={{ margin: 0 }} data-testid="gene-profile">
      <label className="small row" style={{ gap: "0.3rem", justifyContent: "flex-end" }}>
        <input type="checkbox" checked={z} onChange={(e) => setZ(e.currentTarget.checked)} />
        z-score per dataset (to compare datasets on different scales)
      </label>
      <div role="img" aria-label={`Expression of ${profiles[0]?.gene ?? "the gene"} in ${profiles.length} dataset(s)`}>
        <ReactECharts echarts={echarts} option={option} notMerge style={{ height, width: "100%" }} />
      </div>
    </figure>
  );
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
