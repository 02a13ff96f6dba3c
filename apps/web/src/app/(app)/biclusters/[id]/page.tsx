import type { Metadata } from "next";
import Link from "next/link";
import { BiclusterCharts } from "../../../../components/biclusters/BiclusterCharts.tsx";
import { ExportButtons } from "../../../../components/biclusters/ExportButtons.tsx";
import { Card, PageHeader, Stat, StatusBadge } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import { formatInt, formatNumber, formatPValue } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../../lib/viewer.ts";
import { Comments } from "../../../../components/Comments.tsx";

export const metadata: Metadata = { title: "Bicluster" };

const BiclusterQuery = graphql(`
  query BiclusterPage($id: ID!) {
    comments(target: BICLUSTER, biclusterId: $id, first: 100) {
      nodes {
        ...CommentView
      }
    }
    bicluster(id: $id) {
      id
      index
      runId
      geneCount
      conditionCount
      conditionIndices
      msr
      silhouette
      pValue
      meanProfile
      conditions {
        id
      }
      genes {
        gene
        silhouette
        annotationStatus
        annotation {
          note
          tags
        }
      }
      memberProfiles(limit: 300) {
        gene
        zscores
      }
      run {
        id
        teamId
        method
        title
        seed
        biclusterCount
        dataset {
          id
          name
          conditions {
            id
          }
        }
      }
    }
  }
`);

export default async function BiclusterPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const [{ bicluster: b, comments }, { teams }] = await Promise.all([
    pageQuery(BiclusterQuery, { id }),
    getViewer(),
  ]);
  const writer = canWrite(teams.find((t) => t.id === b.run.teamId)?.myRole ?? "VIEWER");
  const name = `Bicluster ${b.index + 1}`;
  const runLabel = `${b.run.dataset.name}-${b.run.method}-seed${b.run.seed}`;
  const annotated = b.genes.filter((g) => g.annotationStatus).length;
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href={`/datasets/${b.run.dataset.id}`}>{b.run.dataset.name}</Link> /{" "}
            <Link href={`/runs/${b.run.id}`}>{b.run.title}</Link>
          </>
        }
        title={`${name} of ${b.run.biclusterCount}`}
        subtitle={`${formatInt(b.geneCount)} genes co-expressed over ${formatInt(b.conditionCount)} of ${b.run.dataset.conditions.length} conditions: ${b.conditions
          .map((c) => c.id)
          .slice(0, 8)
          .join(", ")}${b.conditions.length > 8 ? ", …" : ""}`}
        actions={
          <>
            {writer ? (
              <Link
                className="btn btn-small"
                href={`/datasets/${b.run.dataset.id}/new-run?kind=CLASSIFY&bicluster=${b.id}`}
                title="Train a classifier on these genes as a panel"
              >
                Classify with these genes
              </Link>
            ) : null}
            <ExportButtons
              runLabel={runLabel}
              bicluster={{
                id: b.id,
                runId: b.runId,
                index: b.index,
                msr: b.msr,
                silhouette: b.silhouette ?? null,
                pValue: b.pValue ?? null,
                meanProfile: b.meanProfile,
                conditions: b.conditions.map((c) => c.id),
                genes: b.genes.map((g) => ({
                  gene: g.gene,
                  silhouette: g.silhouette ?? null,
                  status: g.annotationStatus ?? null,
                })),
              }}
            />
          </>
        }
      />
      <div className="stack">
        <div className="stat-grid">
          <Stat label="Genes" value={formatInt(b.geneCount)} />
          <Stat label="Conditions" value={formatInt(b.conditionCount)} />
          <Stat label="MSR" value={formatNumber(b.msr, 4)} hint="lower = more coherent" />
          <Stat
            label="Silhouette"
            value={formatNumber(b.silhouette ?? null, 3)}
            hint="higher = better separated"
          />
          <Stat label="p-value" value={formatPValue(b.pValue ?? null)} hint="MSR vs random submatrices" />
        </div>
        <BiclusterCharts
          name={name}
          conditions={b.run.dataset.conditions.map((c) => c.id)}
          conditionIndices={b.conditionIndices}
          profiles={b.memberProfiles}
          meanProfile={b.meanProfile}
        />
        <Card
          title={`Genes (${b.genes.length})`}
          actions={<span className="small muted">{annotated} annotated by your team</span>}
        >
          <div className="table-wrap" style={{ maxHeight: 520, overflowY: "auto" }}>
            <table className="table" aria-label="Member genes">
              <thead>
                <tr>
                  <th>Gene</th>
                  <th className="num">Silhouette</th>
                  <th>Biomarker status</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {b.genes.map((g) => (
                  <tr key={g.gene}>
                    <td>
                      <Link href={`/genes/${encodeURIComponent(g.gene)}?team=${b.run.teamId}`}>{g.gene}</Link>
                    </td>
                    <td className="num">{formatNumber(g.silhouette ?? null, 2)}</td>
                    <td>
                      {g.annotationStatus ? (
                        <StatusBadge status={g.annotationStatus} />
                      ) : (
                        <span className="muted small">not annotated</span>
                      )}
                    </td>
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
        </Card>
        <Card title="Discussion">
          <Comments
            on={{ target: "BICLUSTER", biclusterId: b.id }}
            initial={comments.nodes}
            canWrite={writer}
          />
        </Card>
      </div>
    </>
  );
}
