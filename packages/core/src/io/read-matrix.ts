// Whole-matrix reader built on parseMatrixRows: values go straight into a growing
// Float64Array (capacity doubled), rows are never kept as strings.
import type { ExpressionMatrix } from "../types.ts";
import { InputError } from "../errors.ts";
import { parseMatrixRows } from "./parse-rows.ts";
import type { MatrixSource } from "./source.ts";
import type { MatrixHeaderEvent, ReadMatrixOptions, ReadReport } from "./types.ts";

export async function readMatrix(
  source: MatrixSource,
  options: ReadMatrixOptions = {},
): Promise<{ matrix: ExpressionMatrix; report: ReadReport }> {
  let header: MatrixHeaderEvent | undefined;
  const genes: string[] = [];
  const annotationRows: string[][] = [];
  let values = new Float64Array(0);
  let used = 0;
  let missing = 0;
  let formulaLike = 0;
  const formulaExamples: string[] = [];
  for await (const ev of parseMatrixRows(source, options)) {
    if (ev.type === "header") {
      header = ev;
      const m = ev.conditions.length;
      values = new Float64Array(m * (ev.expectedRows ?? 1024));
      continue;
    }
    const m = ev.values.length;
    if (used + m > values.length) {
      const grown = new Float64Array(Math.max(values.length * 2, used + m));
      grown.set(values.subarray(0, used));
      values = grown;
    }
    values.set(ev.values, used);
    used += m;
    genes.push(ev.gene);
    missing += ev.missing;
    if (ev.formulaLike) {
      formulaLike++;
      if (formulaExamples.length < 20) formulaExamples.push(ev.gene);
    }
    if (ev.annotations.length > 0) annotationRows.push(ev.annotations);
  }
  if (header === undefined) throw new InputError("empty file", { line: 1, column: 1 });
  const finalValues = values.length === used ? values : values.slice(0, used);
  const matrix: ExpressionMatrix = { genes, conditions: header.conditions, values: finalValues };
  if (header.annotationColumns.length > 0) {
    matrix.annotations = { columns: header.annotationColumns, rows: annotationRows };
  }
  const times = header.conditions.every((c) => c.time !== undefined) ? header.conditions.map((c) => c.time!) : null;
  const report: ReadReport = {
    format: header.format,
    gzip: header.gzip,
    delimiter: header.delimiter,
    decimal: header.decimal,
    formulaLikeIds: {
      count: formulaLike + header.formulaLikeConditions.length,
      examples: [...formulaExamples, ...header.formulaLikeConditions].slice(0, 20),
    },
    genes: genes.length,
    conditions: header.conditions.length,
    missingValues: missing,
    annotationColumns: header.annotationColumns,
    annotationSource: header.annotationSource,
    times,
  };
  return { matrix, report };
}
