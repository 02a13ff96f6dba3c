// `exprlab de`: limma's moderated t-test between two classes of samples, written as a topTable CSV.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Command } from "commander";
import { moderatedTTest, sortByB, TOP_TABLE_COLUMNS, type DeRow } from "../de/moderated-t.ts";
import { InputError } from "../errors.ts";
import { readLabelledMatrix } from "./run-helpers.ts";

function csvNumber(v: number): string {
  return Number.isNaN(v) ? "NA" : String(v);
}

async function writeTopTable(rows: readonly DeRow[], target: string | null): Promise<void> {
  const out = target ? createWriteStream(target) : process.stdout;
  const lines = [["gene", ...TOP_TABLE_COLUMNS].join(",")];
  for (const r of rows) lines.push([/[",\n]/.test(r.gene) ? `"${r.gene.replace(/"/g, '""')}"` : r.gene, ...TOP_TABLE_COLUMNS.map((c) => csvNumber(r[c]))].join(","));
  if (!out.write(lines.join("\n") + "\n")) await once(out, "drain");
  if (target) await new Promise<void>((resolve, reject) => (out as NodeJS.WritableStream).on("error", reject).end(() => resolve()));
}

export function registerDeCommand(program: Command): void {
  program
    .command("de")
    .description("differential expression between two classes (limma's moderated t-test): a topTable CSV")
    .argument("<data>", "expression matrix (genes x samples, log scale)")
    .requiredOption("--labels <file>", "sample sheet CSV/TSV: sample id in the first column")
    .requiredOption("--label-column <name>", "column of the sample sheet with the class")
    .requiredOption("--groups <A,B>", "the two classes; logFC = mean(B) - mean(A)")
    .option("--sort <by>", "B (limma's default), p or none", "B")
    .option("--out <file>", "table CSV (default: stdout)")
    .action(async (data: string, opts: Record<string, unknown>) => {
      const groups = String(opts.groups).split(",").map((g) => g.trim());
      if (groups.length !== 2 || !groups[0] || !groups[1]) throw new InputError(`--groups expects two classes "A,B", got "${String(opts.groups)}"`, { field: "groups" });
      const { matrix, labels } = await readLabelledMatrix(data, String(opts.labels), String(opts.labelColumn));
      const res = moderatedTTest(matrix, labels, [groups[0], groups[1]]);
      const sort = String(opts.sort);
      if (!["B", "p", "none"].includes(sort)) throw new InputError(`--sort must be B, p or none`, { field: "sort" });
      const rows =
        sort === "B" ? sortByB(res.rows) : sort === "p" ? [...res.rows].sort((a, b) => (Number.isNaN(a["P.Value"]) ? 2 : a["P.Value"]) - (Number.isNaN(b["P.Value"]) ? 2 : b["P.Value"])) : res.rows;
      await writeTopTable(rows, opts.out ? String(opts.out) : null);
      const significant = res.rows.filter((r) => r["adj.P.Val"] < 0.05).length;
      process.stderr.write(
        `${groups[1]} (${res.groups.nSecond}) vs ${groups[0]} (${res.groups.nFirst}): ${significant} of ${res.rows.length} genes with adj.P.Val < 0.05; ` +
          `prior df d0 = ${res.dfPrior.toFixed(3)}, s0^2 = ${res.s2Prior.toPrecision(4)}\n`,
      );
    });
}
