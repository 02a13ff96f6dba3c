"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatEmpiricalP, formatInt, formatNumber, formatPValue } from "../../lib/format.ts";
import { Empty } from "../ui.tsx";

export interface BiclusterRow {
  id: string;
  index: number;
  geneCount: number;
  conditionCount: number;
  msr: number;
  silhouette?: number | null;
  pValue?: number | null;
  /** 1/(permutations + 1): a p-value at it means "< floor". */
  pValueFloor?: number | null;
  pValueAtFloor?: boolean | null;
  /** BH q-value across the run's biclusters, when the engine reports it. */
  qValue?: number | null;
  /** The engine's quality flags (read the bicluster with care). */
  flags?: { code: string; reason: string }[];
  genes: { gene: string }[];
}

/** Most significant gene-set terms of a bicluster (by id), when loaded. */
export type TopTerms = Record<string, { name: string; description: string; qValue?: number | null }[]>;

type SortKey = "size" | "msr" | "silhouette" | "pValue" | "qValue" | "index";

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: "size", label: "Size", title: "genes × conditions" },
  { key: "msr", label: "MSR", title: "Mean squared residue: lower is more coherent" },
  { key: "silhouette", label: "Silhouette", title: "Mean silhouette of member genes: higher is better separated" },
  { key: "pValue", label: "p-value", title: "Empirical p-value of the bicluster's evidence against null biclusters found the same way in gene-shuffled data (“< x” at the smallest value the null draws allow)" },
];

function compare(a: BiclusterRow, b: BiclusterRow, key: SortKey): number {
  const nullsLast = (x: number | null | undefined, y: number | null | undefined, dir: 1 | -1) => {
    if (x === null || x === undefined) return y === null || y === undefined ? 0 : 1;
    if (y === null || y === undefined) return -1;
    return (x - y) * dir;
  };
  switch (key) {
    case "size":
      return b.geneCount * b.conditionCount - a.geneCount * a.conditionCount || b.geneCount - a.geneCount;
    case "msr":
      return a.msr - b.msr;
    case "silhouette":
      return nullsLast(a.silhouette, b.silhouette, -1);
    case "pValue":
      // Many biclusters share the floor: ties go to the more coherent (lower MSR) one.
      return nullsLast(a.pValue, b.pValue, 1) || (a.pValue != null && b.pValue != null ? a.msr - b.msr : 0);
    case "qValue":
      return nullsLast(a.qValue, b.qValue, 1) || a.msr - b.msr;
    default:
      return a.index - b.index;
  }
}

export function BiclusterTable({ biclusters, topTerms, termsLabel = "Top GO term" }: { biclusters: BiclusterRow[]; topTerms?: TopTerms | null; termsLabel?: string }) {
  const [sort, setSort] = useState<SortKey>("size");
  const [reverse, setReverse] = useState(false);
  const rows = useMemo(() => {
    const sorted = [...biclusters].sort((a, b) => compare(a, b, sort) || a.index - b.index);
    if (!reverse) return sorted;
    // Reversing keeps missing values last.
    const key = sort === "pValue" ? "pValue" : sort === "qValue" ? "qValue" : sort === "silhouette" ? "silhouette" : null;
    if (!key) return sorted.reverse();
    const present = sorted.filter((b) => b[key] != null).reverse();
    return [...present, ...sorted.filter((b) => b[key] == null)];
  }, [biclusters, sort, reverse]);
  const withQ = biclusters.some((b) => b.qValue != null);
  const columns = withQ ? [...COLUMNS, { key: "qValue" as const, label: "q-value", title: "Benjamini–Hochberg q-value across the run's biclusters" }] : COLUMNS;
  const floors = biclusters.filter((b) => b.pValueAtFloor).length;

  if (biclusters.length === 0) {
    return (
      <Empty title="No biclusters were found">
        <p style={{ margin: 0 }}>Try a fixed K, fewer background genes, or a longer training.</p>
      </Empty>
    );
  }
  const header = (key: SortKey, label: string, title: string) => {
    const active = sort === key;
    return (
      <th key={key} className="num nowrap" aria-sort={active ? (reverse ? "descending" : "ascending") : "none"} title={title}>
        <button
          type="button"
          className="sort"
          onClick={() => {
            if (active) setReverse((r) => !r);
            else {
              setSort(key);
              setReverse(false);
            }
          }}
        >
          {label} {active ? (reverse ? "▲" : "▼") : ""}
        </button>
      </th>
    );
  };
  return (
    <div className="table-wrap">
      <p className="small muted">
        Sorted by {columns.find((c) => c.key === sort)?.label ?? "run order"}; click a column header to sort.
        {floors > 0 ? ` ${floors} of ${biclusters.length} p-values are at the smallest value the permutations allow (shown as “< …”); ties sort by MSR.` : ""}
      </p>
      <table className="table" aria-label="Biclusters">
        <thead>
          <tr>
            <th>Bicluster</th>
            {columns.map((c) => header(c.key, c.label, c.title))}
            {topTerms !== undefined ? <th>{termsLabel}</th> : null}
            <th>Top genes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <td className="nowrap">
                <Link href={`/biclusters/${b.id}`}>Bicluster {b.index + 1}</Link>
                {b.flags?.length ? (
                  <span className="badge badge-flag" title={b.flags.map((f) => f.reason).join("\n")} aria-label={`Flags: ${b.flags.map((f) => f.reason).join("; ")}`}>
                    ⚠ {b.flags.map((f) => f.code).join(", ")}
                  </span>
                ) : null}
              </td>
              <td className="num nowrap">
                {formatInt(b.geneCount)} × {formatInt(b.conditionCount)}
              </td>
              <td className="num">{formatNumber(b.msr)}</td>
              <td className="num">{formatNumber(b.silhouette ?? null, 2)}</td>
              <td className="num nowrap">{formatEmpiricalP(b.pValue, b.pValueFloor, b.pValueAtFloor)}</td>
              {withQ ? <td className="num">{formatPValue(b.qValue ?? null)}</td> : null}
              {topTerms !== undefined ? (
                <td className="small">
                  {topTerms === null ? (
                    <span className="muted">…</span>
                  ) : topTerms[b.id]?.length ? (
                    topTerms[b.id]!.map((t) => (
                      <div key={t.name} title={t.name}>
                        {t.description || t.name} <span className="muted">q {formatPValue(t.qValue ?? null)}</span>
                      </div>
                    ))
                  ) : (
                    <span className="muted">none at q ≤ 0.05</span>
                  )}
                </td>
              ) : null}
              <td className="small">
                {b.genes.slice(0, 6).map((g) => g.gene).join(", ")}
                {b.geneCount > 6 ? ", …" : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
