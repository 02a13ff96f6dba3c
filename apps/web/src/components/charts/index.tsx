"use client";
// Charts load in the browser only (ECharts draws on a canvas), with a placeholder meanwhile.
import dynamic from "next/dynamic";

function ChartPlaceholder() {
  return <div className="skeleton" style={{ height: 300 }} aria-label="Loading chart" role="status" />;
}

export const KChoicePlot = dynamic(() => import("./KChoicePlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const ProfilePlot = dynamic(() => import("./ProfilePlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const GeneProfileChart = dynamic(() => import("./GeneProfileChart.tsx"), { ssr: false, loading: ChartPlaceholder });
export const BarPlot = dynamic(() => import("./BarPlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const ScatterPlot = dynamic(() => import("./ScatterPlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const LinePlot = dynamic(() => import("./LinePlot.tsx"), { ssr: false, loading: ChartPlaceholder });
export const ConfusionMatrix = dynamic(() => import("./ConfusionMatrix.tsx"), { ssr: false, loading: ChartPlaceholder });
