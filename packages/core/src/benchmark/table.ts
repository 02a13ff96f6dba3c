// The benchmark summary as a plain-text table (CLI, bench script): one row per method, each
// score as mean ± sd over its seeds (min..max in the JSON).
import { SCORE_HELP, SCORE_NAMES, type BenchmarkPayload, type ScoreName, type ScoreSummary } from "../analysis/kinds/benchmark.ts";

const HEADINGS: Record<ScoreName, string> = {
  accuracy: "accuracy",
  precision: "precision",
  recall: "recall",
  f1: "F1",
  silhouette: "silhouette",
  profileSilhouette: "sil.profile",
  msr: "MSR",
  consensus: "consensus",
  relevance: "relevance",
  recovery: "recovery",
  biclusters: "biclusters",
  seconds: "seconds",
};

function cell(s: ScoreSummary, name: ScoreName): string {
  if (s.mean === null) return "-";
  const digits = name === "biclusters" ? 1 : name === "seconds" ? (s.mean < 10 ? 2 : 1) : 3;
  const mean = s.mean.toFixed(digits);
  return s.sd === null ? mean : `${mean}±${s.sd.toFixed(digits)}`;
}

/** Rows of the summary with the scores that have a value for some method (no truth: no accuracy...). */
export function formatBenchmarkTable(payload: BenchmarkPayload, options: { legend?: boolean } = {}): string {
  const shown = SCORE_NAMES.filter((n) => payload.summary.some((s) => s.scores[n].mean !== null));
  const header = ["method", "runs", ...shown.map((n) => HEADINGS[n])];
  const rows = payload.summary.map((s) => [s.method, s.failed > 0 ? `${s.runs - s.failed}/${s.runs}` : String(s.runs), ...shown.map((n) => cell(s.scores[n], n))]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join("  ");
  const out = [line(header), ...rows.map(line)];
  if (options.legend) {
    out.push("", `mean ± sd over seeds ${payload.seeds.join(", ")}; runs: successful/total when some failed.`);
    for (const n of shown) out.push(`  ${HEADINGS[n].padEnd(11)} ${SCORE_HELP[n]}`);
  }
  return out.join("\n");
}
