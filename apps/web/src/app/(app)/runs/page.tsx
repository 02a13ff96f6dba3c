import type { Metadata } from "next";
import Link from "next/link";
import { AutoRefresh } from "../../../components/AutoRefresh.tsx";
import { RunsTable } from "../../../components/runs/RunsTable.tsx";
import { Card, PageHeader } from "../../../components/ui.tsx";
import { graphql } from "../../../generated/index.ts";
import type { RunStatus } from "../../../generated/graphql.ts";
import { pageQuery } from "../../../lib/graphql/server.ts";
import { getViewer } from "../../../lib/viewer.ts";

export const metadata: Metadata = { title: "Runs" };

const RunsPageQuery = graphql(`
  query RunsPage($teamId: ID!, $datasetId: ID, $status: RunStatus, $method: String, $createdById: ID, $after: String) {
    runs(teamId: $teamId, datasetId: $datasetId, status: $status, method: $method, createdById: $createdById, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...RunRowView
        dataset {
          id
          name
        }
      }
    }
    datasets(teamId: $teamId, first: 100) {
      nodes {
        id
        name
      }
    }
    methods {
      id
      label
    }
    members(teamId: $teamId) {
      user {
        id
        name
      }
    }
  }
`);

const STATUSES: RunStatus[] = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELED"];

function one(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s ? s : undefined;
}

export default async function RunsPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await props.searchParams;
  const { team } = await getViewer();
  const filters = {
    datasetId: one(sp.dataset),
    status: STATUSES.find((s) => s === one(sp.status)),
    method: one(sp.method),
    createdById: one(sp.author),
  };
  const data = await pageQuery(RunsPageQuery, { teamId: team.id, ...filters, after: one(sp.after) });
  const active = data.runs.nodes.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  const filtered = Object.values(filters).some(Boolean);
  const next = new URLSearchParams(Object.entries({ dataset: filters.datasetId, status: filters.status, method: filters.method, author: filters.createdById }).filter((e): e is [string, string] => !!e[1]));
  if (data.runs.pageInfo.endCursor) next.set("after", data.runs.pageInfo.endCursor);
  return (
    <>
      <AutoRefresh active={active} />
      <PageHeader title="Runs" subtitle={`Every analysis run of ${team.name}, newest first.`} />
      <div className="stack">
        <Card>
          <form className="filters" method="get" aria-label="Filter runs">
            <div className="field">
              <label htmlFor="f-dataset">Dataset</label>
              <select id="f-dataset" name="dataset" defaultValue={filters.datasetId ?? ""}>
                <option value="">All datasets</option>
                {data.datasets.nodes.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-method">Method</label>
              <select id="f-method" name="method" defaultValue={filters.method ?? ""}>
                <option value="">All methods</option>
                {data.methods.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-status">Status</label>
              <select id="f-status" name="status" defaultValue={filters.status ?? ""}>
                <option value="">Any status</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {s.charAt(0) + s.slice(1).toLowerCase()}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-author">Started by</label>
              <select id="f-author" name="author" defaultValue={filters.createdById ?? ""}>
                <option value="">Anyone</option>
                {data.members.map((m) => (
                  <option key={m.user.id} value={m.user.id}>
                    {m.user.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary">
                Apply filters
              </button>
              {filtered ? (
                <Link className="btn" href="/runs">
                  Clear
                </Link>
              ) : null}
            </div>
          </form>
        </Card>
        <Card title={`${data.runs.totalCount} run${data.runs.totalCount === 1 ? "" : "s"}${filtered ? " match" : ""}`}>
          <RunsTable runs={data.runs.nodes} emptyHint={filtered ? "No run matches these filters." : undefined} />
          {data.runs.pageInfo.hasNextPage ? (
            <div className="pager">
              <Link className="btn btn-small" href={`/runs?${next.toString()}`}>
                Older runs
              </Link>
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
