// `exprlab regress`: compare the six regressors at predicting one column of a DE table.
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { InputError } from "../errors.ts";
import { METHODS } from "../methods/index.ts";
import { readTable } from "../regress/table.ts";
import { writeJson } from "./files.ts";
import { parseParamPairs, requireFile, runWithProgress } from "./run-helpers.ts";

export function registerRegressCommand(program: Command): void {
  program
    .command("regress")
    .description("compare six regressors at predicting a DE table's column (logFC, B, ...) from the columns that do not leak it")
    .argument("<table>", "CSV/TSV: gene id in the first column, numeric columns (e.g. a limma topTable)")
    .requiredOption("--target <column>", "column to predict, e.g. logFC or B")
    .option("--models <list>", "comma list of linear, tree, forest, boosting, svr, knn (default: all)")
    .option("--features <list>", "comma list of feature columns (default: every column that does not leak the target)")
    .option("--exclude <list>", "comma list of columns to leave out")
    .option("--seed <n>", "seed", (v) => {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new InvalidArgumentError("--seed must be an integer");
      return n;
    })
    .option("--param <name=value...>", "any other parameter (see `exprlab methods`), repeatable")
    .option("--out <file>", "result JSON (default: stdout)")
    .option("--quiet", "no progress bar")
    .action(async (path: string, opts: Record<string, unknown>) => {
      const method = METHODS.require("de-regression");
      const params = parseParamPairs(opts.param as string[] | undefined, method);
      if (opts.models !== undefined) params.models = String(opts.models).split(",").map((m) => m.trim());
      if (opts.features !== undefined) params.features = String(opts.features);
      if (opts.exclude !== undefined) params.exclude = String(opts.exclude);
      await requireFile(path);
      const { table, ignoredColumns } = await readTable(path);
      if (!table.columns.includes(String(opts.target))) {
        throw new InputError(`no numeric column "${String(opts.target)}" in ${path}; numeric columns: ${table.columns.join(", ")}`, { field: "target" });
      }
      process.stderr.write(
        `read ${table.rows.length} rows x ${table.columns.length} numeric columns from ${path}` + (ignoredColumns.length ? ` (text columns ignored: ${ignoredColumns.join(", ")})` : "") + "\n",
      );
      const result = await runWithProgress<"REGRESS">(method, { table, target: String(opts.target) }, params, (opts.seed as number | undefined) ?? 0, Boolean(opts.quiet));
      const p = result.payload;
      process.stderr.write(`target ${p.input.target} from ${p.input.features.join(", ")}` + (p.input.excluded.length ? ` (left out: ${p.input.excluded.map((e) => e.column).join(", ")})` : "") + "\n");
      process.stderr.write(`${"model".padEnd(24)} ${"R2".padStart(7)} ${"MSE".padStart(10)} ${"RMSE".padStart(9)}  CV R2\n`);
      process.stderr.write(`${"mean (baseline)".padEnd(24)} ${p.baseline.r2.toFixed(3).padStart(7)} ${p.baseline.mse.toPrecision(4).padStart(10)} ${p.baseline.rmse.toPrecision(4).padStart(9)}\n`);
      for (const m of p.models) {
        process.stderr.write(
          `${m.label.padEnd(24)} ${m.metrics.r2.toFixed(3).padStart(7)} ${m.metrics.mse.toPrecision(4).padStart(10)} ${m.metrics.rmse.toPrecision(4).padStart(9)}  ${m.cv.r2.mean.toFixed(3)} ± ${m.cv.r2.sd.toFixed(3)}\n`,
        );
      }
      if (opts.out) await writeJson(String(opts.out), result);
      else process.stdout.write(JSON.stringify(result) + "\n");
    });
}
