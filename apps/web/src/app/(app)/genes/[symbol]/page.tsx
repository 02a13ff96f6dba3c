import type { Metadata } from "next";
import Link from "next/link";
import { GeneProfileChart } from "../../../../components/charts/index.tsx";
import { Comments } from "../../../../components/Comments.tsx";
import { AnnotationEditor } from "../../../../components/genes/AnnotationEditor.tsx";
import { FollowGene } from "../../../../components/genes/FollowGene.tsx";
import { Card, Empty, PageHeader, StatusBadge } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import { formatEmpiricalP, formatInt, formatNumber, formatRelative } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";
import { scopedTeam } from "../../../../lib/team-scope.ts";
import { canWrite } from "../../../../lib/viewer.ts";

export async function generateMetadata(props: { params: Promise<{ symbol: string }> }): Promise<Metadata> {
  return { title: decodeURIComponent((await props.params).symbol) };
}

const GeneQuery = graphql(`
  query GenePage($teamId: ID!, $gene: String!) {
    gene(teamId: $teamId, symbol: $gene) {
      symbol
      known
      datasetCount
      biclusterCount
      description
      descriptionSource
      followed
      links {
        name
        url
      }
      goTermCount
      goTerms {
        name
        description
        size
      }
      profiles {
        datasetId
        datasetName
        kind
        gene
        conditions {
          id
          time
          group
        }
        values
        zscores
        annotations {
          name
          value
        }
      }
    }
    geneSearch(teamId: $teamId, query: $gene, limit: 8) {
      gene
    }
    biclustersByGene(teamId: $teamId, gene: $gene, first: 50) {
      totalCount
      nodes {
        id
        index
        geneCount
        conditionCount
        msr
        pValue
        pValueFloor
        pValueAtFloor
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
  const asked = decodeURIComponent((await props.params).symbol);
  const { team } = await scopedTeam((await props.searchParams).team);
  const data = await pageQuery(GeneQuery, { teamId: team.id, gene: asked });
  const info = data.gene;
  const gene = info.known ? info.symbol : asked;
  const annotation = data.annotations.nodes[0] ?? null;
  const writer = canWrite(team.myRole);
  const links = (
    <div className="links-out" aria-label="Look it up">
      {info.links.map((l) => (
        <a key={l.name} className="btn btn-small" href={l.url} target="_blank" rel="noopener noreferrer">
          {l.name} ↗
        </a>
      ))}
    </div>
  );
  if (!info.known) {
    const others = data.geneSearch.filter((h) => h.gene.toUpperCase() !== asked.toUpperCase());
    return (
      <>
        <PageHeader crumbs={<Link href="/biomarkers">Biomarkers</Link>} title={<span className="mono">{asked}</span>} subtitle={`Not in the data of ${team.name}.`} />
        <Card>
          <Empty title={`No gene “${asked}” in your data`}>
            <p style={{ margin: "0 0 0.5rem" }}>
              No dataset, bicluster, annotation or comment of {team.name} has this gene (case variants were tried).
              {others.length ? " Genes of your data that start the same way:" : ""}
            </p>
            {others.length ? (
              <p style={{ margin: "0 0 0.75rem" }}>
                {others.map((h, k) => (
                  <span key={h.gene}>
                    {k ? ", " : ""}
                    <Link href={`/genes/${encodeURIComponent(h.gene)}?team=${team.id}`}>{h.gene}</Link>
                  </span>
                ))}
              </p>
            ) : null}
            {info.goTermCount > 0 ? <p className="small" style={{ margin: "0 0 0.75rem" }}>It is listed in {info.goTermCount} GO biological processes of the built-in library.</p> : null}
            <div style={{ display: "flex", justifyContent: "center" }}>{links}</div>
          </Empty>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        crumbs={<Link href="/biomarkers">Biomarkers</Link>}
        title={<span className="mono">{gene}</span>}
        subtitle={
          <>
            {info.description ? <span>{info.description} · </span> : null}
            In {team.name}: {info.datasetCount} dataset{info.datasetCount === 1 ? "" : "s"}, {data.biclustersByGene.totalCount} bicluster
            {data.biclustersByGene.totalCount === 1 ? "" : "s"}.
          </>
        }
        actions={<FollowGene key={String(info.followed)} teamId={team.id} gene={gene} initial={info.followed} />}
      />
      <div className="grid-main-side wide-side">
        <div className="stack">
          <Card title="Expression">
            {info.profiles.length === 0 ? (
              <p className="muted" style={{ margin: 0 }}>None of {team.name}&apos;s datasets measures {gene}.</p>
            ) : (
              <>
                <GeneProfileChart profiles={info.profiles} />
                <p className="small muted" style={{ margin: "0.4rem 0 0" }}>
                  {info.profiles.map((p, k) => (
                    <span key={p.datasetId}>
                      {k ? " · " : ""}
                      <Link href={`/datasets/${p.datasetId}`}>{p.datasetName}</Link>
                      {p.gene !== gene ? ` (as ${p.gene})` : ""}
                    </span>
                  ))}
                </p>
              </>
            )}
          </Card>
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
                        <td className="num nowrap">{formatEmpiricalP(b.pValue, b.pValueFloor, b.pValueAtFloor)}</td>
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
          <Card title="About this gene">
            {info.description ? (
              <p style={{ marginBottom: "0.5rem" }}>
                {info.description} <span className="small muted">({info.descriptionSource})</span>
              </p>
            ) : null}
            {links}
            {info.goTerms.length > 0 ? (
              <div style={{ marginTop: "0.75rem" }}>
                <h3 className="small" style={{ marginBottom: "0.3rem" }}>
                  GO biological processes ({info.goTermCount}, most specific first)
                </h3>
                <ul className="small" style={{ margin: 0, paddingLeft: "1.1rem" }}>
                  {info.goTerms.slice(0, 8).map((t) => (
                    <li key={t.name}>
                      {t.description} <span className="muted mono">{t.name}</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </Card>
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
