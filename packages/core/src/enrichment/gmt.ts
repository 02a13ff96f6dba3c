// GMT gene-set libraries (the Broad Institute's format): one set per line, tab-separated:
// name, description, then the genes. Lines are checked strictly so a broken library fails with
// its line number instead of silently testing the wrong sets.
import { InputError } from "../errors.ts";
import { printable } from "../io/ids.ts";

export interface GeneSet {
  name: string;
  description: string;
  /** Distinct genes, in file order. */
  genes: string[];
}

export interface GmtReport {
  sets: number;
  /** Genes listed twice in one set (kept once), as "line N: set: gene". First 20 only. */
  duplicateGenes: string[];
  duplicateGeneCount: number;
  /** Sets with no genes, skipped: "line N: name". */
  emptySets: string[];
  /** Blank and "#" comment lines skipped. */
  skippedLines: number;
}

export interface ParseGmtOptions {
  /**
   * What to do with a set name seen before: "error" (default; results would be ambiguous) or
   * "merge" (union of the genes; the first description is kept).
   */
  duplicateSets?: "error" | "merge";
}

// Control characters (C0 except tab, DEL, C1) have no place in a gene id or set name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function controlError(what: string, text: string, line: number, column: number): InputError {
  const at = text.search(CONTROL);
  const code = text.charCodeAt(at).toString(16).padStart(4, "0");
  return new InputError(`${what} contains the control character U+${code.toUpperCase()} (binary or corrupted file?)`, { line, column });
}

/** Parse GMT text. Throws InputError naming the line (and column = field number) on bad input. */
export function parseGmt(text: string, options: ParseGmtOptions = {}): { sets: GeneSet[]; report: GmtReport } {
  const duplicateSets = options.duplicateSets ?? "error";
  const sets: GeneSet[] = [];
  const byName = new Map<string, { set: GeneSet; line: number; seen: Set<string> }>();
  const report: GmtReport = { sets: 0, duplicateGenes: [], duplicateGeneCount: 0, emptySets: [], skippedLines: 0 };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (let l = 0; l < lines.length; l++) {
    const lineNo = l + 1;
    let raw = lines[l]!;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (raw.trim() === "" || raw.startsWith("#")) {
      report.skippedLines++;
      continue;
    }
    const fields = raw.split("\t");
    const name = fields[0]!.trim();
    if (fields.length < 2) {
      throw new InputError(`a GMT line needs a name, a description and genes separated by tabs; found no tab in "${clip(raw)}"`, {
        line: lineNo,
        column: 1,
      });
    }
    if (name === "") throw new InputError("empty gene-set name", { line: lineNo, column: 1 });
    if (CONTROL.test(name)) throw controlError("the set name", name, lineNo, 1);
    const description = fields[1]!.trim();
    if (CONTROL.test(description)) throw controlError("the description", description, lineNo, 2);
    let entry = byName.get(name);
    if (entry !== undefined && duplicateSets === "error") {
      throw new InputError(`duplicate gene-set name "${clip(name)}" (first on line ${entry.line})`, { line: lineNo, column: 1, field: name });
    }
    if (entry === undefined) {
      entry = { set: { name, description, genes: [] }, line: lineNo, seen: new Set() };
      byName.set(name, entry);
      sets.push(entry.set);
    }
    for (let f = 2; f < fields.length; f++) {
      const gene = fields[f]!.trim();
      if (gene === "") continue;
      if (CONTROL.test(gene)) throw controlError(`gene "${clip(gene.replace(CONTROL, "?"))}"`, gene, lineNo, f + 1);
      if (entry.seen.has(gene)) {
        if (entry.line === lineNo) {
          report.duplicateGeneCount++;
          if (report.duplicateGenes.length < 20) report.duplicateGenes.push(`line ${lineNo}: ${name}: ${gene}`);
        }
        continue;
      }
      entry.seen.add(gene);
      entry.set.genes.push(gene);
    }
  }
  const kept = sets.filter((s) => {
    if (s.genes.length > 0) return true;
    report.emptySets.push(`line ${byName.get(s.name)!.line}: ${s.name}`);
    return false;
  });
  report.sets = kept.length;
  return { sets: kept, report };
}

/** Text for a message: control characters shown as U+XXXX, long text clipped. */
function clip(s: string): string {
  return printable(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}
