// A run's metrics and stage timings (JSON from the engine), as labelled figures.
import { formatDuration, formatInt, formatNumber, formatPValue, stageName } from "../../lib/format.ts";
import { Stat } from "../ui.tsx";

const METRICS: { key: string; label: string; hint: string; format: (v: number) => string }[] = [
  { key: "biclusters", label: "Biclusters", hint: "found", format: formatInt },
  { key: "silhouette", label: "Silhouette", hint: "mean; higher = better separated", format: (v) => formatNumber(v, 3) },
  { key: "msrMean", label: "Mean MSR", hint: "lower = more coherent", format: (v) => formatNumber(v, 4) },
  { key: "pValueMedian", label: "Median p-value", hint: "of the biclusters' MSR", format: formatPValue },
  { key: "assignedGenes", label: "Genes assigned", hint: "to a bicluster", format: formatInt },
  { key: "unassignedGenes", label: "Background genes", hint: "flat or unassigned", format: formatInt },
];

/** A readable name for an engine metric ("msrMean" -> "Mean MSR"). */
export function metricLabel(name: string): string {
  return METRICS.find((d) => d.key === name)?.label ?? name;
}

function asRecord(v: unknown): Record<string, unknown> {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

export function MetricsGrid({ metrics }: { metrics: unknown }) {
  const m = asRecord(metrics);
  const known = METRICS.filter((d) => typeof m[d.key] === "number");
  const extra = Object.entries(m).filter(([k, v]) => typeof v === "number" && !METRICS.some((d) => d.key === k));
  if (known.length === 0 && extra.length === 0) return <p className="muted">No metrics were reported.</p>;
  return (
    <div className="stat-grid">
      {known.map((d) => (
        <Stat key={d.key} label={d.label} value={d.format(m[d.key] as number)} hint={d.hint} />
      ))}
      {extra.map(([k, v]) => (
        <Stat key={k} label={k} value={formatNumber(v as number)} />
      ))}
    </div>
  );
}

export function TimingsTable({ timings }: { timings: unknown }) {
  const entries = sortTimings(Object.entries(asRecord(timings)).filter(([, v]) => typeof v === "number") as [string, number][]);
  if (entries.length === 0) return null;
  return (
    <table className="table" aria-label="Time per stage">
      <thead>
        <tr>
          <th>Stage</th>
          <th className="num">Time</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <td>{k === "total" ? <strong>Total</strong> : stageName(k)}</td>
            <td className="num">{formatDuration(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Pipeline order of the engine's stages (for the timings table). */
const STAGE_ORDER = ["read", "preprocess", "lstm-train", "embed", "kmeans", "svm-refine", "lstm-finetune", "bicluster", "score"];

export function sortTimings(entries: [string, number][]): [string, number][] {
  const rank = (k: string) => (k === "total" ? 1000 : STAGE_ORDER.indexOf(k) === -1 ? 500 : STAGE_ORDER.indexOf(k));
  return [...entries].sort((a, b) => rank(a[0]) - rank(b[0]));
}

function show(v: unknown): string {
  return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
}

/**
 * The run's parameters: those that differ from the method's defaults first, the rest folded away.
 * `defaults` maps parameter names to their documented defaults (from the API's methods query).
 */
export function ParamsList({ params, seed, defaults }: { params: unknown; seed: number; defaults: Record<string, unknown> }) {
  const entries = Object.entries(asRecord(params)).filter(([k]) => k !== "seed");
  const changed = entries.filter(([k, v]) => !(k in defaults) || show(defaults[k]) !== show(v));
  const unchanged = entries.filter((e) => !changed.includes(e));
  const list = (rows: [string, unknown][]) => (
    <dl className="meta" style={{ gridTemplateColumns: "max-content 1fr max-content 1fr" }}>
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: "contents" }}>
          <dt>{k}</dt>
          <dd className="mono">{show(v)}</dd>
        </div>
      ))}
    </dl>
  );
  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      <div>
        <h3>Chosen for this run</h3>
        {list([["seed", seed], ...changed])}
      </div>
      {unchanged.length ? (
        <details>
          <summary style={{ cursor: "pointer" }} className="small">
            {unchanged.length} parameters at their defaults
          </summary>
          <div style={{ marginTop: "0.5rem" }}>{list(unchanged)}</div>
        </details>
      ) : null}
    </div>
  );
}
