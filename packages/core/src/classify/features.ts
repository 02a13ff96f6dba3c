// From an expression matrix to the feature rows a classifier trains on. Two kinds of steps:
//  - per-sample transforms (RNA-seq counts: negatives set to 0, counts per million, log2(x + 1)):
//    each sample uses only its own values, so they are applied to all samples up front;
//  - data-dependent steps (dropping genes expressed in no sample, imputation, gene selection by
//    variance or by correlation with the class, z-scoring): FeaturePipeline.fit learns them from
//    the TRAINING samples only, and transform applies the learned state to any sample. Nothing
//    learned here ever sees a test sample (tests in features.test.ts fail if it does).
import { InputError } from "../errors.ts";
import type { Rng } from "../random.ts";
import type { ExpressionMatrix } from "../types.ts";

export type FeatureSet =
  | { mode: "all" }
  | { mode: "top-variance"; n: number }
  | { mode: "correlation"; n: number }
  | { mode: "panel"; genes: string[] };

/** Parses "all", "top-variance:N", "correlation:N" (the CLI and API spelling). */
export function parseFeatureSet(text: string): FeatureSet {
  if (text === "all") return { mode: "all" };
  const m = /^(top-variance|correlation):(\d+)$/.exec(text);
  if (m) {
    const n = Number(m[2]);
    if (n < 1) throw new InputError(`${m[1]} needs N >= 1`, { field: "features" });
    return { mode: m[1] as "top-variance" | "correlation", n };
  }
  throw new InputError(`features must be all, top-variance:N or correlation:N, got "${text}"`, { field: "features" });
}

/** Samples x genes values (row = sample), after the per-sample transforms. */
export interface SampleData {
  values: Float64Array;
  samples: number;
  genes: number;
  geneIds: string[];
}

/**
 * The chosen samples of a genes x samples matrix as sample rows. With `counts`, each sample is
 * transformed on its own: negative values set to 0, counts per million, log2(x + 1).
 */
export function sampleRows(matrix: ExpressionMatrix, sampleIdx: readonly number[], counts: boolean): SampleData {
  const G = matrix.genes.length;
  const M = matrix.conditions.length;
  const S = sampleIdx.length;
  const values = new Float64Array(S * G);
  for (let s = 0; s < S; s++) {
    const j = sampleIdx[s]!;
    let library = 0;
    for (let g = 0; g < G; g++) {
      let v = matrix.values[g * M + j]!;
      if (counts && v < 0) v = 0;
      values[s * G + g] = v;
      if (v === v) library += v;
    }
    if (!counts) continue;
    if (!(library > 0)) {
      throw new InputError(`sample ${matrix.conditions[j]?.id} has no counts: CPM needs a positive library size`, { field: "counts" });
    }
    const f = 1e6 / library;
    for (let g = 0; g < G; g++) {
      const k = s * G + g;
      if (values[k] === values[k]) values[k] = Math.log2(values[k]! * f + 1);
    }
  }
  return { values, samples: S, genes: G, geneIds: matrix.genes };
}

export interface FeaturePipelineOptions {
  /** Which genes become features. Default { mode: "all" }. */
  features: FeatureSet;
  /** The data are RNA-seq counts: also drop genes with no count in any training sample. Default false. */
  counts: boolean;
  /** z-score each feature with its training mean and sd. Default true. */
  scale: boolean;
}

export const FEATURE_DEFAULTS: Readonly<FeaturePipelineOptions> = Object.freeze({ features: { mode: "all" } as FeatureSet, counts: false, scale: true });

/** What fit learned (indices refer to SampleData genes). */
export interface FeatureState {
  genes: number[];
  /** Training mean per selected gene (also the imputed value of a missing one). */
  mean: Float64Array;
  /** Training sd per selected gene (1 where it is 0). */
  sd: Float64Array;
  /** Training samples the state was learned from. */
  fittedOn: number[];
  /** Genes dropped for having no count in any training sample (counts only). */
  droppedUnexpressed: number;
}

export class FeaturePipeline {
  readonly options: FeaturePipelineOptions;
  private state: FeatureState | null = null;

  constructor(options: Partial<FeaturePipelineOptions> = {}) {
    this.options = { ...FEATURE_DEFAULTS, ...options };
  }

  get fitted(): FeatureState {
    if (!this.state) throw new InputError("FeaturePipeline is not fitted: call fit() first");
    return this.state;
  }

  /** Learns gene selection, imputation values and scaling from the rows `train` (class y[r] of row r). */
  fit(data: SampleData, y: ArrayLike<number>, train: readonly number[]): this {
    const { values, genes: G } = data;
    if (train.length < 2) throw new InputError(`need at least 2 training samples, got ${train.length}`, { field: "labels" });
    const mean = new Float64Array(G);
    const sd = new Float64Array(G);
    const observed = new Int32Array(G);
    const expressed = new Uint8Array(G);
    for (const r of train) {
      for (let g = 0; g < G; g++) {
        const v = values[r * G + g]!;
        if (v !== v) continue;
        observed[g]!++;
        mean[g]! += v;
        if (v > 0) expressed[g] = 1;
      }
    }
    for (let g = 0; g < G; g++) mean[g] = observed[g]! > 0 ? mean[g]! / observed[g]! : 0;
    for (const r of train) {
      for (let g = 0; g < G; g++) {
        const v = values[r * G + g]!;
        if (v === v) sd[g]! += (v - mean[g]!) ** 2;
      }
    }
    for (let g = 0; g < G; g++) sd[g] = observed[g]! > 1 ? Math.sqrt(sd[g]! / (observed[g]! - 1)) : 0;
    let candidates = Array.from({ length: G }, (_, g) => g).filter((g) => observed[g]! > 0);
    let droppedUnexpressed = 0;
    if (this.options.counts) {
      const before = candidates.length;
      candidates = candidates.filter((g) => expressed[g] === 1);
      droppedUnexpressed = before - candidates.length;
    }
    const fs = this.options.features;
    let genes: number[];
    if (fs.mode === "all") genes = candidates;
    else if (fs.mode === "panel") {
      const index = new Map(data.geneIds.map((id, g) => [id, g]));
      const missing = fs.genes.filter((id) => !index.has(id));
      if (missing.length === fs.genes.length) throw new InputError(`no gene of the panel is in the matrix (${fs.genes.slice(0, 3).join(", ")}…)`, { field: "panel" });
      const allowed = new Set(candidates);
      genes = [...new Set(fs.genes.map((id) => index.get(id)).filter((g): g is number => g !== undefined && allowed.has(g)))];
    } else {
      const score = fs.mode === "top-variance" ? sd : this.classCorrelation(data, y, train, mean, sd);
      genes = [...candidates].sort((a, b) => score[b]! - score[a]! || a - b).slice(0, fs.n);
    }
    if (genes.length === 0) throw new InputError("no gene left to use as a feature", { field: "features" });
    genes.sort((a, b) => a - b); // matrix order: the convolutional models read genes as a sequence
    this.state = {
      genes,
      mean: Float64Array.from(genes, (g) => mean[g]!),
      sd: Float64Array.from(genes, (g) => (sd[g]! > 0 ? sd[g]! : 1)),
      fittedOn: [...train],
      droppedUnexpressed,
    };
    return this;
  }

  /**
   * max over classes k of |Pearson r(gene, [class = k])| on the training rows (for two classes,
   * the |r| with the class). Missing values take the gene's training mean.
   */
  private classCorrelation(data: SampleData, y: ArrayLike<number>, train: readonly number[], mean: Float64Array, sd: Float64Array): Float64Array {
    const G = data.genes;
    const K = Math.max(...train.map((r) => y[r]!)) + 1;
    const n = train.length;
    const best = new Float64Array(G);
    for (let k = 0; k < K; k++) {
      const nk = train.filter((r) => y[r] === k).length;
      if (nk === 0 || nk === n) continue;
      const p = nk / n;
      const sdInd = Math.sqrt((p * (1 - p) * n) / (n - 1));
      const sumK = new Float64Array(G);
      for (const r of train) {
        if (y[r] !== k) continue;
        for (let g = 0; g < G; g++) {
          const v = data.values[r * G + g]!;
          sumK[g]! += (v === v ? v : mean[g]!) - mean[g]!;
        }
      }
      for (let g = 0; g < G; g++) {
        if (!(sd[g]! > 0)) continue;
        // cov(x, 1[k]) = sum_{r in k} (x_r - mean) / (n - 1)
        const r = sumK[g]! / (n - 1) / (sd[g]! * sdInd);
        best[g] = Math.max(best[g]!, Math.abs(r));
      }
    }
    return best;
  }

  /**
   * Feature rows (rows.length x features, row-major) for the given sample rows. With `noise`,
   * Gaussian noise of level x the gene's training sd is added before scaling (robustness test).
   */
  transform(data: SampleData, rows: readonly number[], noise?: { level: number; rng: Rng }): Float32Array {
    const { genes, mean, sd } = this.fitted;
    const G = data.genes;
    const d = genes.length;
    const out = new Float32Array(rows.length * d);
    rows.forEach((r, a) => {
      for (let f = 0; f < d; f++) {
        let v = data.values[r * G + genes[f]!]!;
        if (v !== v) v = mean[f]!;
        if (noise) v += noise.level * sd[f]! * noise.rng.normal();
        out[a * d + f] = this.options.scale ? (v - mean[f]!) / sd[f]! : v;
      }
    });
    return out;
  }
}
