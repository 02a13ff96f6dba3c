"use client";
import { download, toCsv } from "../lib/export.ts";

export interface BoardRow {
  gene: string;
  status: string;
  note: string;
  tags: string[];
  evidenceLinks: string[];
  version: number;
  updatedAt: string;
  author: { name: string };
}

export function BiomarkerExport({ rows, teamName }: { rows: BoardRow[]; teamName: string }) {
  return (
    <button
      type="button"
      className="btn"
      disabled={rows.length === 0}
      onClick={() =>
        download(
          `${teamName.replace(/[^A-Za-z0-9._-]+/g, "_")}-biomarkers.csv`,
          toCsv(
            ["gene", "status", "note", "tags", "evidence_links", "version", "updated_at", "updated_by"],
            rows.map((r) => [r.gene, r.status, r.note, r.tags.join(";"), r.evidenceLinks.join(" "), r.version, r.updatedAt, r.author.name]),
          ),
          "text/csv",
        )
      }
    >
      Export CSV ({rows.length})
    </button>
  );
}
