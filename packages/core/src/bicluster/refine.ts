// From gene clusters to biclusters by alternating conditions and genes (Cheng & Church style node
// deletion and addition, with the likelihood model of likelihood.ts instead of a fixed delta):
//   conditions J <- the best J for the current genes;
//   genes <- members whose evidence on J is >= 0 (the others are pruned), plus, with `overlap`,
//            any other gene whose evidence reaches ln((n - m) / m) (prior odds of a random gene
//            being one of m members among n: a gene joins when it is more likely in than out);
// until the genes stop changing (at most maxIterations). A gene may so belong to several
// biclusters, and biclusters may share conditions. Two biclusters that converge to the same
// genes and conditions (Jaccard > 0.5 on both) are one: the one with less evidence is dropped.
import { CancelledError } from "../errors.ts";
import {
  zscoredBackground,
  geneEvidence,
  memberModel,
  selectByLikelihood,
  type ColumnBackground,
  type LikelihoodSelection,
  type MemberModel,
  type SelectionMode,
} from "./likelihood.ts";

export interface RefineOptions {
  /** Biclusters with fewer genes are dropped. Default 5. */
  minGenes?: number;
  minConditions?: number;
  maxConditions?: number;
  mode?: SelectionMode;
  /** Node addition from outside the cluster (overlapping biclusters). Default true. */
  overlap?: boolean;
  /** Alternations of conditions and genes. Default 4. */
  maxIterations?: number;
  /** Background of the gene test (computed from `values` when absent). */
  background?: ColumnBackground;
  signal?: AbortSignal;
}

export interface RefinedBicluster {
  /** Label of the gene cluster it grew from. */
  label: number;
  /** Ascending gene indices. */
  genes: number[];
  conditions: number[];
  selection: LikelihoodSelection;
  model: MemberModel;
  /** Evidence (log-likelihood ratio) of each member, aligned with `genes`. */
  geneEvidence: number[];
  /** Genes added from outside the seed cluster. */
  added: number;
  /** Seed-cluster genes pruned. */
  pruned: number;
  iterations: number;
}

function jaccard(a: readonly number[], b: readonly number[]): number {
  const sb = new Set(b);
  let inter = 0;
  for (const x of a) if (sb.has(x)) inter++;
  const union = a.length + b.length - inter;
  return union > 0 ? inter / union : 0;
}

export function refineCluster(values: Float64Array, C: number, label: number, seed: number[], options: RefineOptions = {}): RefinedBicluster | null {
  const n = values.length / C;
  const minGenes = options.minGenes ?? 5;
  const maxIterations = options.maxIterations ?? 4;
  const overlap = options.overlap ?? true;
  const bg = options.background ?? zscoredBackground(values, C);
  const selOpts = {
    ...(options.minConditions !== undefined ? { minConditions: options.minConditions } : {}),
    ...(options.maxConditions !== undefined ? { maxConditions: options.maxConditions } : {}),
    mode: options.mode ?? "subset",
  };
  const seedSet = new Set(seed);
  let genes = [...seed].sort((a, b) => a - b);
  let iterations = 0;
  let sel: LikelihoodSelection | null = null;
  let model: MemberModel | null = null;
  let ev: Float64Array | null = null;
  const seen = new Set<string>();
  // True while sel/model/ev describe the current genes (the loop ended on a fixed point).
  let current = false;
  for (let it = 1; it <= maxIterations; it++) {
    if (options.signal?.aborted) throw new CancelledError();
    if (genes.length < minGenes) return null;
    iterations = it;
    sel = selectByLikelihood(values, C, genes, selOpts, bg);
    model = memberModel(values, C, genes, sel.conditions, sel.residualVariance);
    ev = geneEvidence(values, C, model, bg);
    const inSet = new Uint8Array(n);
    for (const g of genes) inSet[g] = 1;
    const prior = Math.log(Math.max(1, n - genes.length) / genes.length);
    const next: number[] = [];
    for (let g = 0; g < n; g++) {
      const e = ev[g]!;
      if (inSet[g] ? e >= 0 : overlap && e >= prior) next.push(g);
    }
    const key = next.join(",");
    if (next.length === genes.length && next.every((g, i) => g === genes[i])) {
      current = true;
      break;
    }
    if (seen.has(key)) break; // a 2-cycle: stop where we are
    seen.add(key);
    genes = next;
  }
  if (genes.length < minGenes || !sel || !model || !ev) return null;
  if (!current) {
    // Final model on the final genes (the loop moved them last).
    sel = selectByLikelihood(values, C, genes, selOpts, bg);
    model = memberModel(values, C, genes, sel.conditions, sel.residualVariance);
    ev = geneEvidence(values, C, model, bg);
  }
  const finalEv = ev;
  return {
    label,
    genes,
    conditions: sel.conditions,
    selection: sel,
    model,
    geneEvidence: genes.map((g) => finalEv[g]!),
    added: genes.filter((g) => !seedSet.has(g)).length,
    pruned: seed.filter((g) => !genes.includes(g)).length,
    iterations,
  };
}

/** Refines every cluster, then drops duplicates (the one with less evidence). Order: by evidence, descending. */
export function refineClusters(
  values: Float64Array,
  C: number,
  clusters: readonly (readonly [number, number[]])[],
  options: RefineOptions = {},
  onProgress?: (fraction: number) => void,
): RefinedBicluster[] {
  const background = options.background ?? zscoredBackground(values, C);
  const out: RefinedBicluster[] = [];
  clusters.forEach(([label, genes], i) => {
    const r = refineCluster(values, C, label, genes, { ...options, background });
    if (r) out.push(r);
    onProgress?.((i + 1) / clusters.length);
  });
  out.sort((a, b) => b.selection.evidence - a.selection.evidence || a.label - b.label);
  const kept: RefinedBicluster[] = [];
  for (const r of out) {
    if (kept.some((k) => jaccard(k.genes, r.genes) > 0.5 && jaccard(k.conditions, r.conditions) > 0.5)) continue;
    kept.push(r);
  }
  return kept;
}

/** Primary bicluster per gene (the one where its evidence is highest), -1 for none; a partition for labels. */
export function primaryLabels(n: number, biclusters: readonly RefinedBicluster[]): Int32Array {
  const labels = new Int32Array(n).fill(-1);
  const best = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  for (const b of biclusters) {
    b.genes.forEach((g, k) => {
      const e = b.geneEvidence[k]!;
      if (e > best[g]!) {
        best[g] = e;
        labels[g] = b.label;
      }
    });
  }
  return labels;
}
