// Two-group differential expression of an expression matrix with limma's moderated t-test: the
// topTable columns (logFC, AveExpr, t, P.Value, adj.P.Val, B) for every gene.
import { InputError } from "../errors.ts";
import type { ExpressionMatrix } from "../types.ts";
import { adjustBH, eBayes, lmFitTwoGroup, type EBayesOptions } from "./limma.ts";

/** The columns of limma's topTable, in its order. */
export const TOP_TABLE_COLUMNS = ["logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B"] as const;
export type TopTableColumn = (typeof TOP_TABLE_COLUMNS)[number];

export interface DeRow {
  gene: string;
  logFC: number;
  AveExpr: number;
  t: number;
  "P.Value": number;
  "adj.P.Val": number;
  B: number;
}

export interface DeResult {
  /** One row per input gene, in input order (NaN where a gene could not be tested). */
  rows: DeRow[];
  /** logFC = mean(second) - mean(first). */
  groups: { first: string; second: string; nFirst: number; nSecond: number };
  dfPrior: number;
  s2Prior: number;
  varPrior: number;
  proportion: number;
}

/**
 * Moderated t-test of group `second` against `first`. labels[j] is sample j's class (null or any
 * other class: not used).
 */
export function moderatedTTest(
  matrix: ExpressionMatrix,
  labels: readonly (string | null)[],
  groups: readonly [string, string],
  options: Partial<EBayesOptions> = {},
): DeResult {
  const m = matrix.conditions.length;
  if (labels.length !== m) throw new InputError(`${labels.length} labels for ${m} samples`, { field: "labels" });
  const [first, second] = groups;
  if (first === second) throw new InputError(`the two groups must differ, got "${first}" twice`, { field: "groups" });
  const group = labels.map((l) => (l === first ? 0 : l === second ? 1 : -1));
  const nFirst = group.filter((g) => g === 0).length;
  const nSecond = group.filter((g) => g === 1).length;
  const present = [...new Set(labels.filter((l): l is string => l !== null))].sort();
  for (const [name, n] of [
    [first, nFirst],
    [second, nSecond],
  ] as const) {
    if (n === 0) throw new InputError(`no sample has class "${name}"; classes: ${present.join(", ")}`, { field: "groups" });
  }
  if (nFirst + nSecond < 3) throw new InputError(`${nFirst} + ${nSecond} samples leave no residual degrees of freedom`, { field: "groups" });
  const fit = lmFitTwoGroup(matrix.values, matrix.genes.length, group);
  const eb = eBayes(fit, options);
  const adj = adjustBH(eb.pValue);
  const rows = matrix.genes.map((gene, i) => ({
    gene,
    logFC: fit.coefficient[i]!,
    AveExpr: fit.amean[i]!,
    t: eb.t[i]!,
    "P.Value": eb.pValue[i]!,
    "adj.P.Val": adj[i]!,
    B: eb.lods[i]!,
  }));
  return {
    rows,
    groups: { first, second, nFirst, nSecond },
    dfPrior: eb.dfPrior,
    s2Prior: eb.s2Prior,
    varPrior: eb.varPrior,
    proportion: options.proportion ?? 0.01,
  };
}

/** Rows sorted as limma's topTable sorts by default: by B, decreasing (NaN last). */
export function sortByB(rows: readonly DeRow[]): DeRow[] {
  return [...rows].sort((a, b) => (Number.isNaN(b.B) ? -1 : Number.isNaN(a.B) ? 1 : b.B - a.B));
}
