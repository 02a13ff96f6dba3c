// Shared types at the boundaries of the core engine. Modules import these rather than
// redefining shapes; the API and the worker depend on them too.

/** One column of the expression matrix: a time point or a sample. */
export interface Condition {
  /** Column id from the header row. */
  id: string;
  /** Numeric time in HOURS for time courses, when known (sample sheets convert their units). */
  time?: number;
  /** Unit the time was written in ("s", "min", "h", "d", "w"), when a sample sheet gave one. */
  timeUnit?: string;
  /** Sample label (phenotype/class), when known. */
  label?: string;
  /** Experimental group (treatment, genotype...), from a sample sheet. */
  group?: string;
  /** Replicate id within its group, from a sample sheet. */
  replicate?: string;
  /** Subject (patient, donor, animal) the sample came from, from a sample sheet. */
  subject?: string;
  /** Other sample-sheet columns, kept as text by header name. */
  fields?: Record<string, string>;
}

/**
 * A genes x conditions matrix. `values` is row-major (gene i, condition j at
 * i * conditions.length + j); NaN marks a missing value.
 */
export interface ExpressionMatrix {
  genes: string[];
  conditions: Condition[];
  values: Float64Array;
  /** Extra non-numeric columns kept per gene (e.g. gene symbol, description). */
  annotations?: { columns: string[]; rows: string[][] };
}

/** A bicluster: a set of genes coherent over a set of conditions (indices into the input matrix). */
export interface Bicluster {
  genes: number[];
  conditions: number[];
  /** Mean squared residue (Cheng & Church) of the submatrix; lower is more coherent. */
  msr: number;
  /** Mean silhouette of the member genes in embedding space (null when undefined, e.g. K = 1). */
  silhouette: number | null;
  /** Per-gene silhouettes, aligned with `genes`. */
  geneSilhouettes?: number[];
  /** Empirical p-value of the MSR against random submatrices of the same size. */
  pValue: number | null;
  /** Mean of the member genes' (normalised) profiles over ALL conditions. */
  meanProfile: number[];
  /** Label of the gene cluster this bicluster was extracted from, when it came from a clustering. */
  clusterLabel?: number;
  /** Benjamini-Hochberg adjusted p-value across the run's biclusters. */
  qValue?: number | null;
  /** No null value reached this bicluster's: the true p-value is below `pValue` = 1 / (n + 1). */
  pValueAtFloor?: boolean;
  /** Penalised log-likelihood gain of the bicluster model over a patternless block (nats). */
  evidence?: number;
  /** Reasons not to read the bicluster at face value (code + sentence); empty when none. */
  flags?: { code: string; reason: string }[];
  /** With a largest gene lag: each member's lag in time points (positive: later than the pattern), aligned with `genes`. */
  geneLags?: number[];
}

export interface ProgressEvent {
  /** Id of a stage the running method declares (its registry entry lists them with labels). */
  stage: string;
  /** 0..1 within the stage. */
  fraction: number;
  /** 0..1 over the whole run (best estimate). */
  overall?: number;
  message?: string;
}

export type ProgressCallback = (event: ProgressEvent) => void;
