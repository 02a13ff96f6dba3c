"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { formatInt, formatNumber, formatPValue } from "../../lib/format.ts";
import { Empty } from "../ui.tsx";

export interface BiclusterRow {
  id: string;
  index: number;
  geneCount: number;
  conditionCount: number;
  msr: number;
  silhouette?: number | null;
  pValue?: number | null;
  genes: { gene: string }[];
}

type SortKey = "size" | "msr" | "silhouette" | "pValue" | "index";

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  { key: "size", label: "Size", title: "genes × conditions" },
  { key: "msr", label: "MSR", title: "Mean squared residue: lower is more coherent" },
  { key: "silhouette", label: "Silhouette", title: "Mean silhouette of member genes: higher is better separated" },
  { key: "pValue", label: "p-value", title: "Empirical p-value of the MSR against random submatrices" },
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
      return nullsLast(a.pValue, b.pValue, 1);
    default:
      return a.index - b.index;
  }
}

export function BiclusterTable({ biclusters }: { biclusters: BiclusterRow[] }) {
  const [sort, setSort] = useState<SortKey>("size");
  const [reverse, setReverse] = useState(false);
  const rows = useMemo(() => {
    const sorted = [...biclusters].sort((a, b) => compare(a, b, sort) || a.index - b.index);
    return reverse ? sorted.reverse() : sorted;
  }, [biclusters, sort, reverse]);

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
      <th className="num" aria-sort={active ? (reverse ? "descending" : "ascending") : "none"} title={title}>
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
      <p className="small muted">Sorted by {COLUMNS.find((c) => c.key === sort)?.title ?? "run order"}; click a column header to sort.</p>
      <table className="table" aria-label="Biclusters">
        <thead>
          <tr>
            <th>Bicluster</th>
            {COLUMNS.map((c) => header(c.key, c.label, c.title))}
            <th>Top genes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((b) => (
            <tr key={b.id}>
              <td className="nowrap">
                <Link href={`/biclusters/${b.id}`}>Bicluster {b.index + 1}</Link>
              </td>
              <td className="num nowrap">
                {formatInt(b.geneCount)} × {formatInt(b.conditionCount)}
              </td>
              <td className="num">{formatNumber(b.msr)}</td>
              <td className="num">{formatNumber(b.silhouette ?? null, 2)}</td>
              <td className="num">{formatPValue(b.pValue ?? null)}</td>
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
