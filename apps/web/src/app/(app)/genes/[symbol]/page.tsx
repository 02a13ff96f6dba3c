import type { Metadata } from "next";
import Link from "next/link";
import { Comments } from "../../../../components/Comments.tsx";
import { AnnotationEditor } from "../../../../components/genes/AnnotationEditor.tsx";
import { Card, Empty, PageHeader, StatusBadge } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import { formatInt, formatNumber, formatPValue, formatRelative } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";
import { scopedTeam } from "../../../../lib/team-scope.ts";
import { canWrite } from "../../../../lib/viewer.ts";

export async function generateMetadata(props: { params: Promise<{ symbol: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await props.params).symbol) };
}

const GeneQuery = graphql(`
  query GenePage($teamId: ID!, $gene: String!) {
    biclustersByGene(teamId: $teamId, gene: $gene, first: 50) {
      totalCount
      nodes {
        id
        index
        geneCount
        conditionCount
        msr
        pValue
        run {
          id
          method
          title
          seed
          createdAt
          dataset {
            id
            name
          }
        }
      }
    }
    annotations(teamId: $teamId, gene: $gene, first: 1) {
      nodes {
        ...AnnotationView
        revisions(first: 20) {
          nodes {
            id
            version
            status
            note
            tags
            createdAt
            author {
              name
            }
          }
        }
      }
    }
    comments(target: GENE, gene: $gene, teamId: $teamId, first: 100) {
      nodes {
        ...CommentView
      }
    }
  }
`);

export default async function GenePage(props: {
  params: Promise<{ symbol: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const gene = decodeURIComponent((await props.params).symbol);
  const { team } = await scopedTeam((await props.searchParams).team);
  const data = await pageQuery(GeneQuery, { teamId: team.id, gene });
  const annotation = data.annotations.nodes[0] ?? null;
  const writer = canWrite(team.myRole);
  return (
    <>
      <PageHeader
        crumbs={<Link href="/biomarkers">Biomarkers</Link>}
        title={<span className="mono">{gene}</span>}
        subtitle={`In ${team.name}: ${data.biclustersByGene.totalCount} bicluster${data.biclustersByGene.totalCount === 1 ? "" : "s"} across your team's runs.`}
      />
      <div className="grid-2" style={{ alignItems: "start", gridTemplateColumns: "minmax(0, 3fr) minmax(320px, 2fr)" }}>
        <div className="stack">
          <Card title="Biclusters containing this gene">
            {data.biclustersByGene.nodes.length === 0 ? (
              <Empty title="Not in any bicluster yet">
                <p style={{ margin: 0 }}>No finished run of {team.name} put {gene} in a bicluster.</p>
              </Empty>
            ) : (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th>Bicluster</th>
                      <th>Dataset and run</th>
                      <th className="num">Size</th>
                      <th className="num">MSR</th>
                      <th className="num">p-value</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.biclustersByGene.nodes.map((b) => (
                      <tr key={b.id}>
                        <td className="nowrap">
                          <Link href={`/biclusters/${b.id}`}>Bicluster {b.index + 1}</Link>
                        </td>
                        <td>
                          <Link href={`/datasets/${b.run.dataset.id}`}>{b.run.dataset.name}</Link>
                          <div className="small muted">
                            <Link href={`/runs/${b.run.id}`}>
                              {b.run.title}
                            </Link>{" "}
                            · {formatRelative(b.run.createdAt)}
                          </div>
                        </td>
                        <td className="num nowrap">
                          {formatInt(b.geneCount)} × {formatInt(b.conditionCount)}
                        </td>
                        <td className="num">{formatNumber(b.msr, 4)}</td>
                        <td className="num">{formatPValue(b.pValue ?? null)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
          <Card title="Comments">
            <Comments on={{ target: "GENE", gene, teamId: team.id }} initial={data.comments.nodes} canWrite={writer} />
          </Card>
        </div>
        <div className="stack">
          <Card title="Biomarker annotation">
            <AnnotationEditor teamId={team.id} gene={gene} initial={annotation} canEdit={writer} />
          </Card>
          <Card title="History">
            {annotation && annotation.revisions.nodes.length > 0 ? (
              <ul className="feed" aria-label="Annotation history">
                {annotation.revisions.nodes.map((r) => (
                  <li key={r.id}>
                    <div className="row" style={{ gap: "0.5rem" }}>
                      <span className="small mono">v{r.version}</span>
                      <StatusBadge status={r.status} />
                      <span className="small">by {r.author.name}</span>
                      <span className="when">{formatRelative(r.createdAt)}</span>
                    </div>
                    {r.note ? <div className="small" style={{ whiteSpace: "pre-wrap" }}>{r.note}</div> : null}
                    {r.tags.length ? <div className="small muted">tags: {r.tags.join(", ")}</div> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted" style={{ margin: 0 }}>No saved versions yet.</p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
