import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "../../../../components/AutoRefresh.tsx";
import { Heatmap } from "../../../../components/charts/index.tsx";
import { DatasetAnalyses } from "../../../../components/datasets/DatasetAnalyses.tsx";
import { TruthCard } from "../../../../components/datasets/TruthCard.tsx";
import { DeleteDatasetButton } from "../../../../components/datasets/DeleteDatasetButton.tsx";
import { RunsTable } from "../../../../components/runs/RunsTable.tsx";
import { Card, Empty, PageHeader, Stat } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import { formatDate, formatInt, formatPercent } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../../lib/viewer.ts";

export const metadata: Metadata = { title: "Dataset" };

const DatasetQuery = graphql(`
  query DatasetPage($id: ID!) {
    dataset(id: $id) {
      id
      teamId
      name
      description
      kind
      format
      sourceFilename
      geneCount
      conditionCount
      missingCount
      runCount
      sampleColumns
      truth {
        source
        classes
        labelledGenes
        biclusters
      }
      createdAt
      createdBy {
        name
      }
      conditions {
        index
        id
        time
        label
      }
    }
    heatmap(datasetId: $id, maxGenes: 60) {
      genes
      ordering
      conditions {
        id
      }
      zscores
    }
    runs(datasetId: $id, first: 20) {
      nodes {
        ...RunRowView
      }
    }
  }
`);

export default async function DatasetPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const [{ dataset, heatmap, runs }, { teams }] = await Promise.all([pageQuery(DatasetQuery, { id }), getViewer()]);
  const role = teams.find((t) => t.id === dataset.teamId)?.myRole ?? "VIEWER";
  const writer = canWrite(role);
  const cells = dataset.geneCount * dataset.conditionCount;
  const active = runs.nodes.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  const hasTimes = dataset.conditions.some((c) => c.time !== null && c.time !== undefined);
  const hasLabels = dataset.conditions.some((c) => c.label);
  return (
    <>
      <AutoRefresh active={active} />
      <PageHeader
        crumbs={<Link href="/datasets">Datasets</Link>}
        title={dataset.name}
        subtitle={dataset.description || `${dataset.kind === "TIME_COURSE" ? "Time course" : "Samples"} imported from ${dataset.sourceFilename || dataset.format}`}
        actions={
          writer ? (
            <>
              <Link className="btn btn-primary" href={`/datasets/${dataset.id}/new-run`}>
                Start a run
              </Link>
              <DeleteDatasetButton id={dataset.id} name={dataset.name} runCount={dataset.runCount} redirectTo="/datasets" />
            </>
          ) : null
        }
      />
      <div className="stack">
        <div className="stat-grid">
          <Stat label="Genes" value={formatInt(dataset.geneCount)} />
          <Stat label="Conditions" value={formatInt(dataset.conditionCount)} hint={dataset.kind === "TIME_COURSE" ? "time points" : "samples"} />
          <Stat
            label="Missing values"
            value={formatInt(dataset.missingCount)}
            hint={cells ? `${formatPercent(dataset.missingCount / cells)} of ${formatInt(cells)}` : undefined}
          />
          <Stat label="Runs" value={formatInt(dataset.runCount)} />
        </div>
        <DatasetAnalyses datasetId={dataset.id} kind={dataset.kind} sampleColumns={dataset.sampleColumns} canWrite={writer} />
        {dataset.kind !== "DE_TABLE" ? <TruthCard datasetId={dataset.id} truth={dataset.truth ?? null} canWrite={writer} /> : null}
        <Card title="Expression heatmap">
          {heatmap.genes.length === 0 ? (
            <Empty title="No genes to show" />
          ) : (
            <>
              <p className="small muted">
                {heatmap.ordering.charAt(0).toUpperCase() + heatmap.ordering.slice(1)} ({formatInt(dataset.geneCount)} genes in the
                dataset). Each gene is z-scored across conditions.
              </p>
              <Heatmap
                rows={heatmap.genes}
                columns={heatmap.conditions.map((c) => c.id)}
                values={heatmap.zscores}
                valueLabel="z-score"
                label={`Heatmap of the ${heatmap.genes.length} most variable genes of ${dataset.name}`}
              />
            </>
          )}
        </Card>
        <div className="grid-2" style={{ alignItems: "start" }}>
          <Card title="Runs on this dataset">
            <RunsTable runs={runs.nodes} showDataset={false} emptyHint={writer ? "Choose “Start a run” above to find biclusters in this dataset." : "Nobody has run an analysis on this dataset yet."} />
          </Card>
          <Card title="Conditions">
            <div className="table-wrap" style={{ maxHeight: 420, overflowY: "auto" }}>
              <table className="table">
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <th>Column</th>
                    {hasTimes ? <th className="num">Time</th> : null}
                    {hasLabels ? <th>Label</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {dataset.conditions.map((c) => (
                    <tr key={c.index}>
                      <td className="num">{c.index + 1}</td>
                      <td className="mono">{c.id}</td>
                      {hasTimes ? <td className="num">{c.time ?? "–"}</td> : null}
                      {hasLabels ? <td>{c.label ?? "–"}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="small muted" style={{ marginTop: "0.75rem" }}>
              Imported {formatDate(dataset.createdAt)} by {dataset.createdBy.name} · format {dataset.format}
            </p>
          </Card>
        </div>
      </div>
    </>
  );
}
