// Preprocessing options, their documented defaults and validation.
import { InputError } from "../errors.ts";

export type Transform = "none" | "log2" | "cpm-log2";
export type Impute = "knn" | "row-mean" | "none";

/**
 * Steps run in this order: transform, drop genes by missing fraction, impute, drop
 * unexpressed and constant genes, keep the top-N most variable genes, z-score.
 */
export interface PreprocessOptions {
  /**
   * "log2": log2(x + 1); "cpm-log2": counts per million per condition (column sums of observed
   * values), then log2(x + 1); "none": values as given. Negative values with a log transform
   * are an InputError (the data is probably log-scaled already). Default "none".
   */
  transform?: Transform;
  /**
   * Fill missing values: "knn" = mean of the `knnK` nearest genes that observe the column
   * (Euclidean on the columns both genes observe, divided by their count; the gene's row mean
   * when no neighbour observes that column); "row-mean" = the gene's mean; "none" = keep NaN
   * (variance and z-score then use observed values only). Default "knn".
   */
  impute?: Impute;
  /** Neighbours for kNN imputation. Default 10. */
  knnK?: number;
  /**
   * Neighbours are searched among at most this many candidate genes: with more genes, one
   * seeded random subsample of this size (from `seed`) is shared by all genes being imputed,
   * so the cost is (genes with missing values) x knnCandidates x conditions. Default 2000.
   */
  knnCandidates?: number;
  /** Seed for the kNN candidate subsample. Default 0. */
  seed?: number | string;
  /**
   * Drop "unexpressed" genes whose maximum value (after transform and imputation) is below
   * this. Default: undefined (no expression filter).
   */
  minExpression?: number;
  /**
   * Drop genes whose population variance (after transform and imputation) is below this.
   * Genes with variance < 1e-12 are always dropped (their z-scores are undefined). Default 0.
   */
  minVariance?: number;
  /** Drop genes with a larger fraction of missing values than this (0..1). Genes with no
   * observed value are always dropped. Default 0.5. */
  maxMissingFraction?: number;
  /** Keep only the N most variable genes (ties: earlier gene first). Default: undefined (all). */
  topVariance?: number;
  /** Per-gene z-score (mean 0, population sd 1). Default true. */
  zscore?: boolean;
}

export interface ResolvedPreprocessOptions {
  transform: Transform;
  impute: Impute;
  knnK: number;
  knnCandidates: number;
  seed: number | string;
  minExpression: number | undefined;
  minVariance: number;
  maxMissingFraction: number;
  topVariance: number | undefined;
  zscore: boolean;
}

export const PREPROCESS_DEFAULTS: ResolvedPreprocessOptions = {
  transform: "none",
  impute: "knn",
  knnK: 10,
  knnCandidates: 2000,
  seed: 0,
  minExpression: undefined,
  minVariance: 0,
  maxMissingFraction: 0.5,
  topVariance: undefined,
  zscore: true,
};

/** Smallest variance a gene may have; below it the gene is constant and always dropped. */
export const CONSTANT_VARIANCE = 1e-12;

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw new InputError(message, { field });
}

export function resolveOptions(options: PreprocessOptions): ResolvedPreprocessOptions {
  const o: ResolvedPreprocessOptions = { ...PREPROCESS_DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  check(["none", "log2", "cpm-log2"].includes(o.transform), "transform", `transform must be "none", "log2" or "cpm-log2"`);
  check(["knn", "row-mean", "none"].includes(o.impute), "impute", `impute must be "knn", "row-mean" or "none"`);
  check(Number.isInteger(o.knnK) && o.knnK >= 1, "knnK", "knnK must be a positive integer");
  check(Number.isInteger(o.knnCandidates) && o.knnCandidates >= 1, "knnCandidates", "knnCandidates must be a positive integer");
  check(o.maxMissingFraction >= 0 && o.maxMissingFraction <= 1, "maxMissingFraction", "maxMissingFraction must be in [0, 1]");
  check(Number.isFinite(o.minVariance) && o.minVariance >= 0, "minVariance", "minVariance must be a finite number >= 0");
  check(o.minExpression === undefined || Number.isFinite(o.minExpression), "minExpression", "minExpression must be a finite number");
  check(o.topVariance === undefined || (Number.isInteger(o.topVariance) && o.topVariance >= 1), "topVariance", "topVariance must be a positive integer");
  return o;
}
