import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, Empty, PageHeader, Stat } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import type { ComparedRunFragment } from "../../../../generated/graphql.ts";
import { formatInt, formatNumber, formatRelative } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";

export const metadata: Metadata = { title: "Compare runs" };

// Both sides of the comparison; registered with codegen here and spread twice in CompareQuery.
graphql(`
  fragment ComparedRun on Run {
    id
    title
    method
    seed
    result {
      ... on BiclusterRunResult {
        totalSeconds
        metrics {
          ...BiclusterMetricsView
        }
      }
    }
    createdAt
    biclusterCount
    dataset {
      id
      name
    }
  }
`);

const CompareQuery = graphql(`
  query CompareRuns($a: ID!, $b: ID!) {
    compareRuns(a: $a, b: $b) {
      sameDataset
      recoveryAInB
      recoveryBInA
      unmatchedA
      unmatchedB
      a {
        ...ComparedRun
      }
      b {
        ...ComparedRun
      }
      pairs {
        aId
        aIndex
        bId
        bIndex
        jaccard
        sharedGenes
      }
      consensus {
        aId
        bId
        jaccard
        genes
      }
    }
  }
`);

type Metrics = NonNullable<Extract<ComparedRunFragment["result"], { metrics: unknown }>>["metrics"];

/** The metrics compared side by side, with how each reads. */
const METRIC_ROWS: { label: string; value: (m: Metrics) => string }[] = [
  { label: "Biclusters", value: (m) => formatInt(m.biclusters) },
  { label: "Silhouette", value: (m) => formatNumber(m.silhouette, 3) },
  { label: "Mean MSR", value: (m) => formatNumber(m.msrMean, 4) },
  { label: "Median p-value", value: (m) => formatNumber(m.pValueMedian, 4) },
  { label: "Genes assigned", value: (m) => formatInt(m.assignedGenes) },
  { label: "Background genes", value: (m) => formatInt(m.unassignedGenes) },
];

function metricsOf(r: ComparedRunFragment): Metrics | null {
  return r.result && "metrics" in r.result ? r.result.metrics : null;
}

export default async function ComparePage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await props.searchParams;
  const a = typeof sp.a === "string" ? sp.a : undefined;
  const b = typeof sp.b === "string" ? sp.b : undefined;
  if (!a || !b) notFound();
  const { compareRuns: c } = await pageQuery(CompareQuery, { a, b });
  const label = (r: ComparedRunFragment) => r.title;
  const [ma, mb] = [metricsOf(c.a), metricsOf(c.b)];
  return (
    <>
      <PageHeader
        crumbs={<Link href={`/runs/${c.a.id}`}>Back to run A</Link>}
        title="Compare runs"
        subtitle={
          <>
            A: <Link href={`/runs/${c.a.id}`}>{label(c.a)}</Link> on {c.a.dataset.name} ({formatRelative(c.a.createdAt)}) · B:{" "}
            <Link href={`/runs/${c.b.id}`}>{label(c.b)}</Link> on {c.b.dataset.name} ({formatRelative(c.b.createdAt)})
          </>
        }
      />
      <div className="stack">
        {!c.sameDataset ? <p className="alert alert-warning">The two runs are on different datasets: gene overlaps are by gene name.</p> : null}
        <div className="stat-grid">
          <Stat label="A found in B" value={formatNumber(c.recoveryAInB, 2)} hint="mean best-match Jaccard" />
          <Stat label="B found in A" value={formatNumber(c.recoveryBInA, 2)} hint="mean best-match Jaccard" />
          <Stat label="Consensus" value={c.consensus.length} hint="pairs with Jaccard ≥ 0.5" />
          <Stat label="Unmatched" value={`${c.unmatchedA} / ${c.unmatchedB}`} hint="in A / in B" />
        </div>
        <div className="grid-2" style={{ alignItems: "start" }}>
          <Card title="Metrics">
            <table className="table">
              <thead>
                <tr>
                  <th>Metric</th>
                  <th className="num">A</th>
                  <th className="num">B</th>
                </tr>
              </thead>
              <tbody>
                {METRIC_ROWS.map((row) => (
                  <tr key={row.label}>
                    <td>{row.label}</td>
                    <td className="num">{ma ? row.value(ma) : "–"}</td>
                    <td className="num">{mb ? row.value(mb) : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <Card title="Matched biclusters">
            {c.pairs.length === 0 ? (
              <Empty title="No biclusters share genes" />
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>A</th>
                    <th>B</th>
                    <th className="num">Shared genes</th>
                    <th className="num">Jaccard</th>
                  </tr>
                </thead>
                <tbody>
                  {c.pairs.map((p) => (
                    <tr key={`${p.aId}-${p.bId}`}>
                      <td>
                        <Link href={`/biclusters/${p.aId}`}>Bicluster {p.aIndex + 1}</Link>
                      </td>
                      <td>
                        <Link href={`/biclusters/${p.bId}`}>Bicluster {p.bIndex + 1}</Link>
                      </td>
                      <td className="num">{p.sharedGenes}</td>
                      <td className="num">{formatNumber(p.jaccard, 2)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        </div>
        <Card title="Consensus gene groups">
          {c.consensus.length === 0 ? (
            <Empty title="No consensus biclusters">
              <p style={{ margin: 0 }}>No matched pair overlaps by half or more of its genes.</p>
            </Empty>
          ) : (
            <ul className="feed">
              {c.consensus.map((g) => (
                <li key={`${g.aId}-${g.bId}`}>
                  <strong>{g.genes.length} genes</strong> (Jaccard {formatNumber(g.jaccard, 2)}):{" "}
                  <span className="small">{g.genes.slice(0, 30).join(", ")}{g.genes.length > 30 ? ", …" : ""}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
