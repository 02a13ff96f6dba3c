import type { Metadata } from "next";
import Link from "next/link";
import { ActivityFeed } from "../../components/ActivityFeed.tsx";
import { AutoRefresh } from "../../components/AutoRefresh.tsx";
import { RunsTable } from "../../components/runs/RunsTable.tsx";
import { Card, PageHeader, Stat } from "../../components/ui.tsx";
import { graphql } from "../../generated/index.ts";
import { formatInt } from "../../lib/format.ts";
import { pageQuery } from "../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../lib/viewer.ts";

export const metadata: Metadata = { title: "Dashboard" };

const DashboardQuery = graphql(`
  query Dashboard($teamId: ID!) {
    runs(teamId: $teamId, first: 10) {
      totalCount
      nodes {
        ...RunRowView
        dataset {
          id
          name
        }
      }
    }
    datasets(teamId: $teamId, first: 1) {
      totalCount
    }
    annotations(teamId: $teamId, first: 1) {
      totalCount
    }
    activity(teamId: $teamId, first: 15) {
      nodes {
        id
        type
        summary
        createdAt
        subjectType
        subjectId
        data
        actor {
          name
        }
      }
    }
  }
`);

export default async function DashboardPage() {
  const { me, team } = await getViewer();
  const data = await pageQuery(DashboardQuery, { teamId: team.id });
  const active = data.runs.nodes.some((r) => r.status === "QUEUED" || r.status === "RUNNING");
  const writer = canWrite(team.myRole);
  return (
    <>
      <AutoRefresh active={active} />
      <PageHeader
        title="Dashboard"
        subtitle={
          <>
            Welcome, {me.name}. You are working in <strong>{team.name}</strong>
            {team.isMyPersonalTeam ? " (your personal team)" : ` as ${team.myRole.toLowerCase()}`}.
            {writer ? "" : " Viewers can explore and export everything; ask an admin for the member role to import data or start runs."}
          </>
        }
        actions={
          writer ? (
            <Link className="btn btn-primary" href="/datasets">
              Import a dataset
            </Link>
          ) : null
        }
      />
      <div className="stack">
        {data.datasets.totalCount === 0 ? (
          <Card title={writer ? "Getting started" : "Nothing here yet"}>
            {writer ? (
            <ol className="steps">
              <li>
                <strong>Import a dataset.</strong> A CSV or TSV with genes as rows and time points or samples as columns (GCT and GEO
                series matrices work too). <Link href="/datasets">Go to Datasets</Link>.
              </li>
              <li>
                <strong>Start a run.</strong> The LSTM-SVM method groups genes that rise and fall together over a subset of conditions
                (biclusters); the defaults are the paper&apos;s.
              </li>
              <li>
                <strong>Explore and annotate.</strong> Open a bicluster to see its heatmap and profiles, then mark promising genes as
                candidate biomarkers for your team.
              </li>
              <li>
                <strong>Invite colleagues</strong> from <Link href="/team">Team</Link>: they see the same datasets, runs and annotations.
              </li>
            </ol>
            ) : (
              <p style={{ margin: 0 }}>{team.name} has no datasets yet. When a member imports one, it shows up here with its runs.</p>
            )}
          </Card>
        ) : null}
        <div className="stat-grid">
          <Stat label="Datasets" value={formatInt(data.datasets.totalCount)} />
          <Stat label="Runs" value={formatInt(data.runs.totalCount)} />
          <Stat label="Annotated genes" value={formatInt(data.annotations.totalCount)} />
          <Stat label="Members" value={formatInt(team.memberCount)} />
        </div>
        <div className="grid-main-side" style={{ alignItems: "stretch" }}>
          <Card title="Recent runs">
            <RunsTable runs={data.runs.nodes} compact />
          </Card>
          <Card title="Activity">
            <ActivityFeed items={data.activity.nodes} />
          </Card>
        </div>
      </div>
    </>
  );
}
