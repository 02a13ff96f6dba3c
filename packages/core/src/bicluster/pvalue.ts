// Empirical p-value of a bicluster's MSR against random submatrices of the same size.
import { InputError } from "../errors.ts";
import { meanSquaredResidue } from "../metrics/msr.ts";
import type { Rng } from "../random.ts";

export interface MsrPValueOptions {
  rng: Rng;
  /** Number of random submatrices. Default 199 (smallest p = 1/200 = 0.005). */
  permutations?: number;
  /** Random contiguous windows of the same length instead of random condition subsets. Default false. */
  contiguous?: boolean;
}

/** k distinct values of buf (a permutation of 0..n-1), by partial Fisher-Yates on buf itself. */
function drawInto(buf: Int32Array, k: number, rng: Rng, out: Int32Array): void {
  const n = buf.length;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = buf[i]!;
    buf[i] = buf[j]!;
    buf[j] = t;
    out[i] = buf[i]!;
  }
}

/**
 * p = (1 + #{random MSR <= observed}) / (1 + permutations), where each random submatrix takes
 * `nGenes` genes uniformly from all rows and `nConds` conditions uniformly (or a uniformly placed
 * window when contiguous). The observed bicluster was chosen by optimising conditions (and pruning
 * genes), which this null does not repeat, so p is optimistic for weak groups: read it as "more
 * coherent than random genes on random conditions", not as a calibrated test of the whole search.
 * Returns null when the observed MSR is NaN or permutations is 0.
 */
export function msrPValue(
  values: Float64Array,
  nConditions: number,
  nGenes: number,
  nConds: number,
  observed: number,
  options: MsrPValueOptions,
): number | null {
  const permutations = options.permutations ?? 199;
  if (!Number.isInteger(permutations) || permutations < 0) {
    throw new InputError(`permutations must be a non-negative integer, got ${permutations}`, { field: "permutations" });
  }
  const totalGenes = values.length / nConditions;
  if (nGenes > totalGenes || nConds > nConditions || nGenes < 1 || nConds < 1) {
    throw new InputError(`cannot draw ${nGenes} x ${nConds} from ${totalGenes} x ${nConditions}`, { field: "size" });
  }
  if (Number.isNaN(observed) || permutations === 0) return null;
  const geneBuf = Int32Array.from({ length: totalGenes }, (_, i) => i);
  const condBuf = Int32Array.from({ length: nConditions }, (_, j) => j);
  const rows = new Int32Array(nGenes);
  const cols = new Int32Array(nConds);
  let atMost = 0;
  for (let p = 0; p < permutations; p++) {
    drawInto(geneBuf, nGenes, options.rng, rows);
    if (options.contiguous) {
      const start = options.rng.int(nConditions - nConds + 1);
      for (let j = 0; j < nConds; j++) cols[j] = start + j;
    } else {
      drawInto(condBuf, nConds, options.rng, cols);
    }
    const h = meanSquaredResidue(values, nConditions, rows, cols);
    if (h <= observed) atMost++;
  }
  return (1 + atMost) / (1 + permutations);
}
