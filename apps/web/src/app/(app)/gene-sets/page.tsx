import type { Metadata } from "next";
import { GeneSetImport, DeleteLibraryButton } from "../../../components/GeneSetImport.tsx";
import { Card, PageHeader } from "../../../components/ui.tsx";
import { graphql } from "../../../generated/index.ts";
import { formatInt, formatRelative } from "../../../lib/format.ts";
import { pageQuery } from "../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../lib/viewer.ts";

export const metadata: Metadata = { title: "Gene-set libraries" };

const LibrariesQuery = graphql(`
  query GeneSetLibrariesPage($teamId: ID!) {
    geneSetLibraries(teamId: $teamId) {
      id
      name
      description
      source
      licence
      builtIn
      setCount
      geneCount
      createdAt
      createdBy {
        name
      }
    }
  }
`);

export default async function GeneSetsPage() {
  const { team } = await getViewer();
  const { geneSetLibraries } = await pageQuery(LibrariesQuery, { teamId: team.id });
  const writer = canWrite(team.myRole);
  return (
    <>
      <PageHeader title="Gene-set libraries" subtitle={`What ${team.name} tests biclusters against for enrichment.`} />
      <div className="grid-main-side">
        <Card title="Libraries">
          <div className="table-wrap">
            <table className="table" aria-label="Gene-set libraries">
              <thead>
                <tr>
                  <th>Library</th>
                  <th className="num">Sets</th>
                  <th className="num">Genes</th>
                  <th>Added</th>
                  {writer ? <th><span className="sr-only">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {geneSetLibraries.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <strong>{l.name}</strong> {l.builtIn ? <span className="badge">built in</span> : null}
                      {l.description ? <div className="small">{l.description}</div> : null}
                      {l.source ? <div className="small muted">{l.source}</div> : null}
                      {l.licence ? <div className="small muted">Licence: {l.licence}</div> : null}
                    </td>
                    <td className="num">{formatInt(l.setCount)}</td>
                    <td className="num">{formatInt(l.geneCount)}</td>
                    <td className="nowrap">{l.builtIn ? "shipped" : <>{formatRelative(l.createdAt)}<div className="small muted">by {l.createdBy?.name ?? "–"}</div></>}</td>
                    {writer ? <td>{l.builtIn ? null : <DeleteLibraryButton id={l.id} name={l.name} />}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        <Card title="Import a library">
          <GeneSetImport teamId={team.id} canWrite={writer} />
        </Card>
      </div>
    </>
  );
}
