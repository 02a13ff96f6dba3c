// The known answer of a benchmark, from synth's ground-truth JSON (planted biclusters, e.g.
// `exprlab synth --truth`) or from a gene-class table a lab supplies (gene,class), aligned with
// the matrix's genes. Gene classes have no conditions: they give accuracy, precision, recall,
// F-measure and Prelic's gene-based relevance/recovery, but no consensus score (cells).
import { parse } from "csv-parse/sync";
import type { BenchmarkTruth } from "../analysis/kinds/benchmark.ts";
import { InputError } from "../errors.ts";
import { truthFromJSON, type GroundTruth } from "../synth/index.ts";
import type { ExpressionMatrix } from "../types.ts";

/** Class names read as "no class" (background): the gene counts as -1, like an unlisted gene. */
const BACKGROUND_NAMES = new Set(["", "-1", "background", "none", "na", "n/a"]);

/**
 * Ground truth (synth's format) for this matrix. With geneIds the truth is matched by id (any
 * order; every matrix gene must be listed); without, by position (same number of genes).
 */
export function truthFromGroundTruth(truth: GroundTruth, matrix: ExpressionMatrix, source: BenchmarkTruth["source"] = "truth-file"): BenchmarkTruth {
  const n = matrix.genes.length;
  let toInput: (g: number) => number = (g) => g;
  if (truth.geneIds) {
    const pos = new Map(matrix.genes.map((g, i) => [g, i]));
    const map = truth.geneIds.map((id) => pos.get(id) ?? -1);
    const missing = truth.geneIds.filter((_, i) => map[i] === -1);
    if (missing.length > 0) throw new InputError(`${missing.length} genes of the truth are not in the matrix (first: ${missing[0]})`, { field: "geneIds" });
    if (truth.geneIds.length !== n) throw new InputError(`the truth lists ${truth.geneIds.length} genes, the matrix has ${n}`, { field: "geneIds" });
    toInput = (g) => map[g]!;
  } else if (truth.labels.length !== n) {
    throw new InputError(`the truth has ${truth.labels.length} labels, the matrix ${n} genes (and the truth has no gene ids to match by)`, { field: "labels" });
  }
  if (truth.conditionIds && truth.conditionIds.length !== matrix.conditions.length) {
    throw new InputError(`the truth has ${truth.conditionIds.length} conditions, the matrix ${matrix.conditions.length}`, { field: "conditionIds" });
  }
  const labels = new Array<number>(n).fill(-1);
  truth.labels.forEach((l, g) => (labels[toInput(g)] = l));
  return {
    labels,
    biclusters: truth.biclusters.map((b) => ({ genes: b.genes.map(toInput).sort((a, c) => a - c), conditions: [...b.conditions] })),
    classNames: null,
    source,
  };
}

/**
 * A gene-class table: a header with columns "gene" and "class" (any order, any case; comma, tab
 * or semicolon separated), one gene per line. Genes of the matrix not listed, and classes named
 * background / none / -1 / empty, are background (-1). Unknown genes are reported back.
 */
export function parseGeneClasses(text: string, matrix: ExpressionMatrix): { truth: BenchmarkTruth; unknownGenes: string[] } {
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: [",", "\t", ";"], relax_column_count: true, skip_empty_lines: true, trim: true, bom: true }) as string[][];
  } catch (err) {
    throw new InputError(`gene classes: ${(err as Error).message}`);
  }
  const header = (rows[0] ?? []).map((h) => h.toLowerCase());
  const gi = header.indexOf("gene");
  const ci = header.indexOf("class");
  if (gi < 0 || ci < 0) throw new InputError('gene classes need a header with columns "gene" and "class"', { line: 1 });
  const pos = new Map(matrix.genes.map((g, i) => [g, i]));
  const labels = new Array<number>(matrix.genes.length).fill(-1);
  const classNames: string[] = [];
  const classIndex = new Map<string, number>();
  const seen = new Set<string>();
  const unknownGenes: string[] = [];
  rows.slice(1).forEach((row, r) => {
    const line = r + 2;
    const gene = row[gi];
    const cls = row[ci] ?? "";
    if (gene === undefined || gene === "") throw new InputError("missing gene id", { line, column: gi + 1, field: "gene" });
    if (seen.has(gene)) throw new InputError(`gene ${gene} is listed twice`, { line, column: gi + 1, field: "gene" });
    seen.add(gene);
    const g = pos.get(gene);
    if (g === undefined) {
      unknownGenes.push(gene);
      return;
    }
    if (BACKGROUND_NAMES.has(cls.toLowerCase())) return;
    if (!classIndex.has(cls)) {
      classIndex.set(cls, classNames.length);
      classNames.push(cls);
    }
    labels[g] = classIndex.get(cls)!;
  });
  if (seen.size === unknownGenes.length) throw new InputError(`none of the ${seen.size} genes of the class table is in the matrix (first: ${unknownGenes[0] ?? "-"})`, { field: "gene" });
  return { truth: { labels, biclusters: null, classNames, source: "gene-classes" }, unknownGenes };
}

/** A truth file's text: synth's JSON when it parses as JSON, else a gene-class table. */
export function parseTruth(text: string, matrix: ExpressionMatrix): { truth: BenchmarkTruth; unknownGenes: string[] } {
  const trimmed = text.trimStart();
  if (trimmed.startsWith("{")) return { truth: truthFromGroundTruth(truthFromJSON(trimmed), matrix), unknownGenes: [] };
  return parseGeneClasses(text, matrix);
}

/** The gene sets of the truth: its planted biclusters, or one set per class. */
export function truthGeneSets(truth: BenchmarkTruth): { genes: number[]; conditions: number[] }[] {
  if (truth.biclusters) return truth.biclusters;
  const sets = new Map<number, number[]>();
  truth.labels.forEach((l, g) => {
    if (l < 0) return;
    if (!sets.has(l)) sets.set(l, []);
    sets.get(l)!.push(g);
  });
  return [...sets.entries()].sort((a, b) => a[0] - b[0]).map(([, genes]) => ({ genes, conditions: [] }));
}
