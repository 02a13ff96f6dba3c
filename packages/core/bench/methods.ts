// `npx tsx bench/methods.ts` (packages/core): the method comparison of the paper's figures 2-7 on
// a planted suite, never part of the tests. Every registered biclustering method (LSTM-SVM, the
// paper's HMM, RNN and SVM baselines, k-means, Cheng-Church, Plaid, spectral) runs with its
// default parameters except K (given: the planted count, for every method that takes one), with
// 5 seeds per method; the table per dataset gives mean ± sd of every score, and the last section
// says per dataset which method wins on F1 and on consensus, and LSTM-SVM's margin.
// Datasets: temporal designs of src/synth (planted windows of time points), and two non-temporal
// Prelic-style designs built here (constant and additive blocks on random conditions), the
// structures the classic biclustering algorithms target.
// Options: --datasets name,name  --methods id,id  --seeds n  --json file (all payloads)
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchmarkPayload, BenchmarkTruth } from "../src/analysis/index.ts";
import { parseMethodParams } from "../src/analysis/index.ts";
import { formatBenchmarkTable, runBenchmark, truthFromGroundTruth } from "../src/benchmark/index.ts";
import { selectBackend } from "../src/lstm/index.ts";
import { METHODS } from "../src/methods/index.ts";
import { createRng } from "../src/random.ts";
import { generateSynthetic, type SynthOptions } from "../src/synth/index.ts";
import type { ExpressionMatrix } from "../src/types.ts";

interface Dataset {
  name: string;
  make(): { matrix: ExpressionMatrix; truth: BenchmarkTruth };
}

function temporal(name: string, synth: SynthOptions): Dataset {
  return {
    name,
    make: () => {
      const { matrix, truth } = generateSynthetic(synth);
      return { matrix, truth: truthFromGroundTruth(truth, matrix, "planted") };
    },
  };
}

/**
 * Prelic et al. 2006 style: N(0, 1) background, `blocks` non-overlapping biclusters of `genes` x
 * `conditions` on random (non-contiguous) conditions; constant: value `level` + N(0, noise^2);
 * additive: level + gene effect + condition effect (each N(0, 1)) + noise. No times.
 */
function prelic(name: string, kind: "constant" | "additive", seed: number): Dataset {
  return {
    name,
    make: () => {
      const n = 300;
      const m = 30;
      const blocks = 4;
      const perGenes = 30;
      const perConds = 6;
      const noise = 0.3;
      const level = 2;
      const rng = createRng(seed);
      const values = Float64Array.from({ length: n * m }, () => rng.normal());
      const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
      const labels = new Array<number>(n).fill(-1);
      const biclusters: { genes: number[]; conditions: number[] }[] = [];
      for (let b = 0; b < blocks; b++) {
        const genes = order.slice(b * perGenes, (b + 1) * perGenes).sort((x, y) => x - y);
        const conditions = rng.sample(m, perConds).sort((x, y) => x - y);
        const geneEffect = genes.map(() => (kind === "additive" ? rng.normal() : 0));
        const condEffect = conditions.map(() => (kind === "additive" ? rng.normal() : 0));
        genes.forEach((g, gi) => {
          labels[g] = b;
          conditions.forEach((c, ci) => (values[g * m + c] = level + geneEffect[gi]! + condEffect[ci]! + noise * rng.normal()));
        });
        biclusters.push({ genes, conditions });
      }
      const matrix: ExpressionMatrix = {
        genes: Array.from({ length: n }, (_, i) => `g${i}`),
        conditions: Array.from({ length: m }, (_, j) => ({ id: `c${j}` })),
        values,
      };
      return { matrix, truth: { labels, biclusters, classNames: null, source: "planted" } };
    },
  };
}

const DATASETS: Dataset[] = [
  temporal("temporal 500x20 (default design)", { seed: 21 }),
  temporal("temporal 500x20 noise 0.5", { seed: 22, noiseSd: 0.5 }),
  temporal("temporal 500x8 short", { seed: 23, timePoints: 8, conditionsPerBicluster: [4, 6] }),
  temporal("temporal 500x20 overlap 0.2", { seed: 25, overlap: 0.2 }),
  temporal("temporal 1000x24, 6 biclusters", { seed: 26, genes: 1000, timePoints: 24, biclusters: 6 }),
  prelic("constant 300x30 (Prelic-style)", "constant", 31),
  prelic("additive 300x30 (Prelic-style)", "additive", 32),
];

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const biclusterIds = METHODS.list("BICLUSTER").map((m) => m.id);
const methods = (flag("methods") ?? biclusterIds.join(",")).split(",");
const seeds = Number(flag("seeds") ?? 5);
const pick = flag("datasets")?.split(",");
const datasets = pick ? DATASETS.filter((d) => pick.some((p) => d.name.startsWith(p))) : DATASETS;
const fmt = (v: number | null | undefined, d = 3) => (v === null || v === undefined ? "-" : v.toFixed(d));

function machine(): string {
  try {
    return execFileSync("sh", ["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; nproc; cat /proc/loadavg"], { encoding: "utf8" }).replace(/\n/g, " ").trim();
  } catch {
    return "?";
  }
}

/** Winner by a score's mean, and LSTM-SVM's margin over the best other method in sds of the two. */
function verdict(p: BenchmarkPayload, score: "f1" | "consensus"): string {
  const rows = p.summary.filter((s) => s.scores[score].mean !== null).sort((a, b) => b.scores[score].mean! - a.scores[score].mean!);
  const best = rows[0];
  const lstm = rows.find((r) => r.method === "lstm-svm");
  if (!best) return `${score}: -`;
  let text = `${score}: best ${best.method} ${fmt(best.scores[score].mean)}`;
  if (lstm) {
    const rival = rows.find((r) => r.method !== "lstm-svm")!;
    const diff = lstm.scores[score].mean! - rival.scores[score].mean!;
    const spread = Math.hypot(lstm.scores[score].sd ?? 0, rival.scores[score].sd ?? 0);
    text += `; lstm-svm ${fmt(lstm.scores[score].mean)} vs best other (${rival.method}) ${diff >= 0 ? "+" : ""}${fmt(diff)}`;
    text += spread > 0 ? ` (${(Math.abs(diff) / spread).toFixed(1)} combined sd)` : " (no spread)";
  }
  return text;
}

console.log(`ExprLab method comparison (node ${process.version}, ${machine()})`);
const backend = await selectBackend("auto");
console.log(`tfjs backend: ${backend.name}; methods: ${methods.join(", ")}; ${seeds} seeds each; K = planted count for every method; other parameters at their defaults`);
const all: { dataset: string; payload: BenchmarkPayload; estimates: Record<string, number> }[] = [];
for (const d of datasets) {
  const { matrix, truth } = d.make();
  const k = truth.biclusters!.length;
  const t0 = performance.now();
  const payload = await runBenchmark(
    { matrix },
    {
      registry: METHODS,
      methods,
      seeds,
      truth,
      shared: { k },
      onMember: (m) => process.stderr.write(`  ${d.name}: ${m.method} seed ${m.seed} ${m.error ? `FAILED ${m.error}` : `F1 ${fmt(m.scores!.f1)} consensus ${fmt(m.scores!.consensus)} ${fmt(m.scores!.seconds, 1)} s`}\n`),
    },
  );
  const shape = { rows: matrix.genes.length, columns: matrix.conditions.length };
  const estimates = Object.fromEntries(
    methods.map((id) => {
      const method = METHODS.require(id);
      return [id, method.estimate?.(shape, parseMethodParams(method, method.params.shape.k ? { k } : {})).seconds ?? Number.NaN];
    }),
  );
  all.push({ dataset: d.name, payload, estimates });
  console.log(`\n## ${d.name}: ${matrix.genes.length} genes x ${matrix.conditions.length} conditions, ${k} planted biclusters (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  console.log(formatBenchmarkTable(payload));
  for (const m of payload.members.filter((x) => x.error)) console.log(`  failed: ${m.method} seed ${m.seed}: ${m.error}`);
}

console.log("\n## Verdict per dataset (mean over seeds; margin = LSTM-SVM minus the best other method)");
for (const { dataset, payload } of all) console.log(`${dataset}\n  ${verdict(payload, "f1")}\n  ${verdict(payload, "consensus")}`);

console.log("\n## Mean over datasets of each method's mean F1 / consensus / seconds");
for (const id of methods) {
  const rows = all.map((a) => a.payload.summary.find((s) => s.method === id)!);
  const mean = (f: (s: (typeof rows)[number]) => number | null) => {
    const xs = rows.map(f).filter((v): v is number => v !== null);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  console.log(`${id.padEnd(13)} F1 ${fmt(mean((s) => s.scores.f1.mean))}  consensus ${fmt(mean((s) => s.scores.consensus.mean))}  seconds ${fmt(mean((s) => s.scores.seconds.mean), 2)}`);
}
console.log("\n## Cost estimate (what the API budget checks) / measured mean seconds, per dataset");
console.log(["method".padEnd(13), ...all.map((_, i) => `d${i + 1}`.padStart(6))].join(" "));
for (const id of methods) {
  const ratios = all.map((a) => a.estimates[id]! / (a.payload.summary.find((s) => s.method === id)!.scores.seconds.mean ?? Number.NaN));
  console.log([id.padEnd(13), ...ratios.map((r) => (Number.isFinite(r) ? r.toFixed(2) : "-").padStart(6))].join(" "));
}
const out = flag("json") ?? join(tmpdir(), "exprlab-bench-methods.json");
writeFileSync(out, JSON.stringify(all));
console.log(`\npayloads: ${out}`);
