// `npm run bench` (packages/core): prints figures; never part of the tests.
//   LSTM training throughput of the kernel (1 and 2 threads), each available tfjs backend and,
//   where installed, PyTorch at 1 thread; end-to-end time and peak RSS per stage at tiny 500 x 20,
//   small 2,000 x 30, medium 6,000 x 24, large 20,000 x 30 and xlarge 20,000 x 50 (default
//   settings); quality on a suite of planted datasets (--backend picks the LSTM backend); and,
//   where python3 has torch + sklearn, the same pipeline in PyTorch + scikit-learn
//   (bench/reference.py, 1 thread) on the same data, with our time / theirs and both peak RSS.
// Options: --only throughput,sizes,quality,reference   --sizes tiny,small,medium,large,xlarge
//          --backend auto|kernel|wasm|cpu   --repeat N (reference: runs per side, all printed)
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { writeMatrixCsv } from "../src/io/index.ts";
import { LstmEncoder, selectBackend, toSequences, type BackendName } from "../src/lstm/index.ts";
import { consensusScore, matchedScores } from "../src/metrics/index.ts";
import { runMethod, type BiclusterResult, type RunMethodOptions } from "../src/analysis/index.ts";
import { METHODS, type LstmSvmParamsInput } from "../src/methods/index.ts";
import { createRng } from "../src/random.ts";
import { generateSynthetic, type SynthOptions } from "../src/synth/index.ts";
import type { ExpressionMatrix } from "../src/types.ts";

type StageName = string;

/** One biclustering run of a registered method; `seed` comes out of params. */
function runBicluster(method: string, matrix: ExpressionMatrix, params: Record<string, unknown>, options: RunMethodOptions = {}): Promise<BiclusterResult> {
  const { seed, ...rest } = params;
  return runMethod<"BICLUSTER">(METHODS.require(method), { matrix }, rest, { seed: (seed as number | undefined) ?? 0, ...options });
}
const runLstmSvm = (m: ExpressionMatrix, p: Record<string, unknown>, o?: RunMethodOptions) => runBicluster("lstm-svm", m, p, o);
const runKmeansBaseline = (m: ExpressionMatrix, p: Record<string, unknown>, o?: RunMethodOptions) => runBicluster("kmeans", m, p, o);

/** Seconds per stage id plus "total" (the layout this bench prints). */
function timingsOf(result: BiclusterResult): Record<string, number> {
  return { ...Object.fromEntries(result.stages.map((s) => [s.id, s.seconds])), total: result.totalSeconds };
}

interface LstmDetails {
  fit: { trainSequences: number; validationSequences: number; epochsRun: number; epochsRequested: number; earlyStopped: boolean; sequencesPerSecond: number };
  fineTune: unknown[];
}
interface SvmDetails {
  iterations: number;
  seconds: number;
}
const lstmOf = (r: BiclusterResult) => r.payload.details.lstm as LstmDetails | null;
const svmOf = (r: BiclusterResult) => r.payload.details.svm as SvmDetails[];
const outerOf = (r: BiclusterResult) => r.payload.details.outer as { iterations: number; changed: number[] };

const here = dirname(fileURLToPath(import.meta.url));
// Data for the Python reference goes to the OS temp dir (CSV files of up to 20,000 x 50).
const outDir = join(tmpdir(), "exprlab-bench");
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = new Set((flag("only") ?? "throughput,sizes,quality,reference").split(","));
const sizeNames = (flag("sizes") ?? "tiny,small,medium,large,xlarge").split(",");
const backendFlag = (flag("backend") ?? "auto") as LstmSvmParamsInput["backend"];
const repeat = Number(flag("repeat") ?? 1);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
const fmt = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));

async function throughput(): Promise<void> {
  console.log("\n## LSTM training throughput (64 units, 256 sequences of T = 24, batch 64, forecasting objective)");
  const rng = createRng(1);
  const n = 256;
  const T = 24;
  const values = Float64Array.from({ length: n * T }, (_, i) => Math.sin(i / 3) + 0.3 * rng.normal());
  const seqs = toSequences(values, n, T);
  const embedSeqs = toSequences(Float64Array.from({ length: 4000 * T }, (_, i) => Math.cos(i / 5)), 4000, T);
  const runs: { label: string; backend: BackendName; threads?: number }[] = [
    { label: "kernel 1 thread", backend: "kernel", threads: 1 },
    { label: "kernel 2 threads", backend: "kernel", threads: 2 },
    { label: "tfjs-node", backend: "tensorflow" },
    { label: "tfjs-wasm", backend: "wasm" },
    { label: "tfjs-cpu", backend: "cpu" },
  ];
  for (const run of runs) {
    try {
      await selectBackend(run.backend);
    } catch (err) {
      console.log(`${run.label.padEnd(18)} unavailable (${(err as Error).message.slice(0, 120)})`);
      continue;
    }
    const epochs = run.backend === "cpu" ? 1 : 3;
    const enc = new LstmEncoder({ epochs, patience: 0, validationSplit: 0, seed: 1, backend: run.backend, ...(run.threads ? { threads: run.threads } : {}) });
    await enc.fit(toSequences(values.subarray(0, 64 * T), 64, T)); // warm-up (kernel: starts its worker threads)
    const rep = await enc.fit(seqs);
    const t0 = performance.now();
    await enc.embed(embedSeqs);
    const embedRate = 4000 / ((performance.now() - t0) / 1000);
    enc.dispose();
    console.log(`${run.label.padEnd(18)} train ${rep.sequencesPerSecond.toFixed(0).padStart(6)} sequences/s; embed (forward only) ${embedRate.toFixed(0).padStart(6)} sequences/s`);
  }
  const python = findPython();
  if (python) {
    const out = execFileSync(python, [join(here, "reference.py"), "-", "--k", "2", "--throughput", String(n), String(T), "--threads", "1"], { encoding: "utf8" });
    const r = JSON.parse(out.trim().split("\n").at(-1)!) as { sequencesPerSecond: number };
    console.log(`${"PyTorch 1 thread".padEnd(18)} train ${r.sequencesPerSecond.toFixed(0).padStart(6)} sequences/s`);
  } else console.log("PyTorch            not installed (Debian: apt-get install python3-torch python3-sklearn)");
  await selectBackend("auto");
}

interface Size {
  name: string;
  synth: SynthOptions;
}

const SIZES: Size[] = [
  { name: "tiny", synth: { genes: 500, timePoints: 20, biclusters: 4, genesPerBicluster: 0.1, seed: 10 } },
  { name: "small", synth: { genes: 2000, timePoints: 30, biclusters: 4, genesPerBicluster: 0.08, seed: 11 } },
  { name: "medium", synth: { genes: 6000, timePoints: 24, biclusters: 6, genesPerBicluster: 0.06, seed: 12 } },
  { name: "large", synth: { genes: 20000, timePoints: 30, biclusters: 8, genesPerBicluster: 0.05, seed: 13 } },
  { name: "xlarge", synth: { genes: 20000, timePoints: 50, biclusters: 8, genesPerBicluster: 0.05, seed: 13 } },
];

/** Runs with a sampler of RSS attributed to the stage in progress. */
async function measured(run: (onStage: (s: StageName) => void) => Promise<BiclusterResult>) {
  global.gc?.();
  const peak = new Map<StageName, number>();
  let stage: StageName = "preprocess";
  let overall = 0;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    peak.set(stage, Math.max(peak.get(stage) ?? 0, rss));
    overall = Math.max(overall, rss);
  };
  const timer = setInterval(sample, 100);
  try {
    const result = await run((s) => {
      sample();
      stage = s;
      sample();
    });
    sample();
    return { result, peak, overall };
  } finally {
    clearInterval(timer);
  }
}

function printRun(label: string, result: BiclusterResult, peak: Map<StageName, number>, overall: number, truth?: { labels: number[]; biclusters: { genes: number[]; conditions: number[] }[] }) {
  const t = timingsOf(result);
  const stages = Object.keys(t).filter((k) => k !== "total");
  const kc = result.payload.kChoice;
  console.log(`${label}: total ${fmt(t.total!)} s, peak RSS ${mb(overall)} MB, backend ${result.backend?.name ?? "-"}, K ${kc?.k ?? "-"}${kc?.auto ? " (auto)" : ""}, ${result.payload.biclusters.length} biclusters`);
  for (const s of stages) console.log(`   ${s.padEnd(14)} ${fmt(t[s]!).padStart(7)} s   peak RSS ${String(mb(peak.get(s) ?? 0)).padStart(5)} MB`);
  const lstm = lstmOf(result);
  if (lstm) {
    const f = lstm.fit;
    console.log(`   lstm: ${f.trainSequences} training sequences, ${f.epochsRun}/${f.epochsRequested} epochs${f.earlyStopped ? " (early stop)" : ""}, ${f.sequencesPerSecond.toFixed(0)} seq/s; fine-tunes ${lstm.fineTune.length}`);
  }
  const outer = outerOf(result);
  console.log(`   svm: ${svmOf(result).map((r) => `${r.iterations} it ${fmt(r.seconds)} s`).join("; ")}; outer ${outer.iterations} (changed ${outer.changed.map((c) => c.toFixed(3)).join(", ")})`);
  if (truth) {
    const ms = matchedScores(truth.labels, result.payload.labels, { unassignedIsBackground: true });
    console.log(`   quality: consensus ${consensusScore(result.payload.biclusters, truth.biclusters).toFixed(3)}, F1 ${ms.f1.toFixed(3)}`);
  }
}

async function sizes(): Promise<void> {
  console.log("\n## End to end, default settings (k auto), time and peak RSS per stage");
  for (const size of SIZES.filter((s) => sizeNames.includes(s.name))) {
    const { matrix, truth } = generateSynthetic(size.synth);
    const { result, peak, overall } = await measured((onStage) =>
      runLstmSvm(matrix, { seed: 1, backend: backendFlag }, { onProgress: (e) => onStage(e.stage) }),
    );
    printRun(`${size.name} ${matrix.genes.length} x ${matrix.conditions.length}`, result, peak, overall, truth);
  }
}

const SUITE: { name: string; synth: SynthOptions }[] = [
  { name: "default 500x20 noise 0.3", synth: { seed: 21 } },
  { name: "noise 0.5", synth: { seed: 22, noiseSd: 0.5 } },
  { name: "short 500x8", synth: { seed: 23, timePoints: 8, conditionsPerBicluster: [4, 6] } },
  { name: "12 points, 5% missing", synth: { seed: 24, timePoints: 12, missingFraction: 0.05 } },
  { name: "overlap 0.2", synth: { seed: 25, overlap: 0.2 } },
  { name: "6 biclusters 1000x24", synth: { seed: 26, genes: 1000, timePoints: 24, biclusters: 6 } },
];

async function quality(): Promise<void> {
  console.log("\n## Quality on planted datasets (K given = planted count; default settings otherwise)");
  console.log("dataset                          method     consensus  F1     seconds");
  for (const d of SUITE) {
    const { matrix, truth } = generateSynthetic(d.synth);
    const k = truth.biclusters.length;
    for (const [method, run] of [
      ["lstm-svm", runLstmSvm],
      ["kmeans", runKmeansBaseline],
    ] as const) {
      const r = await run(matrix, { seed: 1, k, backend: backendFlag });
      const ms = matchedScores(truth.labels, r.payload.labels, { unassignedIsBackground: true });
      console.log(`${d.name.padEnd(32)} ${method.padEnd(10)} ${consensusScore(r.payload.biclusters, truth.biclusters).toFixed(3).padStart(9)}  ${ms.f1.toFixed(3)}  ${fmt(r.totalSeconds).padStart(7)}`);
    }
  }
}

/** A python3 that imports torch and sklearn (pyenv shims may hide Debian's /usr/bin/python3). */
function findPython(): string | null {
  for (const py of ["python3", "/usr/bin/python3"]) {
    const r = spawnSync(py, ["-c", "import torch, sklearn"], { encoding: "utf8" });
    if (r.status === 0) return py;
  }
  return null;
}

async function reference(): Promise<void> {
  console.log("\n## PyTorch + scikit-learn reference (bench/reference.py, torch 1 thread), same data and settings (K given)");
  const python = findPython();
  if (!python) {
    console.log("skipped: python3 with torch and sklearn not found (Debian: apt-get install python3-torch python3-sklearn)");
    return;
  }
  mkdirSync(outDir, { recursive: true });
  for (const size of SIZES.filter((s) => sizeNames.includes(s.name))) {
    const { matrix } = generateSynthetic(size.synth);
    const csv = join(outDir, `${size.name}.csv`);
    await writeMatrixCsv(matrix, csv);
    const params: LstmSvmParamsInput & { seed: number } = { seed: 1, k: size.synth.biclusters ?? 4, backend: backendFlag };
    for (let rep = 1; rep <= repeat; rep++) {
      const { result: ours, overall } = await measured(() => runLstmSvm(matrix, params));
      const f = lstmOf(ours)!.fit;
      const ref = execFileSync(
        python,
        [join(here, "reference.py"), csv, "--k", String(params.k), "--epochs", String(f.epochsRun), "--train", String(f.trainSequences + f.validationSequences), "--outer", String(outerOf(ours).iterations), "--threads", "1"],
        { encoding: "utf8", maxBuffer: 64 * 2 ** 20 },
      );
      const theirs = JSON.parse(ref.trim().split("\n").at(-1)!) as { total: number; stages: Record<string, number>; peakRssMb: number };
      const ourStages = timingsOf(ours);
      console.log(
        `${size.name} ${matrix.genes.length} x ${matrix.conditions.length} run ${rep} (K ${params.k}, ${f.epochsRun} epochs on ${f.trainSequences + f.validationSequences} genes, ${outerOf(ours).iterations} outer, backend ${ours.backend?.name}): ` +
          `ours ${fmt(ourStages.total!)} s / ${mb(overall)} MB, theirs ${fmt(theirs.total)} s / ${theirs.peakRssMb} MB, ours/theirs ${(ourStages.total! / theirs.total).toFixed(2)}`,
      );
      for (const [s, v] of Object.entries(theirs.stages)) {
        const mine = s === "lstm" ? (ourStages["lstm-train"] ?? 0) + (ourStages["lstm-finetune"] ?? 0) + (ourStages.embed ?? 0) : (ourStages[s] ?? NaN);
        console.log(`   ${s.padEnd(12)} ours ${fmt(mine).padStart(7)} s   theirs ${fmt(v).padStart(7)} s`);
      }
    }
  }
}

function machine(): string {
  let cpu = "";
  try {
    cpu = execFileSync("sh", ["-c", "grep -m1 'model name' /proc/cpuinfo | cut -d: -f2; nproc; cat /proc/loadavg"], { encoding: "utf8" }).replace(/\n/g, " ").trim();
  } catch {
    cpu = "?";
  }
  return `node ${process.version}, ${cpu}`;
}

console.log(`ExprLab core benchmark (${machine()})`);
const auto = await selectBackend("auto");
console.log(`LSTM backend (auto): ${auto.name}${auto.name === "kernel" ? "" : ` (tfjs ${tf.getBackend()})`}`);
if (only.has("throughput")) await throughput();
if (only.has("sizes")) await sizes();
if (only.has("quality")) await quality();
if (only.has("reference")) await reference();


