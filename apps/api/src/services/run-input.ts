// What each run kind takes besides its dataset (stored in Run.input), validated when the run is
// created so that a run never fails later for a reason the request already showed.
import type { Condition } from "@exprlab/core";
import type { Dataset } from "@exprlab/db";
import { z } from "zod";
import { badInput } from "../errors.ts";

const column = z.string().trim().min(1).max(200);

export const runInputSchemas = {
  BICLUSTER: z.object({}).strict(),
  CLASSIFY: z
    .object({
      /** The condition-metadata column holding each sample's class. */
      labelColumn: column,
      /** Genes to use as features (a panel, e.g. a bicluster's genes); default: the method's feature set. */
      panel: z.array(column).min(2).max(5000).optional(),
    })
    .strict(),
  REGRESS: z.object({ /** Column of the DE table to predict. */ target: column }).strict(),
} as const;

export type RunInputKind = keyof typeof runInputSchemas;
export type RunInput<K extends RunInputKind> = z.output<(typeof runInputSchemas)[K]>;

/** Condition-metadata columns a dataset's conditions carry (roles, then free fields). */
export function conditionColumns(conditions: readonly Condition[]): string[] {
  const roles = ["label", "group", "subject", "replicate"] as const;
  const out: string[] = roles.filter((r) => conditions.some((c) => c[r] !== undefined && c[r] !== ""));
  for (const c of conditions) for (const k of Object.keys(c.fields ?? {})) if (!out.includes(k)) out.push(k);
  return out;
}

/** The value of `name` for a condition (a role such as group or label, or a free field); null when absent. */
export function conditionValue(c: Condition, name: string): string | null {
  const v =
    name === "label" || name === "group" || name === "subject" || name === "replicate" ? c[name] : (c.fields?.[name] ?? undefined);
  if (v === undefined || v === null) return null;
  const text = String(v).trim();
  return text === "" || /^(na|nan|null|none|\?)$/i.test(text) ? null : text;
}

export function classLabels(conditions: readonly Condition[], labelColumn: string): (string | null)[] {
  return conditions.map((c) => conditionValue(c, labelColumn));
}

/** Validates `raw` for `kind` against the dataset; errors are BAD_USER_INPUT naming the field. */
export function checkRunInput<K extends RunInputKind>(kind: K, raw: unknown, dataset: Pick<Dataset, "kind" | "conditions">): RunInput<K> {
  const parsed = runInputSchemas[kind].safeParse(raw ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(issue.path.map(String).join(".") || "input", issue.message);
  }
  const input = parsed.data as RunInput<K>;
  const conditions = dataset.conditions as unknown as Condition[];
  if (kind === "BICLUSTER" && dataset.kind === "DE_TABLE") throw badInput("datasetId", "is a DE table: biclustering needs an expression matrix");
  if (kind === "CLASSIFY") {
    if (dataset.kind === "DE_TABLE") throw badInput("datasetId", "is a DE table: a classifier needs an expression matrix with labelled samples");
    const { labelColumn } = input as RunInput<"CLASSIFY">;
    const available = conditionColumns(conditions);
    if (!available.includes(labelColumn)) {
      throw badInput("labelColumn", available.length ? `no column "${labelColumn}" in the sample metadata; available: ${available.join(", ")}` : "the dataset has no sample metadata: import a sample sheet first");
    }
    const counts = new Map<string, number>();
    for (const l of classLabels(conditions, labelColumn)) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
    if (counts.size < 2) throw badInput("labelColumn", `needs at least two classes; "${labelColumn}" has ${counts.size}`);
    const small = [...counts].filter(([, n]) => n < 3);
    if (small.length) throw badInput("labelColumn", `every class needs at least 3 samples to train and test: ${small.map(([c, n]) => `${c} has ${n}`).join(", ")}`);
  }
  if (kind === "REGRESS") {
    if (dataset.kind !== "DE_TABLE") throw badInput("datasetId", "is not a DE table: import a topTable or compute one from two groups first");
    const { target } = input as RunInput<"REGRESS">;
    const columns = conditions.map((c) => c.id);
    if (!columns.includes(target)) throw badInput("target", `no column "${target}" in the table; columns: ${columns.join(", ")}`);
  }
  return input;
}
