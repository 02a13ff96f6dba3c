// A run's result as labelled figures: biclustering metrics, time per stage (labels from the
// method's declaration), the parameters against their defaults. Types are generated from the API.
import { graphql } from "../../generated/index.ts";
import type { BiclusterMetricsViewFragment, RunParameterViewFragment, RunStageViewFragment } from "../../generated/graphql.ts";
import { formatDuration, formatInt, formatNumber, formatPValue } from "../../lib/format.ts";
import { Stat } from "../ui.tsx";

export const BiclusterMetricsView = graphql(`
  fragment BiclusterMetricsView on BiclusterMetrics {
    biclusters
    silhouette
    msrMean
    pValueMedian
    assignedGenes
    unassignedGenes
  }
`);

export const RunStageView = graphql(`
  fragment RunStageView on RunStage {
    id
    label
    seconds
  }
`);

export const RunParameterView = graphql(`
  fragment RunParameterView on RunParameter {
    name
    label
    display
    isDefault
    group
  }
`);

/** `pValueFloor`: 1/(permutations + 1), the smallest p-value the run can report. */
export function MetricsGrid({ metrics, pValueFloor }: { metrics: BiclusterMetricsViewFragment; pValueFloor?: number | null }) {
  return (
    <div className="stat-grid">
      <Stat label="Biclusters" value={formatInt(metrics.biclusters)} hint="found" />
      <Stat label="Silhouette" value={formatNumber(metrics.silhouette, 3)} hint="mean; higher = better separated" />
      <Stat label="Mean MSR" value={formatNumber(metrics.msrMean, 4)} hint="lower = more coherent" />
      <Stat
        label="Median p-value"
        value={pValueFloor && metrics.pValueMedian !== null && metrics.pValueMedian !== undefined && metrics.pValueMedian <= pValueFloor * (1 + 1e-9) ? `< ${formatPValue(pValueFloor)}` : formatPValue(metrics.pValueMedian)}
        hint={pValueFloor ? `over the biclusters (smallest possible: ${formatPValue(pValueFloor)})` : "over the biclusters"}
      />
      <Stat label="Genes assigned" value={formatInt(metrics.assignedGenes)} hint="to a bicluster" />
      <Stat label="Background genes" value={formatInt(metrics.unassignedGenes)} hint="flat or unassigned" />
    </div>
  );
}

export function TimingsTable({ stages, totalSeconds, resumed }: { stages: RunStageViewFragment[]; totalSeconds: number; resumed: string[] }) {
  if (stages.length === 0) return null;
  return (
    <table className="table" aria-label="Time per stage">
      <thead>
        <tr>
          <th>Stage</th>
          <th className="num">Time</th>
        </tr>
      </thead>
      <tbody>
        {stages.map((s) => (
          <tr key={s.id}>
            <td>
              {s.label}
              {resumed.includes(s.id) ? <span className="small muted"> · restored from an earlier attempt</span> : null}
            </td>
            <td className="num">{formatDuration(s.seconds)}</td>
          </tr>
        ))}
        <tr>
          <td>
            <strong>Total</strong>
          </td>
          <td className="num">{formatDuration(totalSeconds)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** The run's parameters: those that differ from the method's defaults first, the rest folded away. */
export function ParamsList({ parameters, seed }: { parameters: RunParameterViewFragment[]; seed: number }) {
  const changed = parameters.filter((p) => !p.isDefault);
  const unchanged = parameters.filter((p) => p.isDefault);
  const list = (rows: { key: string; label: string; display: string }[]) => (
    <dl className="meta" style={{ gridTemplateColumns: "max-content 1fr max-content 1fr" }}>
      {rows.map((r) => (
        <div key={r.key} style={{ display: "contents" }}>
          <dt title={r.key}>{r.label}</dt>
          <dd className="mono">{r.display}</dd>
        </div>
      ))}
    </dl>
  );
  const rows = (ps: RunParameterViewFragment[]) => ps.map((p) => ({ key: p.name, label: p.label, display: p.display }));
  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      <div>
        <h3>Chosen for this run</h3>
        {list([{ key: "seed", label: "Seed", display: String(seed) }, ...rows(changed)])}
      </div>
      {unchanged.length ? (
        <details>
          <summary style={{ cursor: "pointer" }} className="small">
            {unchanged.length} parameters at their defaults
          </summary>
          <div style={{ marginTop: "0.5rem" }}>{list(rows(unchanged))}</div>
        </details>
      ) : null}
    </div>
  );
}
