// Choosing the conditions on which a gene cluster is coherent.
import { InputError } from "../errors.ts";
import { meanSquaredResidue } from "../metrics/msr.ts";
import { gatherRows, greedyColumnPath, splitStats, windowStats } from "./residue.ts";

export interface ConditionSelectionOptions {
  /** Smallest number of conditions kept (>= 2). Default max(3, ceil(0.3 * nConditions)), at most nConditions. */
  minConditions?: number;
  /**
   * Absolute MSR threshold delta (units of the input values squared). When set (or `msrFraction`),
   * columns are removed until MSR <= delta (Cheng & Church) or `minConditions` is reached; in
   * contiguous mode the longest window with MSR <= delta is taken (none: the best minimal window).
   * Default: unset, i.e. the automatic criterion (see selectConditions).
   */
  msrThreshold?: number;
  /** delta as a fraction of the background MSR (the whole matrix's MSR); used when msrThreshold is unset. */
  msrFraction?: number;
  /** Time series: choose one contiguous window [a, b] instead of any subset. Default false. */
  contiguous?: boolean;
  /**
   * Automatic mode: residue variances below coherenceFloor x E0 (E0 = expected MSR of a random
   * submatrix of the cluster's genes x all conditions) count as exactly that, i.e. R^2 >= 0.95 is "fully coherent". Default 0.05.
   */
  coherenceFloor?: number;
  /** Background MSR if already known (MSR of all genes x all conditions); computed otherwise. */
  backgroundMsr?: number;
  /**
   * "msr" (default): the MSR criteria above. "signal": conditions where the genes' mean departs
   * from zero, for per-gene z-scored input, where columns in which the genes merely sit near
   * their own mean (noise) are as additive-coherent as the pattern's columns, so MSR alone tends
   * to keep every condition. A column's score is t^2 = m mean^2 / variance of its observed cells;
   * contiguous mode takes the window (length >= minConditions) maximising sum(t^2 - signalThreshold),
   * subset mode the columns with t^2 > signalThreshold (at least the minConditions best).
   * The returned msr is the MSR of the chosen block. (Added by the pipeline owner.)
   */
  criterion?: "msr" | "signal";
  /** t^2 threshold of the "signal" criterion. Default 10.83 (chi-square, 1 df, 99.9%). */
  signalThreshold?: number;
}

function signalSelection(
  values: Float64Array,
  C: number,
  genes: ArrayLike<number>,
  minC: number,
  contiguous: boolean,
  threshold: number,
): number[] {
  const t2 = new Float64Array(C);
  for (let j = 0; j < C; j++) {
    let s = 0;
    let ss = 0;
    let m = 0;
    for (let a = 0; a < genes.length; a++) {
      const x = values[genes[a]! * C + j]!;
      if (x === x) {
        s += x;
        ss += x * x;
        m++;
      }
    }
    if (m < 2) continue;
    const mean = s / m;
    const variance = Math.max(ss / m - mean * mean, 1e-12);
    t2[j] = (m * mean * mean) / variance;
  }
  if (contiguous) {
    let best = -Infinity;
    let bestStart = 0;
    let bestLen = C;
    for (let start = 0; start < C; start++) {
      let sum = 0;
      for (let end = start; end < C; end++) {
        sum += t2[end]! - threshold;
        const len = end - start + 1;
        if (len >= minC && sum > best) {
          best = sum;
          bestStart = start;
          bestLen = len;
        }
      }
    }
    return Array.from({ length: bestLen }, (_, i) => bestStart + i);
  }
  const order = Array.from({ length: C }, (_, j) => j).sort((a, b) => t2[b]! - t2[a]! || a - b);
  const chosen = order.filter((j, rank) => rank < minC || t2[j]! > threshold);
  return chosen.sort((a, b) => a - b);
}

export interface ConditionSelection {
  conditions: number[];
  msr: number;
  /** delta (threshold modes); in automatic mode the MSR of the chosen set. */
  delta: number;
  mode: "threshold" | "auto";
}

export function defaultMinConditions(nConditions: number): number {
  return Math.min(nConditions, Math.max(3, Math.ceil(0.3 * nConditions)));
}

/**
 * Expected MSR of a random m x s submatrix, scaled from the whole matrix's MSR (N x C): for
 * independent noise E[H] = sigma^2 (1 - 1/m)(1 - 1/s), so fewer columns give lower MSR by chance alone.
 */
export function expectedRandomMsr(background: number, nGenes: number, nConditions: number, m: number, s: number): number {
  const full = (1 - 1 / Math.max(nGenes, 2)) * (1 - 1 / Math.max(nConditions, 2));
  return (background * (1 - 1 / Math.max(m, 2)) * (1 - 1 / Math.max(s, 2))) / full;
}

function logBinomial(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log((n - k + i) / i);
  return s;
}

/**
 * Automatic criterion: a two-variance Gaussian model of the cluster's whole genes x conditions
 * block. Chosen conditions J follow the additive bicluster model with residual variance H_in = H(J);
 * the other conditions get their own variance H_out, the mean squared residue of their cells under
 * J's row model. The profile log-likelihood is -(N_in ln H_in + N_out ln H_out) / 2 (N = observed
 * cells); from it we subtract the cost of the choice, ln(number of candidate sets of that size)
 * (C choose s, or C - s + 1 windows) plus BIC's ln(N) / 2 for the second variance (none when J is
 * everything). Both variances are floored at coherenceFloor x E0: with z-scored genes the members
 * of a block differ in scale, so a coherent block's residue sits in its high-amplitude columns and
 * without a floor dropping one of them (H falls 3x) would look like a gain.
 *
 * Why not a fixed delta by default: a tight planted block has H ~ 0.01-0.05 (z units) while one
 * extra noise column among s coherent ones adds ~ sigma^2 / (s + 1); the right delta depends on the
 * block's size and on the data, which this likelihood accounts for.
 */
function autoScore(
  st: { msr: number; nIn: number; outMsr: number; nOut: number },
  floor: number,
  choiceCost: number,
): number {
  const vIn = Math.max(st.msr, floor);
  let ll = -0.5 * st.nIn * Math.log(vIn);
  let penalty = 0;
  if (st.nOut > 0 && !Number.isNaN(st.outMsr)) {
    ll -= 0.5 * st.nOut * Math.log(Math.max(st.outMsr, floor));
    penalty = choiceCost + 0.5 * Math.log(st.nIn + st.nOut);
  }
  return ll - penalty;
}

/**
 * Conditions for the genes `genes` of a genes x conditions matrix (row-major, NaN = missing).
 * Subset mode: exact greedy single-column deletion (the column whose removal lowers MSR most) down
 * to minConditions; the size on that path is then chosen by the threshold (largest size with
 * MSR <= delta) or by the automatic criterion (autoScore, ties to the larger size).
 * Contiguous mode: every window of length >= minConditions is scored the same way.
 */
export function selectConditions(
  values: Float64Array,
  nConditions: number,
  genes: ArrayLike<number>,
  options: ConditionSelectionOptions = {},
): ConditionSelection {
  const C = nConditions;
  const nGenes = values.length / C;
  const minC = options.minConditions ?? defaultMinConditions(C);
  if (!Number.isInteger(minC) || minC < 2 || minC > C) {
    throw new InputError(`minConditions must be an integer in [2, ${C}], got ${minC}`, { field: "minConditions" });
  }
  const background =
    options.backgroundMsr ??
    meanSquaredResidue(
      values,
      C,
      Array.from({ length: nGenes }, (_, i) => i),
      Array.from({ length: C }, (_, j) => j),
    );
  let delta: number | undefined = options.msrThreshold;
  if (delta === undefined && options.msrFraction !== undefined) delta = options.msrFraction * background;
  if (delta !== undefined && !(delta >= 0)) throw new InputError(`MSR threshold must be >= 0, got ${delta}`, { field: "msrThreshold" });
  const floorFraction = options.coherenceFloor ?? 0.05;
  if (!(floorFraction >= 0 && floorFraction < 1)) {
    throw new InputError(`coherenceFloor must be in [0, 1), got ${floorFraction}`, { field: "coherenceFloor" });
  }
  const mode = delta === undefined ? "auto" : "threshold";
  if (options.criterion === "signal") {
    const threshold = options.signalThreshold ?? 10.83;
    if (!(threshold >= 0)) throw new InputError(`signalThreshold must be >= 0, got ${threshold}`, { field: "signalThreshold" });
    const conditions = signalSelection(values, C, genes, minC, options.contiguous ?? false, threshold);
    const msr = meanSquaredResidue(values, C, genes, conditions);
    return { conditions, msr, delta: msr, mode: "auto" };
  }
  const sub = gatherRows(values, C, genes);
  const m = genes.length;
  // One floor for all sizes (E0 at full size): a size-dependent floor would itself favour small sets.
  const floorValue = Math.max(floorFraction * expectedRandomMsr(background, nGenes, C, m, C), 1e-300);
  const floor = (_s: number) => floorValue;

  if (options.contiguous) {
    const table = windowStats(sub, minC);
    let best: { start: number; len: number; h: number; score: number } | undefined;
    for (let len = C; len >= minC; len--) {
      for (let start = 0; start + len <= C; start++) {
        const at = start * (C + 1) + len;
        const h = table.msr[at]!;
        if (Number.isNaN(h)) continue;
        let score: number;
        if (delta !== undefined) {
          // Longest window under delta (lowest MSR among equals); else the best minimal-length window.
          score = h <= delta ? len * 1e6 - h : -len * 1e6 - h;
        } else {
          score = autoScore(
            { msr: h, nIn: table.nIn[at]!, outMsr: table.outMsr[at]!, nOut: table.nOut[at]! },
            floor(len),
            Math.log(C - len + 1),
          );
        }
        if (best === undefined || score > best.score) best = { start, len, h, score };
      }
    }
    if (!best) return { conditions: [], msr: Number.NaN, delta: delta ?? Number.NaN, mode };
    const { start, len, h } = best;
    return { conditions: Array.from({ length: len }, (_, i) => start + i), msr: h, delta: delta ?? h, mode };
  }

  const path = greedyColumnPath(sub, minC);
  const columnsAt = (s: number): Uint8Array => {
    const active = new Uint8Array(C).fill(1);
    for (const j of path.removed.slice(0, C - s)) active[j] = 0;
    return active;
  };
  let size = minC;
  if (delta !== undefined) {
    for (let s = C; s >= minC; s--) {
      if (path.msr[s]! <= delta) {
        size = s;
        break;
      }
    }
  } else {
    let bestScore = -Infinity;
    for (let s = C; s >= minC; s--) {
      if (Number.isNaN(path.msr[s]!)) continue;
      const score = autoScore(splitStats(sub, columnsAt(s)), floor(s), logBinomial(C, s));
      if (score > bestScore) {
        bestScore = score;
        size = s;
      }
    }
  }
  const active = columnsAt(size);
  const conditions: number[] = [];
  for (let j = 0; j < C; j++) if (active[j] === 1) conditions.push(j);
  return { conditions, msr: path.msr[size]!, delta: delta ?? path.msr[size]!, mode };
}
