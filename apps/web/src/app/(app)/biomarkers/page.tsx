import type { Metadata } from "next";
import Link from "next/link";
import { BiomarkerExport } from "../../../components/BiomarkerExport.tsx";
import { Card, Empty, PageHeader, StatusBadge } from "../../../components/ui.tsx";
import { graphql } from "../../../generated/index.ts";
import { formatRelative } from "../../../lib/format.ts";
import { pageQuery } from "../../../lib/graphql/server.ts";
import { scopedTeam } from "../../../lib/team-scope.ts";

export const metadata: Metadata = { title: "Biomarker board" };

const BoardQuery = graphql(`
  query BiomarkerBoard($teamId: ID!, $status: BiomarkerStatus, $tag: String) {
    annotations(teamId: $teamId, status: $status, tag: $tag, first: 100) {
      totalCount
      nodes {
        ...AnnotationView
        gene
      }
    }
    all: annotations(teamId: $teamId, first: 100) {
      nodes {
        tags
      }
    }
  }
`);

const STATUSES = ["CANDIDATE", "VALIDATED", "REJECTED"] as const;
type Status = (typeof STATUSES)[number];

export default async function BiomarkersPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await props.searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const { team } = await scopedTeam(sp.team);
  const statusParam = one(sp.status);
  const status = STATUSES.includes(statusParam as Status) ? (statusParam as Status) : undefined;
  const tag = one(sp.tag)?.trim() || undefined;
  const data = await pageQuery(BoardQuery, { teamId: team.id, status, tag });
  const tags = [...new Set(data.all.nodes.flatMap((n) => n.tags))].sort();
  const rows = data.annotations.nodes;
  return (
    <>
      <PageHeader
        title="Biomarker board"
        subtitle={`Genes ${team.name} has annotated as candidate, validated or rejected biomarkers.`}
        actions={<BiomarkerExport rows={rows} teamName={team.name} />}
      />
      <div className="stack">
        <Card>
          <form className="row" method="get" aria-label="Filter annotations" style={{ alignItems: "flex-end" }}>
            <div className="field">
              <label htmlFor="status">Status</label>
              <select id="status" name="status" defaultValue={status ?? ""}>
                <option value="">All statuses</option>
                <option value="CANDIDATE">Candidate</option>
                <option value="VALIDATED">Validated</option>
                <option value="REJECTED">Rejected</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="tag">Tag</label>
              <select id="tag" name="tag" defaultValue={tag ?? ""}>
                <option value="">All tags</option>
                {tags.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn">
              Apply filters
            </button>
            {status || tag ? (
              <Link href="/biomarkers" className="btn">
                Clear filters
              </Link>
            ) : null}
          </form>
        </Card>
        <Card title={`${data.annotations.totalCount} gene${data.annotations.totalCount === 1 ? "" : "s"}${status || tag ? " matching" : ""}`}>
          {rows.length === 0 ? (
            <Empty title={status || tag ? "No annotated genes match these filters" : "No annotated genes yet"}>
              <p style={{ margin: 0 }}>Open a bicluster, pick a gene and mark it as a candidate biomarker.</p>
            </Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" aria-label="Annotated genes">
                <thead>
                  <tr>
                    <th>Gene</th>
                    <th>Status</th>
                    <th>Note</th>
                    <th>Tags</th>
                    <th>Last change</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((a) => (
                    <tr key={a.id}>
                      <td className="mono">
                        <Link href={`/genes/${encodeURIComponent(a.gene)}?team=${team.id}`}>{a.gene}</Link>
                      </td>
                      <td>
                        <StatusBadge status={a.status} />
                      </td>
                      <td className="small" style={{ maxWidth: 420 }}>
                        {a.note || <span className="muted">–</span>}
                      </td>
                      <td>
                        {a.tags.map((t) => (
                          <span key={t} className="tag">
                            {t}
                          </span>
                        ))}
                      </td>
                      <td className="small nowrap">
                        {a.author.name}
                        <div className="muted">
                          {formatRelative(a.updatedAt)} · v{a.version}
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
