import type { Metadata } from "next";
import Link from "next/link";
import { NewRunForm } from "../../../../../components/runs/NewRunForm.tsx";
import { Card, PageHeader } from "../../../../../components/ui.tsx";
import { graphql } from "../../../../../generated/index.ts";
import { formatInt } from "../../../../../lib/format.ts";
import { pageQuery } from "../../../../../lib/graphql/server.ts";

export const metadata: Metadata = { title: "New run" };

const NewRunQuery = graphql(`
  query NewRun($id: ID!) {
    dataset(id: $id) {
      id
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
  const { dataset, methods } = await pageQuery(NewRunQuery, { id });
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
        <NewRunForm datasetId={dataset.id} methods={methods} />
      </Card>
    </>
  );
}
