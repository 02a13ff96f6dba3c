"use client";
// The interactive heatmap loads in the browser only (it draws on a canvas and fetches its data).
import dynamic from "next/dynamic";

function Placeholder() {
  return <div className="skeleton" style={{ height: 520 }} aria-label="Loading the heatmap" role="status" />;
}

export const InteractiveHeatmap = dynamic(() => import("./InteractiveHeatmap.tsx"), { ssr: false, loading: Placeholder });
