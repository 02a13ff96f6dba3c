"use client";
import { biclusterCsv, biclusterGmt, biclusterJson, download, type BiclusterExport } from "../../lib/export.ts";

export function ExportButtons({ bicluster, runLabel }: { bicluster: BiclusterExport; runLabel: string }) {
  const base = `${runLabel}-bicluster-${bicluster.index + 1}`.replace(/[^A-Za-z0-9._-]+/g, "_");
  return (
    <div className="row" role="group" aria-label="Export">
      <span className="small muted">Export</span>
      <button type="button" className="btn btn-small" onClick={() => download(`${base}.csv`, biclusterCsv(bicluster), "text/csv")}>
        CSV
      </button>
      <button type="button" className="btn btn-small" onClick={() => download(`${base}.json`, biclusterJson(bicluster), "application/json")}>
        JSON
      </button>
      <button type="button" className="btn btn-small" onClick={() => download(`${base}.gmt`, biclusterGmt(bicluster, runLabel), "text/plain")}>
        GMT
      </button>
    </div>
  );
}
