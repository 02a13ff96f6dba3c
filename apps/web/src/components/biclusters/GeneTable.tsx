"use client";
// The member genes of a bicluster: searchable, sortable, in pages, with the team's annotation.
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatNumber } from "../../lib/format.ts";
import { StatusBadge } from "../ui.tsx";

export interface MemberGene {
  gene: string;
  silhouette?: number | null;
  /** Time points late (negative: early) against the bicluster's pattern; null when the run allowed no lags. */
  lag?: number | null;
  annotationStatus?: string | null;
  annotation?: { note: string; tags: string[] } | null;
}

type Key = "gene" | "silhouette" | "lag" | "status";
const PAGE = 50;
const STATUS_ORDER: Record<string, number> = { VALIDATED: 0, CANDIDATE: 1, REJECTED: 2 };

export function GeneTable({ genes, teamId }: { genes: MemberGene[]; teamId: string }) {
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<Key>("silhouette");
  const [desc, setDesc] = useState(true);
  const [page, setPage] = useState(0);
  const rows = useMemo(() => {
    const q = query.trim().toUpperCase();
    const hit = q ? genes.filter((g) => g.gene.toUpperCase().includes(q) || g.annotation?.note.toUpperCase().includes(q) || g.annotation?.tags.some((t) => t.toUpperCase().includes(q))) : genes;
    const cmp = (a: MemberGene, b: MemberGene): number => {
      if (sort === "gene") return a.gene.localeCompare(b.gene, "en", { numeric: true });
      if (sort === "status") return (STATUS_ORDER[a.annotationStatus ?? ""] ?? 9) - (STATUS_ORDER[b.annotationStatus ?? ""] ?? 9);
      const x = (sort === "lag" ? a.lag : a.silhouette) ?? null;
      const y = (sort === "lag" ? b.lag : b.silhouette) ?? null;
      // Missing values last in both directions.
      if (x === null || y === null) return x === y ? 0 : x === null ? (desc ? -1 : 1) : desc ? 1 : -1;
      return x - y;
    };
    const sorted = [...hit].sort((a, b) => cmp(a, b) || a.gene.localeCompare(b.gene));
    return desc ? sorted.reverse() : sorted;
  }, [genes, query, sort, desc]);
  // The lag column only for runs that allowed lags (maxLag > 0).
  const lagged = genes.some((g) => g.lag !== null && g.lag !== undefined);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const at = Math.min(page, pages - 1);
  const shown = rows.slice(at * PAGE, at * PAGE + PAGE);

  const header = (key: Key, label: string, num = false) => (
    <th className={num ? "num" : undefined} aria-sort={sort === key ? (desc ? "descending" : "ascending") : "none"}>
      <button
        type="button"
        className="sort"
        onClick={() => {
          if (sort === key) setDesc((d) => !d);
          else {
            setSort(key);
            setDesc(key === "silhouette");
          }
          setPage(0);
        }}
      >
        {label} {sort === key ? (desc ? "▼" : "▲") : ""}
      </button>
    </th>
  );

  return (
    <div className="stack" style={{ gap: "0.5rem" }}>
      <div className="row">
        <input
          type="search"
          placeholder="Search genes, notes, tags"
          aria-label="Search member genes"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setPage(0);
          }}
          style={{ width: 240 }}
        />
        <span className="small muted">
          {rows.length === genes.length ? `${genes.length} genes` : `${rows.length} of ${genes.length} genes`}
        </span>
      </div>
      <div className="table-wrap">
        <table className="table" aria-label="Member genes">
          <thead>
            <tr>
              {header("gene", "Gene")}
              {header("silhouette", "Silhouette", true)}
              {lagged ? header("lag", "Lag (time points)", true) : null}
              {header("status", "Biomarker status")}
              <th>Note</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((g) => (
              <tr key={g.gene}>
                <td>
                  <Link href={`/genes/${encodeURIComponent(g.gene)}?team=${teamId}`}>{g.gene}</Link>
                </td>
                <td className="num">{formatNumber(g.silhouette ?? null, 2)}</td>
                {lagged ? <td className="num">{g.lag === null || g.lag === undefined ? "–" : g.lag > 0 ? `+${g.lag}` : String(g.lag)}</td> : null}
                <td>{g.annotationStatus ? <StatusBadge status={g.annotationStatus} /> : <span className="muted small">not annotated</span>}</td>
                <td className="small">
                  {g.annotation?.note ? g.annotation.note.slice(0, 80) : ""}
                  {g.annotation?.tags.map((t) => (
                    <span key={t} className="tag">
                      {t}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 ? (
        <div className="pager" role="navigation" aria-label="Gene pages">
          <button type="button" className="btn btn-small" onClick={() => setPage(at - 1)} disabled={at === 0}>
            Previous
          </button>
          <span className="small">
            Page {at + 1} of {pages}
          </span>
          <button type="button" className="btn btn-small" onClick={() => setPage(at + 1)} disabled={at >= pages - 1}>
            Next
          </button>
        </div>
      ) : null}
    </div>
  );
}
