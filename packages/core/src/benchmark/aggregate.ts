// Per method, the mean and spread of every score over its members (seeds): a pure function of the
// member records, so runs executed anywhere (one process, separate jobs) aggregate the same way.
import { SCORE_NAMES, type BenchmarkMember, type MethodSummary, type ScoreName, type ScoreSummary } from "../analysis/kinds/benchmark.ts";

/** n, mean, sample sd (n - 1; null below 2 values), min and max of the non-null values. */
export function summarise(values: readonly (number | null)[]): ScoreSummary {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { n: 0, mean: null, sd: null, min: null, max: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = n >= 2 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : null;
  return { n, mean, sd, min: Math.min(...xs), max: Math.max(...xs) };
}

/** One summary per method, in the order methods first appear among the members. */
export function aggregateBenchmark(members: readonly BenchmarkMember[]): MethodSummary[] {
  const byMethod = new Map<string, BenchmarkMember[]>();
  for (const m of members) {
    if (!byMethod.has(m.method)) byMethod.set(m.method, []);
    byMethod.get(m.method)!.push(m);
  }
  return [...byMethod.entries()].map(([method, runs]) => {
    const ok = runs.filter((r) => r.scores !== null);
    const scores = Object.fromEntries(SCORE_NAMES.map((name) => [name, summarise(ok.map((r) => r.scores![name]))])) as Record<ScoreName, ScoreSummary>;
    return { method, runs: runs.length, failed: runs.length - ok.length, scores };
  });
}
