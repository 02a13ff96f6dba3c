import Link from "next/link";
import { formatDuration, formatPercent, formatRelative } from "../../lib/format.ts";
import { Empty, ProgressBar, StatusBadge } from "../ui.tsx";
import { graphql } from "../../generated/index.ts";

/** The run fields a table row shows; queries spread this fragment (and add `dataset` when shown). */
export const RunRowView = graphql(`
  fragment RunRowView on Run {
    id
    status
    progress
    stage
    stageLabel
    method
    methodLabel
    title
    name
    seed
    createdAt
    durationSeconds
    biclusterCount
    createdBy {
      name
    }
  }
`);

export interface RunRow {
  id: string;
  status: string;
  progress: number;
  stage?: string | null;
  stageLabel: string;
  method: string;
  methodLabel: string;
  title: string;
  name: string;
  seed?: number;
  createdAt: string;
  durationSeconds?: number | null;
  biclusterCount: number;
  dataset?: { id: string; name: string } | null;
  createdBy: { name: string };
}

/**
 * `compact` (a side-by-side card such as the dashboard's): the dataset goes under the run's title
 * instead of a column of its own, and titles wrap, so that the Started column stays in view.
 */
export function RunsTable({
  runs,
  showDataset = true,
  compact = false,
  emptyHint,
}: {
  runs: RunRow[];
  showDataset?: boolean;
  compact?: boolean;
  emptyHint?: string;
}) {
  const datasetColumn = showDataset && !compact;
  if (runs.length === 0) {
    return (
      <Empty title="No runs yet">
        <p style={{ margin: 0 }}>{emptyHint ?? "Open a dataset and choose “Start a run” to find biclusters."}</p>
      </Empty>
    );
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>Run</th>
            {datasetColumn ? <th>Dataset</th> : null}
            <th>Status</th>
            <th className="num">Biclusters</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => {
            const active = r.status === "QUEUED" || r.status === "RUNNING";
            return (
              <tr key={r.id}>
                <td className={compact ? undefined : "nowrap"}>
                  <Link href={`/runs/${r.id}`}>{r.title}</Link>
                  {r.name ? <div className="small muted">{r.methodLabel}, seed {r.seed}</div> : null}
                  {showDataset && compact && r.dataset ? (
                    <div className="small muted">
                      on <Link href={`/datasets/${r.dataset.id}`}>{r.dataset.name}</Link>
                    </div>
                  ) : null}
                </td>
                {datasetColumn ? <td>{r.dataset ? <Link href={`/datasets/${r.dataset.id}`}>{r.dataset.name}</Link> : "–"}</td> : null}
                <td style={{ minWidth: compact ? 110 : 150 }}>
                  <StatusBadge status={r.status} />
                  {active ? (
                    <div style={{ marginTop: 6 }}>
                      <ProgressBar value={r.progress} label={`Progress of run ${r.id}`} />
                      <div className="small muted">
                        {r.stageLabel} · {formatPercent(r.progress)}
                      </div>
                    </div>
                  ) : r.durationSeconds ? (
                    <div className="small muted">{formatDuration(r.durationSeconds)}</div>
                  ) : null}
                </td>
                <td className="num">{r.status === "SUCCEEDED" ? r.biclusterCount : "–"}</td>
                <td>
                  <span className="nowrap">{formatRelative(r.createdAt)}</span>
                  <div className="small muted">by {r.createdBy.name}</div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

