// `exprlab classify`: train and score a sample classifier (svm, cnn1d, cnn-bilstm) on a matrix
// whose samples are labelled by a sample sheet.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { parseFeatureSet } from "../classify/features.ts";
import { InputError } from "../errors.ts";
import { METHODS } from "../methods/index.ts";
import { writeJson } from "./files.ts";
import { parseParamPairs, readGeneList, readLabelledMatrix, runWithProgress } from "./run-helpers.ts";

/** Short model names of the CLI -> registry ids. */
const MODEL_IDS: Record<string, string> = { svm: "svm-classifier", cnn1d: "cnn1d", "cnn-bilstm": "cnn-bilstm" };

export function registerClassifyCommand(program: Command): void {
  program
    .command("classify")
    .description("train a sample classifier on labelled samples and score it on held-out ones")
    .argument("<data>", "expression matrix (genes x samples)")
    .requiredOption("--labels <file>", "sample sheet CSV/TSV: sample id in the first column")
    .requiredOption("--label-column <name>", "column of the sample sheet with the class")
    .option("--model <name>", "svm, cnn1d or cnn-bilstm (or a CLASSIFY method id)", "svm")
    .option("--features <set>", "all, top-variance:N or correlation:N")
    .option("--panel <genes>", "feature genes: a comma list or a file of gene ids (overrides --features)")
    .option("--counts", "the matrix holds RNA-seq counts: CPM + log2 per sample")
    .option("--evaluation <scheme>", "holdout (70/30) or cv")
    .option("--seed <n>", "seed", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError("--seed must be an integer");
      return n;
    })
    .option("--param <name=value...>", "any other parameter (see `exprlab methods`), repeatable")
    .option("--out <file>", "result JSON (default: stdout)")
    .option("--quiet", "no progress bar")
    .action(async (data: string, opts: Record<string, unknown>) => {
      const id = MODEL_IDS[String(opts.model)] ?? String(opts.model);
      const method = METHODS.require(id);
      if (method.kind !== "CLASSIFY") throw new InputError(`${id} is not a classifier; use svm, cnn1d or cnn-bilstm`, { field: "model" });
      const params = parseParamPairs(opts.param as string[] | undefined, method);
      if (opts.features !== undefined) {
        const fs = parseFeatureSet(String(opts.features));
        if (fs.mode === "all") params.featureSet = "all";
        else if (fs.mode !== "panel") {
          params.featureSet = fs.mode;
          params.featureCount = fs.n;
        }
      }
      if (opts.counts) params.counts = true;
      if (opts.evaluation !== undefined) params.evaluation = opts.evaluation;
      const { matrix, labels } = await readLabelledMatrix(data, String(opts.labels), String(opts.labelColumn));
      const panel = opts.panel !== undefined ? await readGeneList(String(opts.panel)) : undefined;
      const result = await runWithProgress<"CLASSIFY">(method, { matrix, labels, ...(panel ? { panel } : {}) }, params, (opts.seed as number | undefined) ?? 0, Boolean(opts.quiet));
      const m = result.payload.metrics;
      const g = result.payload.grid?.[0];
      process.stderr.write(
        `${method.id}: accuracy ${m.accuracy.toFixed(3)}, integrated F1 ${m.integratedF1.toFixed(3)}, ROC AUC ${m.rocAuc === null ? "-" : m.rocAuc.toFixed(3)} on ${m.samples} test samples` +
          `, ${result.payload.features.genes.length} features, ${result.totalSeconds.toFixed(1)} s` +
          (g ? `; grid search chose ${Object.entries(g.best).map(([k, v]) => `${k}=${v}`).join(" ")}` : "") +
          "\n",
      );
      if (opts.out) await writeJson(String(opts.out), result);
      else process.stdout.write(JSON.stringify(result) + "\n");
    });
}
