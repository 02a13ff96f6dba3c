// `exprlab` command line: bicluster, synth, score. Exit codes: 0 ok, 1 unexpected error,
// 2 bad input or usage (InputError, commander usage errors), 130 cancelled (Ctrl-C).
import { access } from "node:fs/promises";
import { Command, InvalidArgumentError } from "commander";
import { readMatrix } from "../io/index.ts";
import { CancelledError, InputError } from "../errors.ts";
import { consensusScore, integratedF1, matchedScores, prelicRecovery, prelicRelevance } from "../metrics/index.ts";
import { biclusterResultSchema } from "../analysis/envelope.ts";
import { runMethod } from "../analysis/run-method.ts";
import { METHODS } from "../methods/index.ts";
import { DESIGN_HELP, DESIGNS, generateDesign, truthFromJSON, truthToJSON } from "../synth/index.ts";
import { writeMatrixCsv } from "../io/index.ts";
import { createProgressBar } from "./progress-bar.ts";
import { readJson, writeJson } from "./files.ts";
import { registerClassifyCommand } from "./classify.ts";
import { registerDeCommand } from "./de.ts";
import { registerRegressCommand } from "./regress.ts";
import { registerBenchmark } from "./benchmark.ts";

function int(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be an integer`);
    return n;
  };
}

function num(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number`);
    return n;
  };
}

export function buildProgram(): Command {
  const program = new Command()
    .name("exprlab")
    .description("LSTM-SVM biclustering of temporal gene expression")
    .showHelpAfterError()
    .exitOverride();

  const bicluster = program
    .command("bicluster")
    .description("find biclusters in a genes x conditions matrix (CSV, TSV, .gz, GCT, GEO series matrix)")
    .argument("<data>", "expression matrix file")
    .option("--method <id>", `method: ${METHODS.list("BICLUSTER").map((m) => m.id).join(", ")}`, "lstm-svm")
    .option("--k <k>", 'number of clusters, or "auto"', (v) => (v === "auto" ? "auto" : int("--k")(v)))
    .option("--seed <n>", "seed (same data + seed = same biclusters)", int("--seed"))
    .option("--epochs <n>", "maximum LSTM epochs", int("--epochs"))
    .option("--units <n>", "LSTM units", int("--units"))
    .option("--backend <name>", "tfjs backend: auto, tensorflow, wasm, cpu")
    .option("--transform <t>", "none, log2, cpm-log2")
    .option("--parse-times", "read numeric times from condition ids (t0, 2h, 30min)")
    .option("--param <name=value...>", "any parameter of the method as name=value, repeatable (e.g. --param delta=0.3 --param deltaScale=absolute); `exprlab methods` lists each method's parameters with defaults and ranges")
    .option("--out <file>", "result JSON (default: stdout)")
    .option("--quiet", "no progress bar");
  bicluster.action(async (data: string, opts: Record<string, unknown>) => {
    const method = METHODS.require(String(opts.method));
    if (method.kind !== "BICLUSTER") throw new InputError(`${method.id} is not a biclustering method`, { field: "method" });
    const params: Record<string, unknown> = {};
    for (const raw of (opts.param as string[] | undefined) ?? []) {
      const eq = raw.indexOf("=");
      if (eq < 1) throw new InputError(`--param expects name=value, got "${raw}"`, { field: "param" });
      const name = raw.slice(0, eq);
      const value = raw.slice(eq + 1);
      let parsed: unknown = value;
      if (value === "true" || value === "false") parsed = value === "true";
      else if (value !== "" && Number.isFinite(Number(value))) parsed = Number(value);
      params[name] = parsed;
    }
    for (const key of ["k", "epochs", "units", "backend", "transform"]) {
      if (opts[key] !== undefined) params[key] = opts[key];
    }
    try {
      await access(data);
    } catch {
      throw new InputError(`cannot read ${data}: no such file or not readable`);
    }
    const { matrix, report } = await readMatrix(data, { parseTimes: Boolean(opts.parseTimes) });
    const quiet = Boolean(opts.quiet) || !process.stderr.isTTY;
    process.stderr.write(`read ${report.genes} genes x ${matrix.conditions.length} conditions from ${data}\n`);
    const bar = quiet ? null : createProgressBar();
    const ac = new AbortController();
    const onSigint = () => ac.abort();
    process.once("SIGINT", onSigint);
    try {
      const result = await runMethod<"BICLUSTER">(method, { matrix }, params, {
        seed: (opts.seed as number | undefined) ?? 0,
        signal: ac.signal,
        onProgress: (e) => bar?.update({ ...e, label: method.stages.find((st) => st.id === e.stage)?.label ?? e.stage }),
      });
      bar?.stop();
      const { payload } = result;
      const summary =
        `${payload.biclusters.length} biclusters` +
        (payload.kChoice ? `, K = ${payload.kChoice.k} (${payload.kChoice.reason})` : "") +
        `, ${payload.metrics.unassignedGenes} genes unassigned, ${result.totalSeconds.toFixed(1)} s` +
        (result.backend ? `, backend ${result.backend.name}` : "");
      process.stderr.write(summary + "\n");
      for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
      if (opts.out) await writeJson(String(opts.out), result);
      else process.stdout.write(JSON.stringify(result) + "\n");
    } finally {
      bar?.stop();
      process.off("SIGINT", onSigint);
    }
  });

  program
    .command("methods")
    .description("list the methods and their parameters (name, default, type [range], description)")
    .action(() => {
      for (const m of METHODS.list()) {
        process.stdout.write(`${m.id} (${m.kind.toLowerCase()}): ${m.label}\n  ${m.description}\n  Reference: ${m.reference}\n`);
        for (const d of m.params) {
          const range = d.min !== null || d.max !== null ? ` [${d.min ?? ""}..${d.max ?? ""}]` : "";
          const options = d.options ? ` (${d.options.join("|")})` : "";
          const alt = d.alternatives ? `|${d.alternatives.join("|")}` : "";
          const dflt = d.default === null ? "-" : JSON.stringify(d.default);
          process.stdout.write(`  ${d.name.padEnd(20)} ${dflt.padEnd(9)} ${d.type}${alt}${range}${options}  ${d.help}\n`);
        }
        process.stdout.write("\n");
      }
    });

  program
    .command("synth")
    .description("write a synthetic matrix with planted biclusters, and its ground truth")
    .option("--design <name>", `design: ${DESIGNS.map((d) => `${d} (${DESIGN_HELP[d]})`).join("; ")}`, "temporal")
    .option("--genes <n>", "genes (default: the design's)", int("--genes"))
    .option("--time-points <n>", "time points or samples (default: the design's)", int("--time-points"))
    .option("--biclusters <n>", "planted biclusters", int("--biclusters"))
    .option("--genes-per-bicluster <n>", "genes per bicluster (count, or fraction < 1 for temporal)", num("--genes-per-bicluster"))
    .option("--conditions-per-bicluster <n>", "conditions per bicluster (temporal: window length, count or fraction)", num("--conditions-per-bicluster"))
    .option("--noise <sd>", "noise standard deviation", num("--noise"))
    .option("--overlap <fraction>", "fraction of each bicluster's genes shared with the previous one", num("--overlap"))
    .option("--missing <fraction>", "fraction of missing values", num("--missing"))
    .option("--seed <n>", "seed", int("--seed"), 1)
    .requiredOption("--out <file>", "matrix CSV to write")
    .option("--truth <file>", "ground truth JSON to write")
    .action(async (opts: Record<string, unknown>) => {
      const n = (k: string) => opts[k] as number | undefined;
      const { matrix, truth } = generateDesign(String(opts.design), {
        genes: n("genes"),
        conditions: n("timePoints"),
        biclusters: n("biclusters"),
        genesPerBicluster: n("genesPerBicluster"),
        conditionsPerBicluster: n("conditionsPerBicluster"),
        noiseSd: n("noise"),
        overlap: n("overlap"),
        missingFraction: n("missing"),
        seed: opts.seed as number,
      });
      await writeMatrixCsv(matrix, String(opts.out));
      if (opts.truth) await writeJson(String(opts.truth), truthToJSON(truth));
      process.stderr.write(
        `wrote ${matrix.genes.length} x ${matrix.conditions.length} (${String(opts.design)}) to ${String(opts.out)}` +
          (opts.truth ? `, truth (${truth.biclusters.length} biclusters) to ${String(opts.truth)}` : "") +
          "\n",
      );
    });

  program
    .command("score")
    .description("score a result against a ground truth (from exprlab synth)")
    .argument("<truth>", "ground truth JSON")
    .argument("<result>", "result JSON (from exprlab bicluster)")
    .option("--json", "print the scores as JSON")
    .action(async (truthPath: string, resultPath: string, opts: { json?: boolean }) => {
      const truth = truthFromJSON(await readJson(truthPath));
      const parsed = biclusterResultSchema.safeParse(await readJson(resultPath));
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new InputError(`${resultPath} is not an exprlab result: ${issue.path.join(".")}: ${issue.message}`, { field: issue.path.join(".") });
      }
      const result = parsed.data.payload;
      if (result.labels.length !== truth.labels.length) {
        throw new InputError(`result has ${result.labels.length} genes, truth ${truth.labels.length}: not the same data`);
      }
      const genes = matchedScores(truth.labels, result.labels, { unassignedIsBackground: true });
      const scores = {
        accuracy: genes.accuracy,
        precision: genes.precision,
        recall: genes.recall,
        f1: genes.f1,
        desirability: integratedF1(genes.perClass.map((c) => c.f1)).overall,
        relevance: prelicRelevance(result.biclusters, truth.biclusters),
        recovery: prelicRecovery(result.biclusters, truth.biclusters),
        consensus: consensusScore(result.biclusters, truth.biclusters),
        found: result.biclusters.length,
        planted: truth.biclusters.length,
      };
      if (opts.json) {
        process.stdout.write(JSON.stringify(scores) + "\n");
        return;
      }
      const rows: [string, string][] = [
        ["accuracy", scores.accuracy.toFixed(3)],
        ["precision", scores.precision.toFixed(3)],
        ["recall", scores.recall.toFixed(3)],
        ["F1", scores.f1.toFixed(3)],
        ["desirability (F1)", scores.desirability.toFixed(3)],
        ["relevance (Prelic)", scores.relevance.toFixed(3)],
        ["recovery (Prelic)", scores.recovery.toFixed(3)],
        ["consensus", scores.consensus.toFixed(3)],
        ["biclusters found / planted", `${scores.found} / ${scores.planted}`],
      ];
      for (const [k, v] of rows) process.stdout.write(`${k.padEnd(28)} ${v}\n`);
    });

  registerClassifyCommand(program);
  registerDeCommand(program);
  registerRegressCommand(program);
  registerBenchmark(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number; message?: string };
    if (typeof e.code === "string" && e.code.startsWith("commander.")) {
      // help and version exit 0; usage errors were already printed by commander
      return e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.code === "commander.help" ? 0 : 2;
    }
    if (err instanceof InputError) {
      process.stderr.write(`exprlab: ${err.message}\n`);
      return 2;
    }
    if (err instanceof CancelledError) {
      process.stderr.write("exprlab: cancelled\n");
      return 130;
    }
    process.stderr.write(`exprlab: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

const isEntry = process.argv[1] !== undefined && /(?:^|[\\/])(?:main\.ts|exprlab(?:\.mjs)?)$/.test(process.argv[1]);
if (isEntry) {
  // `exprlab ... | head` closes stdout early: not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  process.exitCode = await main(process.argv.slice(2));
}
