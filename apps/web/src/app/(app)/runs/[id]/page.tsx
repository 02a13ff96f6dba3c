import type { Metadata } from "next";
import Link from "next/link";
import { KChoicePlot } from "../../../../components/charts/index.tsx";
import { RunBiclusters } from "../../../../components/runs/RunBiclusters.tsx";
import { RunNameNotes } from "../../../../components/runs/RunNameNotes.tsx";
import { CompareForm } from "../../../../components/runs/CompareForm.tsx";
import { MetricsGrid, ParamsList, TimingsTable } from "../../../../components/runs/Metrics.tsx";
import { RunProgress } from "../../../../components/runs/RunProgress.tsx";
import { Comments } from "../../../../components/Comments.tsx";
import { ClassifyResult } from "../../../../components/results/ClassifyResultView.tsx";
import { RegressResult } from "../../../../components/results/RegressResultView.tsx";
import { BenchmarkResult } from "../../../../components/results/BenchmarkResultView.tsx";
import { Alert, Card, PageHeader, StatusBadge } from "../../../../components/ui.tsx";
import { graphql } from "../../../../generated/index.ts";
import { formatDate, formatDuration, formatRelative } from "../../../../lib/format.ts";
import { pageQuery } from "../../../../lib/graphql/server.ts";
import { canWrite, getViewer } from "../../../../lib/viewer.ts";

export const metadata: Metadata = { title: "Run" };

const RunQuery = graphql(`
  query RunPage($id: ID!) {
    comments(target: RUN, runId: $id, first: 100) {
      nodes {
        ...CommentView
      }
    }
    run(id: $id) {
      id
      teamId
      status
      progress
      stage
      stageLabel
      cancelRequested
      method
      methodLabel
      title
      name
      notes
      seed
      backend
      error
      estimatedSeconds
      parameters {
        ...RunParameterView
      }
      kind
      labelColumn
      target
      result {
        __typename
        ... on ClassifyRunResult {
          totalSeconds
          warnings
          resumedStages
          stages {
            ...RunStageView
          }
          ...ClassifyResultView
        }
        ... on BenchmarkRunResult {
          totalSeconds
          warnings
          resumedStages
          stages {
            ...RunStageView
          }
          ...BenchmarkResultView
        }
        ... on RegressRunResult {
          totalSeconds
          warnings
          resumedStages
          stages {
            ...RunStageView
          }
          ...RegressResultView
        }
        ... on BiclusterRunResult {
          totalSeconds
          warnings
          resumedStages
          metrics {
            ...BiclusterMetricsView
          }
          overlaps {
            a
            b
            sharedGenes
            sharedConditions
          }
          kChoice {
            k
            auto
            criterion
            reason
            scores {
              k
              gap
              gapIncrement
              silhouette
              inertia
              biclusters
            }
          }
          stages {
            ...RunStageView
          }
        }
      }
      attempts
      createdAt
      startedAt
      finishedAt
      durationSeconds
      createdBy {
        name
      }
      dataset {
        id
        name
        runs: runCount
      }
      biclusters(first: 100, sort: SIZE) {
        totalCount
        nodes {
          id
          index
          geneCount
          conditionCount
          msr
          silhouette
          pValue
          pValueFloor
          pValueAtFloor
          qValue
          flags {
            code
            reason
          }
          genes(first: 6) {
            gene
          }
        }
      }
    }
  }
`);

const MemberRunsQuery = graphql(`
  query MemberRuns($datasetId: ID!, $parentId: ID!) {
    runs(datasetId: $datasetId, parentId: $parentId, first: 100) {
      nodes {
        id
        method
        seed
        status
      }
    }
  }
`);

const SiblingRunsQuery = graphql(`
  query SiblingRuns($datasetId: ID!) {
    runs(datasetId: $datasetId, first: 50, status: SUCCEEDED) {
      nodes {
        id
        title
        seed
        createdAt
        biclusterCount
      }
    }
  }
`);

export default async function RunPage(props: { params: Promise<{ id: string }> }) {
  const { id } = await props.params;
  const [{ run, comments }, { teams }] = await Promise.all([pageQuery(RunQuery, { id }), getViewer()]);
  const { runs: siblings } = await pageQuery(SiblingRunsQuery, { datasetId: run.dataset.id });
  const result = run.result?.__typename === "BiclusterRunResult" ? run.result : null;
  const classify = run.result?.__typename === "ClassifyRunResult" ? run.result : null;
  const regress = run.result?.__typename === "RegressRunResult" ? run.result : null;
  const benchmark = run.result?.__typename === "BenchmarkRunResult" ? run.result : null;
  const envelope = result ?? classify ?? regress ?? benchmark;
  const memberRuns = run.kind === "BENCHMARK" ? (await pageQuery(MemberRunsQuery, { datasetId: run.dataset.id, parentId: run.id })).runs.nodes : [];
  const role = teams.find((t) => t.id === run.teamId)?.myRole ?? "VIEWER";
  const others = siblings.nodes
    .filter((r) => r.id !== run.id)
    .map((r) => ({ id: r.id, label: `${r.title}, ${r.biclusterCount} biclusters (${formatRelative(r.createdAt)})` }));
  const done = run.status === "SUCCEEDED";
  return (
    <>
      <PageHeader
        crumbs={
          <>
            <Link href="/datasets">Datasets</Link> / <Link href={`/datasets/${run.dataset.id}`}>{run.dataset.name}</Link>
          </>
        }
        title={run.name ? run.name : `${run.methodLabel} run`}
        subtitle={`${run.name ? `${run.methodLabel} · ` : ""}${run.labelColumn ? `classes from “${run.labelColumn}” · ` : ""}${run.target ? `predicting ${run.target} · ` : ""}Started by ${run.createdBy.name} ${formatRelative(run.createdAt)} · seed ${run.seed}${run.backend ? ` · backend ${run.backend}` : ""}`}
      />
      <div className="stack">
        <Card title="Status">
          <RunProgress
            key={run.status}
            initial={{ id: run.id, status: run.status, progress: run.progress, stage: run.stage, stageLabel: run.stageLabel, cancelRequested: run.cancelRequested }}
            canCancel={canWrite(role)}
          />
          {run.status === "FAILED" ? (
            <div style={{ marginTop: "0.75rem" }}>
              <Alert kind="error" title="The run failed">
                {run.error ?? "The worker reported no reason."}
              </Alert>
            </div>
          ) : null}
          {run.status === "CANCELED" ? (
            <p className="muted" style={{ marginTop: "0.75rem", marginBottom: 0 }}>
              This run was cancelled{run.finishedAt ? ` ${formatRelative(run.finishedAt)}` : ""}.
            </p>
          ) : null}
          {done ? (
            <p className="small muted" style={{ marginTop: "0.75rem", marginBottom: 0 }}>
              Finished {formatDate(run.finishedAt)} in {formatDuration(run.durationSeconds)}
              {run.attempts > 1 ? ` (after ${run.attempts} attempts)` : ""}.
            </p>
          ) : null}
        </Card>
        {done && envelope && envelope.warnings.length > 0 ? (
          <Alert kind="warning" title="Read with care">
            <ul style={{ margin: 0, paddingLeft: "1.2rem" }}>
              {envelope.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </Alert>
        ) : null}
        {done && classify ? <ClassifyResult result={classify} /> : null}
        {done && regress ? <RegressResult result={regress} /> : null}
        {done && benchmark ? <BenchmarkResult result={benchmark} memberRuns={memberRuns} /> : null}
        {run.kind === "BENCHMARK" && !done ? (
          <Card title={`Member runs (${memberRuns.filter((m) => m.status === "SUCCEEDED").length} of ${memberRuns.length} done)`}>
            <ul className="feed">
              {memberRuns.map((m) => (
                <li key={m.id}>
                  <Link href={`/runs/${m.id}`}>
                    {m.method}, seed {m.seed}
                  </Link>{" "}
                  <StatusBadge status={m.status} />
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {done && result ? (
          <>
            <Card title="Metrics">
              <MetricsGrid metrics={result.metrics} pValueFloor={run.biclusters.nodes[0]?.pValueFloor} />
              {result.kChoice ? (
                <div style={{ marginTop: "0.75rem" }}>
                  <p className="small" style={{ marginBottom: "0.4rem" }}>
                    {result.kChoice.auto ? (
                      <>
                        <strong>K = {result.kChoice.k}</strong>, chosen automatically by {result.kChoice.criterion}: {result.kChoice.reason}
                      </>
                    ) : (
                      <>
                        <strong>K = {result.kChoice.k}</strong> (given).
                      </>
                    )}
                  </p>
                  {result.kChoice.scores.length > 1 ? (
                    <KChoicePlot scores={result.kChoice.scores} chosen={result.kChoice.k} criterion={result.kChoice.criterion} />
                  ) : null}
                </div>
              ) : null}
            </Card>
            <Card
              title={`Biclusters (${run.biclusters.totalCount})`}
              actions={
                <div className="row" role="group" aria-label="Export the run">
                  <span className="small muted">Export all biclusters with their genes and values</span>
                  <a className="btn btn-small" href={`/api/export/runs/${run.id}.csv`} download>
                    CSV
                  </a>
                  <a className="btn btn-small" href={`/api/export/runs/${run.id}.json`} download>
                    JSON
                  </a>
                  <a className="btn btn-small" href={`/api/export/runs/${run.id}.gmt`} download>
                    GMT
                  </a>
                </div>
              }
            >
              <RunBiclusters runId={run.id} biclusters={run.biclusters.nodes} />
              <OverlapList overlaps={result.overlaps} biclusters={run.biclusters.nodes} />
            </Card>
          </>
        ) : null}
        <div className="grid-2" style={{ alignItems: "start" }}>
          <div className="stack">
            <Card title="Name and notes">
              <RunNameNotes id={run.id} name={run.name} notes={run.notes} placeholder={`${run.methodLabel}, seed ${run.seed}`} canEdit={canWrite(role)} />
            </Card>
            <Card title="Parameters">
              <ParamsList parameters={run.parameters} seed={run.seed} />
            </Card>
          </div>
          <div className="stack">
            {done && result ? (
              <Card title="Compare">
                <CompareForm runId={run.id} others={others} />
              </Card>
            ) : null}
            {envelope ? (
              <Card title="Time per stage">
                <TimingsTable stages={envelope.stages} totalSeconds={envelope.totalSeconds} resumed={envelope.resumedStages} />
              </Card>
            ) : null}
            <Card title="Discussion">
              <Comments on={{ target: "RUN", runId: run.id }} initial={comments.nodes} canWrite={canWrite(role)} teamId={run.teamId} />
            </Card>
          </div>
        </div>
      </div>
    </>
  );
}

/** Pairs of biclusters that share genes: worth reading together (one may be part of the other). */
function OverlapList(props: { overlaps: { a: number; b: number; sharedGenes: number; sharedConditions: number }[]; biclusters: { id: string; index: number; geneCount: number }[] }) {
  const byIndex = new Map(props.biclusters.map((b) => [b.index, b]));
  const shown = props.overlaps.filter((o) => o.sharedGenes > 0 && byIndex.has(o.a) && byIndex.has(o.b));
  if (shown.length === 0) return null;
  return (
    <details style={{ marginTop: "0.75rem" }}>
      <summary className="small">
        {shown.length} pair{shown.length === 1 ? "" : "s"} of biclusters share genes
      </summary>
      <table className="table" aria-label="Overlapping biclusters">
        <thead>
          <tr>
            <th>Biclusters</th>
            <th className="num">Shared genes</th>
            <th className="num">Shared conditions</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((o) => {
            const a = byIndex.get(o.a)!;
            const b = byIndex.get(o.b)!;
            return (
              <tr key={`${o.a}-${o.b}`}>
                <td>
                  <Link href={`/biclusters/${a.id}`}>Bicluster {o.a + 1}</Link> and <Link href={`/biclusters/${b.id}`}>Bicluster {o.b + 1}</Link>
                </td>
                <td className="num">
                  {o.sharedGenes} <span className="muted small">of {Math.min(a.geneCount, b.geneCount)}</span>
                </td>
                <td className="num">{o.sharedConditions}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
