"use client";
// Charts load in the browser only (ECharts draws on a canvas), with a placeholder meanwhile.
import dynamic from "next/dynamic";

function ChartPlaceholder() {
  return <div className="skeleton" style={{ height: 300 }} aria-label="Loading chart" role="status" />;
}

export const KChoicePlot = dynamic(() => import("./KChoicePlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const ProfilePlot = dynamic(() => import("./ProfilePlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const GeneProfileChart = dynamic(() => import("./GeneProfileChart.tsx"), { ssr: false, loading: ChartPlaceholder });
