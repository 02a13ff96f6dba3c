// `npm run bench:classify` (packages/core): prints figures; never part of the tests.
//   Every CLASSIFY method at its default (published) settings on the ALL leukaemia fixture
//   (B vs T lineage; B-lineage stage B1-B4) and on a synthetic 3-class set: accuracy, integrated
//   F1, macro F1, ROC AUC, features, training and total seconds, the cost estimate; the 1D-CNN's
//   grid table and winning configuration; the CNN-BiLSTM's noise robustness; then limma DE of
//   B vs T and the six regressors on its table (targets B and logFC).
// Options: --only classify,regress   --datasets all-lineage,all-stage,synthetic   --models id,id
import { fileURLToPath } from "node:url";
import type { ClassifyResult, RegressResult } from "../src/analysis/index.ts";
import { KINDS, parseMethodParams, runMethod } from "../src/analysis/index.ts";
import { labelsFromSheet } from "../src/classify/labels.ts";
import { readSampleSheet } from "../src/io/sample-sheet.ts";
import { moderatedTTest } from "../src/de/moderated-t.ts";
import { readMatrix } from "../src/io/index.ts";
import { METHODS } from "../src/methods/index.ts";
import { createRng } from "../src/random.ts";
import { tableFromDe } from "../src/regress/table.ts";
import type { ExpressionMatrix } from "../src/types.ts";

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]?.split(",") : undefined;
};
const only = arg("only") ?? ["classify", "regress"];
const fixtures = fileURLToPath(new URL("../test/fixtures/all/", import.meta.url));

interface Dataset {
  name: string;
  matrix: ExpressionMatrix;
  labels: (string | null)[];
}

/** 120 samples x 1,000 genes, 3 classes of 40; 30 genes carry a class shift of 1 sd, the rest is noise. */
function synthetic(): Dataset {
  const rng = createRng("bench-classify");
  const G = 1000;
  const S = 120;
  const labels = Array.from({ length: S }, (_, j) => ["A", "B", "C"][j % 3]!);
  const values = new Float64Array(G * S);
  for (let g = 0; g < G; g++) {
    for (let j = 0; j < S; j++) {
      const k = j % 3;
      const shift = g < 30 && Math.floor(g / 10) === k ? 1 : 0;
      values[g * S + j] = 7 + rng.normal() + shift;
    }
  }
  return {
    name: "synthetic 3-class (1,000 genes, 30 informative)",
    matrix: { genes: Array.from({ length: G }, (_, g) => `g${g}`), conditions: labels.map((_, j) => ({ id: `s${j}` })), values },
    labels,
  };
}

async function allDatasets(): Promise<{ lineage: Dataset; stage: Dataset; matrix: ExpressionMatrix; lineageLabels: (string | null)[] }> {
  const { matrix } = await readMatrix(fixtures + "all-top500.csv.gz");
  const sheet = await readSampleSheet(fixtures + "all-samples.csv");
  const ids = matrix.conditions.map((c) => c.id);
  const lineage = labelsFromSheet(sheet, ids, "lineage").labels;
  const stage = labelsFromSheet(sheet, ids, "stage").labels;
  return {
    lineage: { name: "ALL B vs T lineage (500 probes, 95/33)", matrix, labels: lineage },
    stage: { name: "ALL B-lineage stage B1-B4 (500 probes, 90 samples)", matrix, labels: stage },
    matrix,
    lineageLabels: lineage,
  };
}

const f3 = (x: number | null | undefined) => (x === null || x === undefined ? "  -  " : x.toFixed(3));

async function benchClassify(datasets: Dataset[]) {
  const models = arg("models") ?? METHODS.list("CLASSIFY").map((m) => m.id);
  const variants: { label: string; id: string; params: Record<string, unknown> }[] = [];
  for (const id of models) {
    variants.push({ label: id, id, params: {} });
    if (id === "svm-classifier") variants.push({ label: "svm-classifier linear", id, params: { kernel: "linear" } });
  }
  console.log("\n== Classifiers at default settings (hold-out 70/30, seed 1) ==");
  console.log(`${"dataset".padEnd(50)} ${"model".padEnd(22)} ${"acc".padStart(6)} ${"intF1".padStart(6)} ${"macF1".padStart(6)} ${"AUC".padStart(6)} ${"feat".padStart(5)} ${"train s".padStart(8)} ${"total s".padStart(8)} ${"est s".padStart(7)}`);
  for (const ds of datasets) {
    for (const v of variants) {
      const method = METHODS.require(v.id);
      const input = { matrix: ds.matrix, labels: ds.labels };
      const est = method.estimate?.(KINDS.CLASSIFY.shape(input), parseMethodParams(method, v.params) as never);
      const r = (await runMethod<"CLASSIFY">(method, input, v.params, { seed: 1 })) as ClassifyResult;
      const m = r.payload.metrics;
      console.log(
        `${ds.name.padEnd(50)} ${v.label.padEnd(22)} ${f3(m.accuracy).padStart(6)} ${f3(m.integratedF1).padStart(6)} ${f3(m.macroF1).padStart(6)} ${f3(m.rocAuc).padStart(6)} ${String(r.payload.features.genes.length).padStart(5)} ${(r.payload.details.trainingSeconds as number).toFixed(1).padStart(8)} ${r.totalSeconds.toFixed(1).padStart(8)} ${(est?.seconds ?? 0).toFixed(0).padStart(7)}`,
      );
      const grid = r.payload.grid?.[0];
      if (grid) {
        console.log(`   grid search: ${grid.rows.length} rows, ${new Set(grid.rows.map((row) => JSON.stringify(row.config))).size} configurations trained; winner ${JSON.stringify(grid.best)}`);
        for (const row of grid.rows) {
          console.log(`     ${String(row.step).padStart(2)} ${row.group.padEnd(17)} ${String(row.value).padEnd(9)} intF1 ${f3(row.integratedF1)} acc ${f3(row.accuracy)} valLoss ${f3(row.valLoss)} epochs ${String(row.epochs).padStart(3)}${row.chosen ? "  <- kept" : ""}`);
        }
      }
      if (r.payload.robustness) {
        const base = `acc ${f3(m.accuracy)} AUC ${f3(m.rocAuc)}`;
        console.log(`   noise robustness (mean ± variance over ${r.payload.robustness[0]!.repeats} draws; clean: ${base}):`);
        for (const l of r.payload.robustness) {
          console.log(`     ${String(Math.round(l.level * 100)).padStart(2)}% sd: acc ${f3(l.accuracy.mean)} ± ${l.accuracy.variance.toExponential(1)}  intF1 ${f3(l.integratedF1.mean)}  AUC ${f3(l.rocAuc?.mean)} ± ${l.rocAuc ? l.rocAuc.variance.toExponential(1) : "-"}`);
        }
      }
    }
  }
}

async function benchRegress(matrix: ExpressionMatrix, labels: (string | null)[]) {
  const de = moderatedTTest(matrix, labels, ["B", "T"]);
  console.log(`\n== limma DE, T vs B on the ALL fixture: d0 = ${de.dfPrior.toFixed(3)}, s0^2 = ${de.s2Prior.toPrecision(4)}, ${de.rows.filter((r) => r["adj.P.Val"] < 0.05).length}/500 genes adj.P.Val < 0.05 ==`);
  const table = tableFromDe(de.rows);
  for (const target of ["B", "logFC"]) {
    const r = (await runMethod<"REGRESS">(METHODS.require("de-regression"), { table, target }, {}, { seed: 1 })) as RegressResult;
    const p = r.payload;
    console.log(`\n-- regress ${target} from ${p.input.features.join(", ")} (excluded: ${p.input.excluded.map((e) => e.column).join(", ")}); ${p.split.train}/${p.split.test} rows, ${r.totalSeconds.toFixed(1)} s`);
    console.log(`${"model".padEnd(24)} ${"R2".padStart(7)} ${"MSE".padStart(10)} ${"RMSE".padStart(9)} ${"CV R2".padStart(15)} ${"s".padStart(6)}  importance (R2 drop)`);
    console.log(`${"mean (baseline)".padEnd(24)} ${p.baseline.r2.toFixed(3).padStart(7)} ${p.baseline.mse.toPrecision(4).padStart(10)} ${p.baseline.rmse.toPrecision(4).padStart(9)}`);
    const secs = p.details.seconds as Record<string, number>;
    for (const m of p.models) {
      console.log(
        `${m.label.padEnd(24)} ${m.metrics.r2.toFixed(3).padStart(7)} ${m.metrics.mse.toPrecision(4).padStart(10)} ${m.metrics.rmse.toPrecision(4).padStart(9)} ${`${m.cv.r2.mean.toFixed(3)}±${m.cv.r2.sd.toFixed(3)}`.padStart(15)} ${(secs[m.name] ?? 0).toFixed(1).padStart(6)}  ${m.importance.map((i) => `${i.feature} ${i.mean.toFixed(3)}`).join(", ")}`,
      );
    }
  }
}

const all = await allDatasets();
if (only.includes("classify")) {
  const byName: Record<string, Dataset> = { "all-lineage": all.lineage, "all-stage": all.stage, synthetic: synthetic() };
  const names = arg("datasets") ?? ["all-lineage", "all-stage", "synthetic"];
  await benchClassify(names.map((n) => byName[n]!).filter(Boolean));
}
if (only.includes("regress")) await benchRegress(all.matrix, all.lineageLabels);
