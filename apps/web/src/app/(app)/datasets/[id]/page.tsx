import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "../../../../components/AutoRefresh.tsx";
import { ConditionsEditor } from "../../../../components/datasets/ConditionsEditor.tsx";
import { DatasetAnalyses } from "../../../../components/datasets/DatasetAnalyses.tsx";
import { TruthCard } from "../../../../components/datasets/TruthCard.tsx";
import { DeleteDatasetButton } from "../../../../components/datasets/DeleteDatasetButton.tsx";
import { InteractiveHeatmap } from "../../../../components/heatmap/index.tsx";
import { RunsTable } from "../../../../components/runs/RunsTable.tsx";
import { Card, PageHeader, Stat } from "../../../../components/ui.tsx";
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
      conditionsVersion
      conditions {
        index
        id
        time
        timeUnit
        label
        group
        replicate
        subject
      }
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
  // The heatmap loads in the browser (its own request), so the page itself answers at once.
  const [{ dataset, runs }, { teams }] = await Promise.all([pageQuery(DatasetQuery, { id }), getViewer()]);
  const role = teams.find((t) => t.id === dataset.teamId)?.myRole ?? "VIEWER";
  const writer = canWrite(role);
  const cells = dataset.geneCount * dataset.conditionCount;
  const active = runs.nodes.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
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
          <InteractiveHeatmap source={{ datasetId: dataset.id }} title={dataset.name} />
        </Card>
        {/* Full width: in half a page the runs table hid its right-hand columns behind a scrollbar. */}
        <Card title="Runs on this dataset">
          <RunsTable runs={runs.nodes} showDataset={false} emptyHint={writer ? "Choose “Start a run” above to find biclusters in this dataset." : "Nobody has run an analysis on this dataset yet."} />
        </Card>
        <Card title="Conditions">
          <ConditionsEditor key={dataset.conditionsVersion} datasetId={dataset.id} version={dataset.conditionsVersion} conditions={dataset.conditions} canEdit={writer} />
          <p className="small muted" style={{ marginTop: "0.75rem" }}>
            Imported {formatDate(dataset.createdAt)} by {dataset.createdBy.name} · format {dataset.format}
          </p>
        </Card>
      </div>
    </>
  );
}
