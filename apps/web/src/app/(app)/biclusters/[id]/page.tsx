import type { Metadata } from "next";
import Link from "next/link";
import { ExportButtons } from "../../../../components/biclusters/ExportButtons.tsx";
import { EnrichmentPanel } from "../../../../components/biclusters/EnrichmentPanel.tsx";
import { GeneTable } from "../../../../components/biclusters/GeneTable.tsx";
import { ProfilePlot } from "../../../../components/charts/index.tsx";
import { Comments } from "../../../../components/Comments.tsx";
import { InteractiveHeatmap } from "../../../../components/heatmap/index.tsx";
import { Alert, Card, PageHeader, Stat } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import { formatEmpiricalP, formatInt, formatNumber, formatPValue } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../../lib/viewer.ts";

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
      pValueFloor
      pValueAtFloor
      qValue
      evidence
      flags {
        code
        reason
      }
      meanProfile
      conditions {
        id
      }
      genes {
        gene
        silhouette
        lag
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
  const [{ bicluster: b, comments }, { teams }] = await Promise.all([pageQuery(BiclusterQuery, { id }), getViewer()]);
  const writer = canWrite(teams.find((t) => t.id === b.run.teamId)?.myRole ?? "VIEWER");
  const name = `Bicluster ${b.index + 1}`;
  const runLabel = `${b.run.dataset.name}-${b.run.method}-seed${b.run.seed}`;
  const annotated = b.genes.filter((g) => g.annotationStatus).length;
  const profiles = b.memberProfiles.map((p) => ({ name: p.gene, values: p.zscores }));
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href={`/datasets/${b.run.dataset.id}`}>{b.run.dataset.name}</Link> / <Link href={`/runs/${b.run.id}`}>{b.run.title}</Link>
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
                genes: b.genes.map((g) => ({ gene: g.gene, silhouette: g.silhouette ?? null, status: g.annotationStatus ?? null })),
              }}
            />
            <a className="btn btn-small" href={`/api/export/biclusters/${b.id}/matrix.csv`} download title="Genes × the bicluster's conditions, raw values">
              Values (CSV)
            </a>
          </>
        }
      />
      <div className="stack">
        <div className="stat-grid">
          <Stat label="Genes" value={formatInt(b.geneCount)} />
          <Stat label="Conditions" value={formatInt(b.conditionCount)} />
          <Stat label="MSR" value={formatNumber(b.msr, 4)} hint="lower = more coherent" />
          <Stat label="Silhouette" value={formatNumber(b.silhouette ?? null, 3)} hint="higher = better separated" />
          <Stat
            label="p-value"
            value={formatEmpiricalP(b.pValue, b.pValueFloor, b.pValueAtFloor)}
            hint={
              b.pValueAtFloor && b.pValueFloor
                ? `no null bicluster was as strong (smallest possible with ${Math.round(1 / b.pValueFloor - 1)} draws)`
                : "evidence vs null biclusters from gene-shuffled data"
            }
          />
          {b.qValue !== null && b.qValue !== undefined ? <Stat label="q-value" value={formatPValue(b.qValue)} hint="BH over the run's biclusters" /> : null}
          {b.evidence !== null && b.evidence !== undefined ? (
            <Stat label="Evidence" value={`${formatNumber(b.evidence, 1)} nats`} hint="log-likelihood gain over a patternless block, after the size penalty" />
          ) : null}
        </div>
        {b.flags.length > 0 ? (
          <Alert kind="warning" title="Read this bicluster with care">
            <ul style={{ margin: 0 }}>
              {b.flags.map((f) => (
                <li key={f.code}>{f.reason}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <Card title="Heatmap">
          <InteractiveHeatmap
            source={{ biclusterId: b.id }}
            title={`${b.run.dataset.name} ${name}`}
            columnsToggle
            height={Math.min(420, Math.max(200, b.geneCount * 16))}
          />
        </Card>
        <Card title="Gene-set enrichment">
          <EnrichmentPanel biclusterId={b.id} teamId={b.run.teamId} />
        </Card>
        <div className="grid-2" style={{ alignItems: "start" }}>
          <Card title={`Genes (${b.genes.length})`} actions={<span className="small muted">{annotated} annotated by your team</span>}>
            <GeneTable genes={b.genes} teamId={b.run.teamId} />
          </Card>
          <Card title="Member profiles">
            <ProfilePlot
              columns={b.run.dataset.conditions.map((c) => c.id)}
              profiles={profiles}
              mean={b.meanProfile}
              highlight={b.conditionIndices}
              label={`Expression profiles of the member genes of ${name} with the mean profile`}
            />
          </Card>
        </div>
        <Card title="Discussion">
          <Comments on={{ target: "BICLUSTER", biclusterId: b.id }} initial={comments.nodes} canWrite={writer} teamId={b.run.teamId} />
        </Card>
      </div>
    </>
  );
}
