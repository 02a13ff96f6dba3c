import type { Metadata } from "next";
import Link from "next/link";
import { BenchmarkRunForm, ClassifyRunForm, RegressRunForm } from "../../../../../components/runs/KindRunForms.tsx";
import { NewRunForm } from "../../../../../components/runs/NewRunForm.tsx";
import { Alert, Card, PageHeader } from "../../../../../components/ui.tsx";
import { graphql } from "../../../../../generated/index.ts";
import type { RunKind } from "../../../../../generated/graphql.ts";
import { formatInt } from "../../../../../lib/format.ts";
import { pageQuery } from "../../../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../../../lib/viewer.ts";

export const metadata: Metadata = { title: "New run" };

const NewRunQuery = graphql(`
  query NewRun($id: ID!, $kind: RunKind!) {
    dataset(id: $id) {
      id
      teamId
      name
      kind
      geneCount
      conditionCount
      sampleColumns
      truth {
        source
      }
      conditions {
        id
      }
    }
    biclusterMethods: methods(kind: BICLUSTER) {
      ...MethodFormView
    }
    methods(kind: $kind) {
      ...MethodFormView
    }
  }
`);

const PanelQuery = graphql(`
  query NewRunPanel($id: ID!) {
    bicluster(id: $id) {
      id
      index
      geneCount
      run {
        title
      }
    }
  }
`);

const KINDS: Record<string, { kind: RunKind; title: string }> = {
  BICLUSTER: { kind: "BICLUSTER", title: "Find biclusters" },
  CLASSIFY: { kind: "CLASSIFY", title: "Train a classifier" },
  REGRESS: { kind: "REGRESS", title: "Compare regressors" },
  BENCHMARK: { kind: "BENCHMARK", title: "Compare biclustering methods" },
};

export default async function NewRunPage(props: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await props.params;
  const sp = await props.searchParams;
  const { kind, title } = KINDS[typeof sp.kind === "string" ? sp.kind : "BICLUSTER"] ?? KINDS.BICLUSTER!;
  const [{ dataset, methods, biclusterMethods }, { teams }] = await Promise.all([pageQuery(NewRunQuery, { id, kind }), getViewer()]);
  // Viewers are told up front, before they fill in a form the API would refuse.
  const writer = canWrite(teams.find((t) => t.id === dataset.teamId)?.myRole ?? "VIEWER");
  const panelId = typeof sp.bicluster === "string" ? sp.bicluster : null;
  const panel = panelId && kind === "CLASSIFY" ? (await pageQuery(PanelQuery, { id: panelId })).bicluster : null;
  const what = dataset.kind === "TIME_COURSE" ? "time points" : dataset.kind === "DE_TABLE" ? "columns" : "samples";
  let form;
  if (!writer) {
    form = (
      <Alert kind="info" title="Viewers cannot start runs">
        You can explore this dataset and its runs. Ask an admin of the team for the member role to start runs. <Link href={`/datasets/${dataset.id}`}>Back to the dataset</Link>.
      </Alert>
    );
  } else if (kind === "CLASSIFY") {
    form =
      dataset.sampleColumns.length === 0 ? (
        <Alert kind="info" title="No classes yet">
          A classifier learns the samples&apos; classes from the sample metadata. Import a sample sheet with a column of classes (e.g. tumour type) for this
          dataset first.
        </Alert>
      ) : (
        <ClassifyRunForm
          datasetId={dataset.id}
          methods={methods}
          sampleColumns={dataset.sampleColumns}
          panel={panel ? { biclusterId: panel.id, genes: panel.geneCount, title: `bicluster ${panel.index + 1} of ${panel.run.title}` } : null}
        />
      );
  } else if (kind === "REGRESS") {
    form =
      dataset.kind !== "DE_TABLE" ? (
        <Alert kind="info">Regressors are compared on a DE table: compute one from two groups on the dataset page, or import a topTable.</Alert>
      ) : (
        <RegressRunForm datasetId={dataset.id} methods={methods} columns={dataset.conditions.map((c) => c.id)} />
      );
  } else if (kind === "BENCHMARK") {
    const truth = dataset.truth ? { planted: "planted truth", "truth-file": "truth file", "gene-classes": "gene classes" }[dataset.truth.source] ?? "truth" : null;
    form = <BenchmarkRunForm datasetId={dataset.id} methods={biclusterMethods} truth={truth} />;
  } else {
    form = <NewRunForm datasetId={dataset.id} methods={methods} />;
  }
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/datasets">Datasets</Link> / <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link>
          </>
        }
        title={title}
        subtitle={`${dataset.name}: ${formatInt(dataset.geneCount)} genes × ${formatInt(dataset.conditionCount)} ${what}.`}
      />
      <Card>{form}</Card>
    </>
  );
}
