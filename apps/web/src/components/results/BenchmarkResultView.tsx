"use client";
// A benchmark's result: each score per method as bars with error bars (mean ± sd over the seeds:
// the paper's comparison figures on the lab's own data), the table of every score, computing
// time, exports, and links to the member runs.
import Link from "next/link";
import { useState } from "react";
import { BarPlot } from "../charts/index.tsx";
import { graphql } from "../../generated/index.ts";
import type { BenchmarkResultViewFragment } from "../../generated/graphql.ts";
import { download, toCsv } from "../../lib/export.ts";
import { formatNumber } from "../../lib/format.ts";
import { Card } from "../ui.tsx";

export const BenchmarkResultView = graphql(`
  fragment BenchmarkResultView on BenchmarkRunResult {
    methods
    seeds
    truth {
      source
      classes
      labelledGenes
      biclusters
    }
    scoreInfo {
      name
      help
    }
    summary {
      method
      label
      runs
      failed
      scores {
        name
        n
        mean
        sd
        min
        max
      }
    }
    members {
      method
      seed
      error
      scores {
        name
        value
      }
    }
  }
`);

const LABELS: Record<string, string> = {
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F-measure",
  silhouette: "Silhouette (own space)",
  profileSilhouette: "Silhouette (profiles)",
  msr: "Mean squared residue",
  consensus: "Consensus score",
  relevance: "Prelic relevance",
  recovery: "Prelic recovery",
  biclusters: "Biclusters",
  seconds: "Computing time (s)",
};
const UNIT_RANGE = new Set(["accuracy", "precision", "recall", "f1", "consensus", "relevance", "recovery"]);

export function BenchmarkResult({ result, memberRuns }: { result: BenchmarkResultViewFragment; memberRuns: { id: string; method: string; seed: number }[] }) {
  const available = result.scoreInfo.map((s) => s.name).filter((n) => result.summary.some((m) => m.scores.find((s) => s.name === n)?.mean !== null));
  const paperFigures = ["accuracy", "precision", "recall", "f1", "profileSilhouette", "seconds"].filter((n) => available.includes(n));
  const [extra, setExtra] = useState(available.find((n) => !paperFigures.includes(n)) ?? "");
  const figure = (name: string) => {
    const info = result.scoreInfo.find((s) => s.name === name);
    return (
      <Card key={name} title={LABELS[name] ?? name}>
        <BarPlot
          categories={result.summary.map((m) => m.label)}
          series={[
            {
              name: LABELS[name] ?? name,
              values: result.summary.map((m) => m.scores.find((s) => s.name === name)?.mean ?? null),
              errors: result.summary.map((m) => m.scores.find((s) => s.name === name)?.sd ?? null),
            },
          ]}
          valueLabel={name === "seconds" ? "seconds" : "mean ± sd"}
          {...(UNIT_RANGE.has(name) ? { min: 0, max: 1 } : {})}
          height={260}
          label={`${LABELS[name] ?? name} per method, mean and standard deviation over ${result.seeds.length} seeds`}
        />
        {info ? <p className="small muted" style={{ margin: 0 }}>{info.help}</p> : null}
      </Card>
    );
  };
  const tableRows = result.summary.map((m) => [m.label, m.runs, ...available.map((n) => m.scores.find((s) => s.name === n)!)] as const);
  const csv = () =>
    toCsv(
      ["method", "runs", "failed", ...available.flatMap((n) => [`${n} mean`, `${n} sd`, `${n} min`, `${n} max`])],
      result.summary.map((m) => [
        m.method,
        m.runs,
        m.failed,
        ...available.flatMap((n) => {
          const s = m.scores.find((x) => x.name === n)!;
          return [s.mean, s.sd, s.min, s.max];
        }),
      ]),
    );
  const runOf = (method: string, seed: number) => memberRuns.find((r) => r.method === method && r.seed === seed);
  return (
    <>
      <Card
        title="Method comparison"
        actions={
          <span className="row" style={{ gap: "0.4rem" }}>
            <button type="button" className="btn btn-small" onClick={() => download("benchmark.csv", csv(), "text/csv")}>
              Export CSV
            </button>
            <button type="button" className="btn btn-small" onClick={() => download("benchmark.json", JSON.stringify(result, null, 2), "application/json")}>
              Export JSON
            </button>
          </span>
        }
      >
        <p className="small muted">
          {result.summary.length} methods × {result.seeds.length} seeds ({result.seeds.join(", ")}), each an ordinary run.{" "}
          {result.truth
            ? `Scored against the dataset's ${result.truth.source === "planted" ? "planted truth" : result.truth.source === "gene-classes" ? "gene classes" : "truth file"}: ${result.truth.classes} classes, ${result.truth.labelledGenes} labelled genes.`
            : "The dataset has no truth, so only the internal scores (silhouette, MSR, time) are shown; upload a truth on the dataset page."}
        </p>
        <div className="table-wrap">
          <table className="table" aria-label="Benchmark scores">
            <thead>
              <tr>
                <th>Method</th>
                <th className="num">Runs</th>
                {available.map((n) => (
                  <th key={n} className="num" title={result.scoreInfo.find((s) => s.name === n)?.help}>
                    {LABELS[n] ?? n}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {tableRows.map(([label, runs, ...scores]) => (
                <tr key={label}>
                  <td>{label}</td>
                  <td className="num">{runs}</td>
                  {scores.map((s) => (
                    <td key={s.name} className="num nowrap">
                      {formatNumber(s.mean, s.name === "seconds" || s.name === "biclusters" ? 1 : 3)}
                      {s.sd !== null ? <span className="muted small"> ± {formatNumber(s.sd, s.name === "seconds" ? 1 : 3)}</span> : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <div className="grid-2" style={{ alignItems: "start" }}>
        {paperFigures.map(figure)}
      </div>
      {available.some((n) => !paperFigures.includes(n)) ? (
        <Card
          title="Other scores"
          actions={
            <select aria-label="Score" value={extra} onChange={(e) => setExtra(e.currentTarget.value)}>
              {available
                .filter((n) => !paperFigures.includes(n))
                .map((n) => (
                  <option key={n} value={n}>
                    {LABELS[n] ?? n}
                  </option>
                ))}
            </select>
          }
        >
          {extra ? figure(extra) : null}
        </Card>
      ) : null}
      <Card title="Member runs">
        <div className="table-wrap" style={{ maxHeight: 360, overflowY: "auto" }}>
          <table className="table" aria-label="Member runs">
            <thead>
              <tr>
                <th>Method</th>
                <th className="num">Seed</th>
                <th className="num">F-measure</th>
                <th className="num">Consensus</th>
                <th className="num">Seconds</th>
                <th>Run</th>
              </tr>
            </thead>
            <tbody>
              {result.members.map((m) => {
                const v = (n: string) => m.scores?.find((s) => s.name === n)?.value ?? null;
                const run = runOf(m.method, m.seed);
                return (
                  <tr key={`${m.method}-${m.seed}`}>
                    <td>{result.summary.find((s) => s.method === m.method)?.label ?? m.method}</td>
                    <td className="num">{m.seed}</td>
                    <td className="num">{formatNumber(v("f1"), 3)}</td>
                    <td className="num">{formatNumber(v("consensus"), 3)}</td>
                    <td className="num">{formatNumber(v("seconds"), 1)}</td>
                    <td>{run ? <Link href={`/runs/${run.id}`}>{m.error ? `failed: ${m.error}` : "open"}</Link> : (m.error ?? "–")}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
