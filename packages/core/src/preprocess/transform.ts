// Value transforms (on a copy): log2(x + 1) and counts-per-million then log2(x + 1).
import type { ExpressionMatrix } from "../types.ts";
import { InputError } from "../errors.ts";
import type { Transform } from "./options.ts";

function negative(matrix: ExpressionMatrix, i: number, j: number, v: number): InputError {
  return new InputError(
    `${matrix.genes[i]} has ${v} at ${matrix.conditions[j]?.id}: log transforms need values >= 0 (counts or intensities); the data may be log-scaled already (use transform "none")`,
    { field: "transform" },
  );
}

/** Transformed copy of the matrix values (NaN stays NaN). */
export function transformValues(matrix: ExpressionMatrix, transform: Transform): Float64Array {
  const out = Float64Array.from(matrix.values);
  if (transform === "none") return out;
  const m = matrix.conditions.length;
  const n = matrix.genes.length;
  let factor: Float64Array | undefined;
  if (transform === "cpm-log2") {
    const sums = new Float64Array(m);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const v = out[i * m + j]!;
        if (v === v) sums[j]! += v;
      }
    }
    factor = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      if (!(sums[j]! > 0)) {
        throw new InputError(`condition ${matrix.conditions[j]?.id} has a library size of ${sums[j]}: CPM needs positive column sums`, {
          field: "transform",
        });
      }
      factor[j] = 1e6 / sums[j]!;
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const k = i * m + j;
      const v = out[k]!;
      if (v !== v) continue;
      if (v < 0) throw negative(matrix, i, j, v);
      out[k] = Math.log2((factor ? v * factor[j]! : v) + 1);
    }
  }
  return out;
}
