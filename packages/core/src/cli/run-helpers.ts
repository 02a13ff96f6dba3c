// Shared by the classify, de and regress subcommands: --param parsing, reading a matrix with its
// sample-sheet labels, and running a registry method with a progress bar and Ctrl-C.
import { access, readFile } from "node:fs/promises";
import type { AnyMethod } from "../analysis/define.ts";
import type { AnalysisResult } from "../analysis/envelope.ts";
import type { KindInputs, RunKind } from "../analysis/kinds/index.ts";
import { runMethod } from "../analysis/run-method.ts";
import { labelsFromSheet } from "../classify/labels.ts";
import { readSampleSheet } from "../io/sample-sheet.ts";
import { InputError } from "../errors.ts";
import { readMatrix } from "../io/index.ts";
import type { ExpressionMatrix } from "../types.ts";
import { createProgressBar } from "./progress-bar.ts";

/** name=value pairs: booleans and numbers are converted, comma lists of an enum-list stay strings. */
export function parseParamPairs(raw: readonly string[] | undefined, method: AnyMethod): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const item of raw ?? []) {
    const eq = item.indexOf("=");
    if (eq < 1) throw new InputError(`--param expects name=value, got "${item}"`, { field: "param" });
    const name = item.slice(0, eq);
    const value = item.slice(eq + 1);
    let parsed: unknown = value;
    if (describeIsList(method, name)) parsed = value.split(",").map((v) => v.trim()).filter(Boolean);
    else if (value === "true" || value === "false") parsed = value === "true";
    else if (value !== "" && Number.isFinite(Number(value))) parsed = Number(value);
    params[name] = parsed;
  }
  return params;
}

function describeIsList(method: AnyMethod, name: string): boolean {
  let s = method.params.shape[name] as { def?: { type?: string; innerType?: unknown } } | undefined;
  while (s?.def && (s.def.type === "default" || s.def.type === "optional" || s.def.type === "nullable")) s = s.def.innerType as typeof s;
  return s?.def?.type === "array";
}

export async function requireFile(path: string): Promise<void> {
  try {
    await access(path);
  } catch {
    throw new InputError(`cannot read ${path}: no such file or not readable`);
  }
}

/** The matrix and, per sample, its class from the sample sheet (sample id in the first column). */
export async function readLabelledMatrix(
  data: string,
  labelsPath: string,
  labelColumn: string,
): Promise<{ matrix: ExpressionMatrix; labels: (string | null)[] }> {
  await requireFile(data);
  const { matrix } = await readMatrix(data);
  const sheet = await readSampleSheet(labelsPath);
  const { labels, unmatched } = labelsFromSheet(
    sheet,
    matrix.conditions.map((c) => c.id),
    labelColumn,
  );
  const unlabelled = labels.filter((l) => l === null).length;
  process.stderr.write(
    `read ${matrix.genes.length} genes x ${matrix.conditions.length} samples from ${data}; ${matrix.conditions.length - unlabelled} labelled` +
      (unlabelled ? `, ${unlabelled} without a label (left out)` : "") +
      (unmatched.length ? `; ${unmatched.length} sheet samples not in the matrix` : "") +
      "\n",
  );
  return { matrix, labels };
}

/** Gene ids from a comma list or a file with one id per line (or comma-separated). */
export async function readGeneList(spec: string): Promise<string[]> {
  let text = spec;
  try {
    await access(spec);
    text = await readFile(spec, "utf8");
  } catch {
    // not a file: a comma-separated list
  }
  return text
    .split(/[\s,]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}

export async function runWithProgress<K extends RunKind>(
  method: AnyMethod,
  input: KindInputs[K],
  params: Record<string, unknown>,
  seed: number,
  quiet: boolean,
): Promise<AnalysisResult<K>> {
  const bar = quiet || !process.stderr.isTTY ? null : createProgressBar();
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once("SIGINT", onSigint);
  try {
    const result = await runMethod<K>(method, input, params, {
      seed,
      signal: ac.signal,
      onProgress: (e) => bar?.update({ ...e, label: method.stages.find((st) => st.id === e.stage)?.label ?? e.stage }),
    });
    bar?.stop();
    for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
    return result;
  } finally {
    bar?.stop();
    process.off("SIGINT", onSigint);
  }
}
