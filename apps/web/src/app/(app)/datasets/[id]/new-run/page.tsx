import type { Metadata } from "next";
import Link from "next/link";
import { NewRunForm } from "../../../../../components/runs/NewRunForm.tsx";
import { Alert, Card, PageHeader } from "../../../../../components/ui.tsx";
import { graphql } from "../../../../../generated/index.ts";
import { formatInt } from "../../../../../lib/format.ts";
import { pageQuery } from "../../../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../../../lib/viewer.ts";

export const metadata: Metadata = { title: "New run" };

const NewRunQuery = graphql(`
  query NewRun($id: ID!) {
    dataset(id: $id) {
      id
      teamId
      name
      kind
      geneCount
      conditionCount
    }
    methods(kind: BICLUSTER) {
      ...MethodFormView
    }
  }
`);

export default async function NewRunPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const [{ dataset, methods }, { teams }] = await Promise.all([pageQuery(NewRunQuery, { id }), getViewer()]);
  const writer = canWrite(teams.find((t) => t.id === dataset.teamId)?.myRole ?? "VIEWER");
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/datasets">Datasets</Link> / <Link href={`/datasets/${dataset.id}`}>{dataset.name}</Link>
          </>
        }
        title="New run"
        subtitle={`Find biclusters in ${dataset.name}: ${formatInt(dataset.geneCount)} genes × ${formatInt(dataset.conditionCount)} ${
          dataset.kind === "TIME_COURSE" ? "time points" : "samples"
        }.`}
      />
      <Card>
        {writer ? (
          <NewRunForm datasetId={dataset.id} methods={methods} />
        ) : (
          <Alert kind="info" title="Viewers cannot start runs">
            You can explore this dataset and its runs. Ask an admin of the team for the member role to start runs. <Link href={`/datasets/${dataset.id}`}>Back to the dataset</Link>.
          </Alert>
        )}
      </Card>
    </>
  );
}
