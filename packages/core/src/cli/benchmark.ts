// `exprlab benchmark`: several methods x seeds on one matrix, scored against a truth file (synth's
// ground-truth JSON or a gene,class table) when given; prints the table, writes the result JSON.
import { access, readFile } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import { runMethod } from "../analysis/run-method.ts";
import { formatBenchmarkTable } from "../benchmark/table.ts";
import { parseTruth } from "../benchmark/truth.ts";
import { PAPER_METHODS } from "../benchmark/method.ts";
import type { BenchmarkTruth } from "../analysis/kinds/benchmark.ts";
import { InputError } from "../errors.ts";
import { readMatrix } from "../io/index.ts";
import { METHODS } from "../methods/index.ts";
import { writeJson } from "./files.ts";
import { createProgressBar } from "./progress-bar.ts";

function positiveInt(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a non-negative integer`);
    return n;
  };
}

/** "true"/"false", numbers, else the string itself. */
export function parseParamValue(value: string): unknown {
  if (value === "true" || value === "false") return value === "true";
  if (value !== "" && Number.isFinite(Number(value))) return Number(value);
  return value;
}

/** --param method.name=value (repeatable) -> { method: { name: value } }. */
export function parseMemberParamFlags(flags: readonly string[]): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const raw of flags) {
    const eq = raw.indexOf("=");
    const dot = raw.indexOf(".");
    if (eq < 1 || dot < 1 || dot > eq) throw new InputError(`--param expects method.name=value (e.g. cheng-church.delta=0.3), got "${raw}"`, { field: "param" });
    const method = raw.slice(0, dot);
    (out[method] ??= {})[raw.slice(dot + 1, eq)] = parseParamValue(raw.slice(eq + 1));
  }
  return out;
}

export function registerBenchmark(program: Command): void {
  const ids = METHODS.list("BICLUSTER").map((m) => m.id);
  program
    .command("benchmark")
    .description("compare methods on one matrix: each method with several seeds, scored against a truth file when given")
    .argument("<data>", "expression matrix file")
    .option("--truth <file>", "known answer: ground truth JSON (exprlab synth --truth) or a gene,class table (CSV/TSV)")
    .option("--methods <ids>", `comma-separated, from: ${ids.join(", ")}`, PAPER_METHODS.join(","))
    .option("--seeds <n>", "runs per method (seeds s .. s + n - 1)", positiveInt("--seeds"), 5)
    .option("--seed <s>", "first seed", positiveInt("--seed"), 0)
    .option("--k <k>", 'K for every method that takes it, or "auto" (default: each method\'s own)', (v) => (v === "auto" ? "auto" : positiveInt("--k")(v)))
    .option("--permutations <n>", "permutations of every bicluster p-value (default: each method's own)", positiveInt("--permutations"))
    .option("--param <method.name=value...>", "a parameter of one method, e.g. cheng-church.delta=0.3 (repeatable; see `exprlab methods`)")
    .option("--parse-times", "read numeric times from condition ids (t0, 2h, 30min)")
    .option("--out <file>", "result JSON (members, scores, summary)")
    .option("--json", "print the result JSON instead of the table")
    .option("--quiet", "no progress bar")
    .action(async (data: string, opts: Record<string, unknown>) => {
      try {
        await access(data);
      } catch {
        throw new InputError(`cannot read ${data}: no such file or not readable`);
      }
      const { matrix, report } = await readMatrix(data, { parseTimes: Boolean(opts.parseTimes) });
      process.stderr.write(`read ${report.genes} genes x ${matrix.conditions.length} conditions from ${data}\n`);
      let truth: BenchmarkTruth | null = null;
      if (opts.truth) {
        const path = String(opts.truth);
        let text: string;
        try {
          text = await readFile(path, "utf8");
        } catch (err) {
          throw new InputError(`cannot read ${path}: ${(err as Error).message}`);
        }
        const parsed = parseTruth(text, matrix);
        truth = parsed.truth;
        const labelled = truth.labels.filter((l) => l >= 0).length;
        process.stderr.write(`truth (${truth.source}): ${labelled} labelled genes` + (truth.biclusters ? `, ${truth.biclusters.length} biclusters` : "") + "\n");
        if (parsed.unknownGenes.length > 0) process.stderr.write(`warning: ${parsed.unknownGenes.length} genes of ${path} are not in the matrix (first: ${parsed.unknownGenes[0]})\n`);
      }
      const params: Record<string, unknown> = {
        methods: String(opts.methods)
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        seeds: opts.seeds,
        memberParams: JSON.stringify(parseMemberParamFlags((opts.param as string[] | undefined) ?? [])),
      };
      if (opts.k !== undefined) params.k = opts.k;
      if (opts.permutations !== undefined) params.permutations = opts.permutations;
      const unknown = (params.methods as string[]).filter((m) => !ids.includes(m));
      if (unknown.length > 0) throw new InputError(`unknown method ${unknown.join(", ")}; available: ${ids.join(", ")}`, { field: "methods" });

      const bench = METHODS.require("benchmark");
      const quiet = Boolean(opts.quiet) || !process.stderr.isTTY;
      const bar = quiet ? null : createProgressBar();
      const ac = new AbortController();
      const onSigint = () => ac.abort();
      process.once("SIGINT", onSigint);
      try {
        const result = await runMethod<"BENCHMARK">(bench, { matrix, truth }, params, {
          seed: opts.seed as number,
          signal: ac.signal,
          onProgress: (e) => bar?.update({ ...e, label: bench.stages[0]!.label }),
        });
        bar?.stop();
        const { payload } = result;
        for (const m of payload.members) if (m.error) process.stderr.write(`warning: ${m.method} (seed ${m.seed}) failed: ${m.error}\n`);
        process.stderr.write(`${payload.members.length} runs in ${result.totalSeconds.toFixed(1)} s\n`);
        if (opts.out) await writeJson(String(opts.out), result);
        if (opts.json) process.stdout.write(JSON.stringify(result) + "\n");
        else process.stdout.write(formatBenchmarkTable(payload, { legend: true }) + "\n");
      } finally {
        bar?.stop();
        process.off("SIGINT", onSigint);
      }
    });
}
