// Step 6 of the LSTM-SVM method: from gene clusters to biclusters.
import { CancelledError, InputError } from "../errors.ts";
import { meanSquaredResidue } from "../metrics/msr.ts";
import { silhouette, type SilhouetteResult } from "../metrics/silhouette.ts";
import type { Rng } from "../random.ts";
import type { Bicluster } from "../types.ts";
import { biclusterFlags, type GeneLevels } from "./flags.ts";
import { zscoredBackground, type SelectionMode } from "./likelihood.ts";
import { msrPValue } from "./pvalue.ts";
import { primaryLabels, refineClusters } from "./refine.ts";
import { gatherRows, rowResidues } from "./residue.ts";
import { defaultMinConditions, expectedRandomMsr, selectConditions } from "./select.ts";
import { biclusterSignificance, qValues } from "./significance.ts";

export interface BiclusterOptions {
  /** Seeded generator (required): silhouette sampling and p-value permutations fork from it. */
  rng: Rng;
  /** Clusters with fewer genes are skipped. Default 5. */
  minGenes?: number;
  /** Smallest number of conditions kept. Default max(3, ceil(0.3 * nConditions)), at most nConditions. */
  minConditions?: number;
  /**
   * Absolute MSR threshold delta. Default unset: the automatic criterion of selectConditions
   * (maximise |J| ln(E0/H), the Gaussian log-likelihood ratio of the cells against background).
   */
  msrThreshold?: number;
  /** delta as a fraction of the background MSR (all genes x all conditions). Default unset. */
  msrFraction?: number;
  /** Time series: one contiguous window of conditions per bicluster. Default false. */
  contiguous?: boolean;
  /**
   * "likelihood" (default): conditions and genes by the coherence-vs-background likelihood of
   * likelihood.ts, alternated with gene pruning and node addition (refine.ts), quality flags,
   * significance against a null that repeats the search (significance.ts) and BH q-values.
   * "msr" / "signal": the earlier one-pass rules of selectConditions (kept for comparison).
   */
  criterion?: "likelihood" | "msr" | "signal";
  /** Likelihood criterion: subset, window or auto (both, the better by penalised likelihood). Default: window when `contiguous`, else subset. */
  conditionMode?: SelectionMode;
  /** Likelihood criterion: most conditions per bicluster. Default all. */
  maxConditions?: number;
  /** Likelihood criterion: genes of other clusters (or the background) join a bicluster they fit. Default true. */
  overlap?: boolean;
  /** Likelihood criterion: most biclusters kept, by evidence (K given). Default one per cluster (see RefineOptions.splitSeeds). */
  maxBiclusters?: number;
  /** Likelihood criterion: see RefineOptions.maxLag. Default 0. */
  maxLag?: number;
  /** Likelihood criterion: see RefineOptions.membership. Default "model". */
  membership?: "model" | "cluster";
  /** Likelihood criterion: raw gene levels for the low-expression flag. */
  levels?: GeneLevels;
  /** Condition ids for the flags' sentences. */
  conditionIds?: readonly string[];
  /** Likelihood criterion: clusters a gene-shuffled copy of the data for the null (see significance.ts); absent: random gene groups. */
  clusterNull?: (values: Float64Array, rng: Rng) => ArrayLike<number>;
  /** Likelihood criterion: null datasets at most. Default 20. */
  nullRuns?: number;
  /** See ConditionSelectionOptions.signalThreshold. */
  signalThreshold?: number;
  /** Automatic mode: see ConditionSelectionOptions.coherenceFloor. Default 0.05. */
  coherenceFloor?: number;
  /**
   * After choosing conditions, drop the genes that do not follow the pattern there: one pass, a
   * gene goes when its mean squared residue on the chosen conditions is closer to the background
   * level E0 (expected MSR of a random submatrix of this size) than to the bicluster's H, i.e.
   * above (H + E0) / 2. Applied only when H <= E0 / 2 (a clearly coherent block), skipped if
   * fewer than minGenes would remain; conditions are not re-selected afterwards. Default true.
   */
  pruneGenes?: boolean;
  /**
   * Override of the pruning cut as a multiple of H (cut = pruneFactor x H), Cheng & Church style.
   * Not the default because with z-scored genes the members of a planted block differ in scale
   * and their residues reach ~5 x H, while a foreign gene sits near E0.
   */
  pruneFactor?: number;
  /** Random submatrices for the empirical p-value. Default 199; 0 gives pValue null. */
  permutations?: number;
  /** Reference sample size of the silhouette (see SilhouetteOptions.sampleSize). Default 2000. */
  silhouetteSampleSize?: number;
  signal?: AbortSignal;
  /** Called with the fraction of clusters done (0..1). */
  onProgress?: (fraction: number) => void;
}

export interface BiclusterInput {
  /** z-scored genes x conditions, row-major, NaN allowed. */
  values: Float64Array;
  nConditions: number;
  /** Cluster per gene; negative = background (never a bicluster). */
  labels: ArrayLike<number>;
  /** Gene embeddings (row-major, genes x dim) for the silhouettes; profiles are used when absent. */
  embeddings?: { data: Float32Array | Float64Array; dim: number };
}

function nanMeanProfile(values: Float64Array, C: number, genes: readonly number[]): number[] {
  const sum = new Float64Array(C);
  const n = new Float64Array(C);
  for (const g of genes) {
    for (let j = 0, o = g * C; j < C; j++, o++) {
      const v = values[o]!;
      if (v === v) {
        sum[j]! += v;
        n[j]!++;
      }
    }
  }
  return Array.from(sum, (s, j) => (n[j]! > 0 ? s / n[j]! : Number.NaN));
}

function positiveInt(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new InputError(`${field} must be an integer >= ${min}, got ${value}`, { field });
  return value;
}

/**
 * One bicluster per gene cluster with at least `minGenes` genes: conditions chosen by
 * selectConditions (greedy column deletion, or a contiguous window), optional pruning of genes that
 * do not follow the pattern there, then MSR, silhouettes, empirical p-value and mean profile.
 *
 * Silhouettes are those of the clustering (all non-background genes, labels as given), computed in
 * embedding space when `embeddings` are given, else on the profiles over all conditions (NaN read
 * as 0, the z-scored mean); a bicluster's silhouette is the mean over its (kept) genes.
 *
 * Output order: by size (genes x conditions) descending, ties by cluster label ascending;
 * `clusterLabel` maps each bicluster back to its cluster. Deterministic for a given rng seed:
 * each cluster's permutations use rng.fork(`pvalue/<label>`), the silhouette rng.fork("silhouette").
 */
export function extractBiclusters(input: BiclusterInput, options: BiclusterOptions): Bicluster[] {
  return extractWithLabels(input, options).biclusters;
}

/** extractBiclusters plus the gene partition it ends with (refined by the likelihood criterion; the input labels otherwise). */
export function extractWithLabels(input: BiclusterInput, options: BiclusterOptions): { biclusters: Bicluster[]; labels: Int32Array } {
  const { values, labels } = input;
  const C = positiveInt(input.nConditions, "nConditions", 1);
  if (values.length % C !== 0) throw new InputError(`values.length ${values.length} is not a multiple of nConditions ${C}`, { field: "values" });
  const nGenes = values.length / C;
  if (labels.length !== nGenes) throw new InputError(`labels has ${labels.length} entries for ${nGenes} genes`, { field: "labels" });
  const minGenes = positiveInt(options.minGenes ?? 5, "minGenes", 2);
  const minConditions = options.minConditions ?? defaultMinConditions(C);
  const permutations = positiveInt(options.permutations ?? 199, "permutations", 0);
  const pruneGenes = options.pruneGenes ?? true;
  if (options.pruneFactor !== undefined && !(options.pruneFactor > 0)) {
    throw new InputError(`pruneFactor must be > 0, got ${options.pruneFactor}`, { field: "pruneFactor" });
  }
  const unchanged = () => Int32Array.from(labels, (l) => (l >= 0 ? l : -1));
  if (C < 2) return { biclusters: [], labels: unchanged() };

  const members = new Map<number, number[]>();
  for (let g = 0; g < nGenes; g++) {
    const l = labels[g]!;
    if (!(l >= 0)) continue;
    let list = members.get(l);
    if (!list) members.set(l, (list = []));
    list.push(g);
  }
  const clusters = [...members.entries()].filter(([, g]) => g.length >= minGenes).sort((a, b) => a[0] - b[0]);
  if (clusters.length === 0) return { biclusters: [], labels: unchanged() };
  if ((options.criterion ?? "likelihood") === "likelihood") return extractByLikelihood(input, options, clusters, minGenes, permutations);

  let sil: SilhouetteResult;
  const silOptions = { rng: options.rng.fork("silhouette"), sampleSize: options.silhouetteSampleSize ?? 2000 };
  if (input.embeddings) {
    sil = silhouette(input.embeddings.data, input.embeddings.dim, labels, silOptions);
  } else {
    let profiles = values;
    if (values.some((v) => Number.isNaN(v))) profiles = values.map((v) => (Number.isNaN(v) ? 0 : v));
    sil = silhouette(profiles, C, labels, silOptions);
  }

  const allGenes = Array.from({ length: nGenes }, (_, i) => i);
  const allConds = Array.from({ length: C }, (_, j) => j);
  const backgroundMsr = meanSquaredResidue(values, C, allGenes, allConds);

  const out: Bicluster[] = [];
  clusters.forEach(([label, genes], idx) => {
    if (options.signal?.aborted) throw new CancelledError();
    const sel = selectConditions(values, C, genes, {
      minConditions,
      msrThreshold: options.msrThreshold,
      msrFraction: options.msrFraction,
      contiguous: options.contiguous,
      coherenceFloor: options.coherenceFloor,
      backgroundMsr,
      ...(options.criterion === "msr" || options.criterion === "signal" ? { criterion: options.criterion } : {}),
      ...(options.signalThreshold !== undefined ? { signalThreshold: options.signalThreshold } : {}),
    });
    let kept = genes;
    let msr = sel.msr;
    if (pruneGenes && sel.conditions.length > 0 && msr >= 0) {
      const active = new Uint8Array(C);
      for (const j of sel.conditions) active[j] = 1;
      const res = rowResidues(gatherRows(values, C, genes), active);
      const e0 = expectedRandomMsr(backgroundMsr, nGenes, C, genes.length, sel.conditions.length);
      const cut = options.pruneFactor !== undefined ? options.pruneFactor * msr : (msr + e0) / 2;
      // Default rule only when the block is clearly coherent (H <= E0 / 2): otherwise members and
      // strangers have similar residues and the midpoint would just cut the noisier half.
      const applies = options.pruneFactor !== undefined || msr <= e0 / 2;
      const survivors = applies ? genes.filter((_, i) => res[i]! <= cut) : genes; // NaN (no data) is dropped
      if (survivors.length >= minGenes && survivors.length < genes.length) {
        kept = survivors;
        msr = meanSquaredResidue(values, C, kept, sel.conditions);
      }
    }
    kept = [...kept].sort((a, b) => a - b);
    const geneSilhouettes = sil.mean === null ? undefined : kept.map((g) => sil.perPoint[g]!);
    const pValue =
      sel.conditions.length === 0
        ? null
        : msrPValue(values, C, kept.length, sel.conditions.length, msr, {
            rng: options.rng.fork(`pvalue/${label}`),
            permutations,
            contiguous: options.contiguous,
          });
    out.push({
      genes: kept,
      conditions: sel.conditions,
      msr,
      silhouette: geneSilhouettes ? geneSilhouettes.reduce((a, b) => a + b, 0) / geneSilhouettes.length : null,
      ...(geneSilhouettes ? { geneSilhouettes } : {}),
      pValue,
      meanProfile: nanMeanProfile(values, C, kept),
      clusterLabel: label,
    });
    options.onProgress?.((idx + 1) / clusters.length);
  });
  out.sort((a, b) => b.genes.length * b.conditions.length - a.genes.length * a.conditions.length || a.clusterLabel! - b.clusterLabel!);
  return { biclusters: out, labels: unchanged() };
}

export interface LikelihoodExtraction {
  biclusters: Bicluster[];
  /** Primary bicluster (its clusterLabel) per gene after pruning and node addition; -1 = none. */
  labels: Int32Array;
}

/** The likelihood path of extractBiclusters (also returns the refined partition). */
export function extractByLikelihood(
  input: BiclusterInput,
  options: BiclusterOptions,
  clusters: [number, number[]][],
  minGenes: number,
  permutations: number,
): LikelihoodExtraction {
  const { values } = input;
  const C = input.nConditions;
  const nGenes = values.length / C;
  const background = zscoredBackground(values, C);
  const refineOptions = {
    minGenes,
    mode: options.conditionMode ?? (options.contiguous ? "window" : "subset"),
    overlap: options.overlap ?? true,
    background,
    ...(options.minConditions !== undefined ? { minConditions: options.minConditions } : {}),
    ...(options.maxConditions !== undefined ? { maxConditions: options.maxConditions } : {}),
    ...(options.maxBiclusters !== undefined ? { maxBiclusters: options.maxBiclusters } : {}),
    ...(options.membership ? { membership: options.membership } : {}),
    ...(options.maxLag ? { maxLag: options.maxLag } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  } as const;
  const refined = refineClusters(values, C, clusters, refineOptions, (f) => options.onProgress?.(0.3 * f));
  const labels = primaryLabels(nGenes, refined);
  const silOptions = { rng: options.rng.fork("silhouette"), sampleSize: options.silhouetteSampleSize ?? 2000 };
  let sil: SilhouetteResult;
  if (input.embeddings) sil = silhouette(input.embeddings.data, input.embeddings.dim, labels, silOptions);
  else sil = silhouette(values.some((v) => Number.isNaN(v)) ? values.map((v) => (Number.isNaN(v) ? 0 : v)) : values, C, labels, silOptions);
  const sig = biclusterSignificance(values, C, refined, {
    rng: options.rng.fork("significance"),
    permutations,
    refine: refineOptions,
    ...(options.clusterNull ? { clusterNull: options.clusterNull } : {}),
    ...(options.nullRuns !== undefined ? { maxRuns: options.nullRuns } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (f) => options.onProgress?.(0.3 + 0.7 * f),
  });
  const q = qValues(sig.map((s) => s.pValue));
  const out: Bicluster[] = refined.map((r, i) => {
    const geneSilhouettes = sil.mean === null ? undefined : r.genes.map((g) => sil.perPoint[g]!);
    const flags = biclusterFlags({
      values,
      C,
      genes: r.genes,
      conditions: r.conditions,
      backgroundLevel: background.mean,
      nGenes,
      ...(options.conditionIds ? { conditionIds: options.conditionIds } : {}),
      ...(options.levels ? { levels: options.levels } : {}),
    });
    return {
      genes: r.genes,
      conditions: r.conditions,
      msr: meanSquaredResidue(values, C, r.genes, r.conditions),
      silhouette: geneSilhouettes && geneSilhouettes.length ? geneSilhouettes.reduce((a, b) => a + b, 0) / geneSilhouettes.length : null,
      ...(geneSilhouettes ? { geneSilhouettes } : {}),
      pValue: sig[i]!.pValue,
      qValue: q[i]!,
      pValueAtFloor: sig[i]!.atFloor,
      evidence: r.selection.evidence,
      flags,
      meanProfile: nanMeanProfile(values, C, r.genes),
      clusterLabel: r.label,
      ...(options.maxLag ? { geneLags: r.lags } : {}),
    };
  });
  // Coherent, specific, significant first: unflagged, then by q-value, then by evidence per cell.
  const perCell = (b: Bicluster) => (b.evidence ?? 0) / Math.max(1, b.genes.length * b.conditions.length);
  out.sort(
    (a, b) =>
      Number((a.flags?.length ?? 0) > 0) - Number((b.flags?.length ?? 0) > 0) ||
      (a.qValue ?? 2) - (b.qValue ?? 2) ||
      perCell(b) - perCell(a) ||
      a.clusterLabel! - b.clusterLabel!,
  );
  options.onProgress?.(1);
  return { biclusters: out, labels };
}
