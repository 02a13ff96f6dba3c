// Significance of biclusters against a null that repeats the search, adaptive, with BH q-values.
//
// Statistic: evidence per gene net of the cost of naming the genes, (E - ln C(n, m)) / m, with E the
// bicluster's penalised log-likelihood gain over a patternless block (likelihood.ts), m its genes
// among n. Evidence per gene alone is not comparable across sizes: a small group keeps only genes
// that fit very well (a member must beat the prior odds ln((n - m) / m)), so on a real time course
// (2,000 genes x 16 pools, HSMM) null biclusters of 7-84 genes reached 1.3-3.5 nats a gene and the
// observed ones of 573-802 genes 1.1-1.3: every p was 0.9-1. Naming m of n genes costs about
// ln(n / m) + 1 nats a gene, which is what the small groups' extra evidence pays for.
// Null biclusters come from the SAME procedure on data without structure:
//  - with `clusterNull` (the pipeline's case): a copy of the data with each gene's values shuffled
//    across conditions (destroys co-regulation, keeps every gene's distribution) is clustered by
//    `clusterNull` and refined exactly like the real clusters. This accounts for the optimism of
//    clustering: k-means on pure noise still makes groups that look coherent on some conditions
//    (measured: against random gene groups, clusters of pure noise got p = 0.005).
//  - without it: random gene groups of each bicluster's size, with the condition selection repeated
//    on each (cheaper; optimistic for clustered genes).
// Adaptive (Besag & Clifford 1991 style): a bicluster is decided once 10 null values exceed it
// (p >= 10 / n, clearly not significant) or, with at least 39 null values and none above it, when
// it lies more than 6 null sds above the null mean (clearly significant; p is then reported at
// the floor 1 / (n + 1) with pValueAtFloor). Drawing stops when every bicluster is decided, at
// `permutations` null values, or after `maxRuns` null datasets (default: enough for ~40 null values,
// 6 to 20 datasets; measured on 2,000 x 30 with K = 8: about 1 s per null dataset).
import { benjaminiHochberg } from "../metrics/multiple-testing.ts";
import { CancelledError } from "../errors.ts";
import type { Rng } from "../random.ts";
import { logBinomial, selectByLikelihood, zscoredBackground } from "./likelihood.ts";
import { refineClusters, selectionOptions, type RefineOptions, type RefinedBicluster } from "./refine.ts";

export interface SignificanceOptions {
  rng: Rng;
  /** Null values drawn at most. Default 199. 0: no p-values. */
  permutations?: number;
  /** Labels for a gene-shuffled copy of the data (-1 = background). */
  clusterNull?: (values: Float64Array, rng: Rng) => ArrayLike<number>;
  /** Null datasets clustered at most (clusterNull only). Default: enough for 40 null values at the observed number of biclusters, at least 6, at most 20. */
  maxRuns?: number;
  refine: RefineOptions;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

export interface Significance {
  pValue: number | null;
  /** No null value reached the observed one: the true p is below pValue = 1 / (n + 1). */
  atFloor: boolean;
  /** Null values the p-value rests on. */
  nullSize: number;
}

const EXCEED_STOP = 10;
const MIN_NULL_FOR_SIGNIFICANT = 39;
const Z_SIGNIFICANT = 6;

export function statistic(b: RefinedBicluster, n: number): number {
  return perGene(b.selection.evidence, b.genes.length, n);
}

function perGene(evidence: number, m: number, n: number): number {
  return (evidence - logBinomial(n, Math.min(m, n))) / Math.max(1, m);
}

function shuffleWithinGenes(values: Float64Array, C: number, rng: Rng): Float64Array {
  const out = new Float64Array(values.length);
  const n = values.length / C;
  for (let i = 0; i < n; i++) {
    const p = rng.sample(C, C);
    for (let j = 0; j < C; j++) out[i * C + j] = values[i * C + p[j]!]!;
  }
  return out;
}

function groups(labels: ArrayLike<number>, minGenes: number): [number, number[]][] {
  const m = new Map<number, number[]>();
  for (let g = 0; g < labels.length; g++) {
    const l = labels[g]!;
    if (l >= 0) (m.get(l) ?? m.set(l, []).get(l)!).push(g);
  }
  return [...m.entries()].filter(([, g]) => g.length >= minGenes).sort((a, b) => a[0] - b[0]);
}

class Tally {
  readonly exceed: number[];
  readonly nulls: number[] = [];
  constructor(readonly observed: number[]) {
    this.exceed = observed.map(() => 0);
  }
  add(v: number, only?: number): void {
    this.nulls.push(v);
    this.observed.forEach((o, b) => {
      if ((only === undefined || only === b) && v >= o) this.exceed[b]!++;
    });
  }
  decided(b: number, n = this.nulls.length, values = this.nulls): boolean {
    if (this.exceed[b]! >= EXCEED_STOP) return true;
    if (this.exceed[b]! > 0 || n < MIN_NULL_FOR_SIGNIFICANT) return false;
    const mean = values.reduce((a, x) => a + x, 0) / values.length;
    const sd = Math.sqrt(values.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, values.length - 1));
    return sd > 0 && (this.observed[b]! - mean) / sd > Z_SIGNIFICANT;
  }
}

export function biclusterSignificance(values: Float64Array, C: number, observed: readonly RefinedBicluster[], options: SignificanceOptions): Significance[] {
  const permutations = options.permutations ?? 199;
  if (permutations === 0 || observed.length === 0) return observed.map(() => ({ pValue: null, atFloor: false, nullSize: 0 }));
  const n = values.length / C;
  const stats = observed.map((b) => statistic(b, n));
  const minGenes = options.refine.minGenes ?? 5;
  if (options.clusterNull) {
    const tally = new Tally(stats);
    const maxRuns = options.maxRuns ?? Math.min(20, Math.max(6, Math.ceil(40 / Math.max(1, observed.length))));
    for (let run = 0; run < maxRuns && tally.nulls.length < permutations; run++) {
      if (options.signal?.aborted) throw new CancelledError();
      const rng = options.rng.fork(`null-${run}`);
      const shuffled = shuffleWithinGenes(values, C, rng);
      const labels = options.clusterNull(shuffled, rng.fork("cluster"));
      const nullBics = refineClusters(shuffled, C, groups(labels, minGenes), { ...options.refine, background: zscoredBackground(shuffled, C) });
      for (const b of nullBics) tally.add(statistic(b, n));
      options.onProgress?.(Math.min(1, tally.nulls.length / permutations));
      if (stats.every((_, b) => tally.decided(b))) break;
    }
    const size = tally.nulls.length;
    return stats.map((_, b) =>
      size === 0 ? { pValue: null, atFloor: false, nullSize: 0 } : { pValue: (1 + tally.exceed[b]!) / (1 + size), atFloor: tally.exceed[b] === 0, nullSize: size },
    );
  }
  // Random gene groups of each bicluster's size, with the condition selection repeated on each
  // and no gene refinement: node addition would recruit real structure of the data, and pruning a
  // random group to its few best-fitting genes inflates their evidence per gene (measured: a
  // planted 40 x 4 bicluster of 300 x 30 got p = 0.03 against pruned random groups).
  const selection = selectionOptions(options.refine);
  const background = options.refine.background ?? zscoredBackground(values, C);
  return observed.map((b, idx) => {
    const rng = options.rng.fork(`groups-${idx}`);
    const tally = new Tally([stats[idx]!]);
    const m = Math.min(b.genes.length, n);
    for (let p = 0; p < permutations; p++) {
      if (options.signal?.aborted) throw new CancelledError();
      const genes = rng.sample(n, m).sort((x, y) => x - y);
      const sel = selectByLikelihood(values, C, genes, selection, background);
      tally.add(perGene(sel.evidence, genes.length, n));
      if (tally.decided(0)) break;
    }
    options.onProgress?.((idx + 1) / observed.length);
    const size = tally.nulls.length;
    return { pValue: (1 + tally.exceed[0]!) / (1 + size), atFloor: tally.exceed[0] === 0, nullSize: size };
  });
}

/** BH q-values of nullable p-values (core's one implementation; null stays null). */
export function qValues(pValues: readonly (number | null)[]): (number | null)[] {
  const q = benjaminiHochberg(pValues.map((p) => (p === null ? Number.NaN : p)));
  return pValues.map((p, i) => (p === null ? null : q[i]!));
}
