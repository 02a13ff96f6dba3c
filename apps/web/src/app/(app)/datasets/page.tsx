import type { Metadata } from "next";
import Link from "next/link";
import { DeleteDatasetButton } from "../../../components/datasets/DeleteDatasetButton.tsx";
import { ImportForm } from "../../../components/datasets/ImportForm.tsx";
import { SyntheticDatasetForm } from "../../../components/datasets/SyntheticDatasetForm.tsx";
import { Card, Empty, PageHeader } from "../../../components/ui.tsx";
import { graphql } from "../../../generated/index.ts";
import { formatInt, formatRelative } from "../../../lib/format.ts";
import { pageQuery } from "../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../lib/viewer.ts";

export const metadata: Metadata = { title: "Datasets" };

const DatasetsQuery = graphql(`
  query Datasets($teamId: ID!) {
    datasets(teamId: $teamId, first: 100) {
      totalCount
      nodes {
        id
        name
        description
        kind
        format
        geneCount
        conditionCount
        missingCount
        runCount
        createdAt
        createdBy {
          name
        }
      }
    }
  }
`);

export default async function DatasetsPage() {
  const { team } = await getViewer();
  const { datasets } = await pageQuery(DatasetsQuery, { teamId: team.id });
  const writer = canWrite(team.myRole);
  return (
    <>
      <PageHeader title="Datasets" subtitle={`Expression matrices of ${team.name}: genes as rows, conditions as columns.`} />
      <div className="grid-main-side">
        <Card title={`All datasets (${datasets.totalCount})`}>
          {datasets.nodes.length === 0 ? (
            <Empty title="No datasets yet">
              <p style={{ margin: 0 }}>Import a CSV, TSV, Excel (.xlsx), GCT or GEO series-matrix file with the form on this page.</p>
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Kind</th>
                    <th className="num">Genes</th>
                    <th className="num">Conditions</th>
                    <th className="num">Runs</th>
                    <th>Imported</th>
                    {writer ? <th><span className="sr-only">Actions</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {datasets.nodes.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <Link href={`/datasets/${d.id}`}>{d.name}</Link>
                        {d.description ? <div className="small muted">{d.description}</div> : null}
                      </td>
                      <td>{d.kind === "TIME_COURSE" ? "Time course" : "Samples"}</td>
                      <td className="num">{formatInt(d.geneCount)}</td>
                      <td className="num">{formatInt(d.conditionCount)}</td>
                      <td className="num">{formatInt(d.runCount)}</td>
                      <td className="nowrap">
                        {formatRelative(d.createdAt)}
                        <div className="small muted">by {d.createdBy.name}</div>
                      </td>
                      {writer ? (
                        <td>
                          <DeleteDatasetButton id={d.id} name={d.name} runCount={d.runCount} />
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        {writer ? (
          <Card title="Create a synthetic dataset with a known answer">
            <details>
              <summary style={{ cursor: "pointer" }}>Planted designs for benchmarks (temporal and Prelic-style)</summary>
              <div style={{ marginTop: "0.75rem" }}>
                <SyntheticDatasetForm teamId={team.id} />
              </div>
            </details>
          </Card>
        ) : null}
        <Card title="Import a dataset">
          <ImportForm teamId={team.id} canWrite={writer} />
        </Card>
      </div>
    </>
  );
}
