// Synthetic time-course matrices with planted biclusters and their ground truth.
import type { Condition, ExpressionMatrix } from "../types.ts";
import { InputError } from "../errors.ts";
import { createRng } from "../random.ts";
import type { Rng } from "../random.ts";
import { PATTERNS, patternValues } from "./patterns.ts";
import type { PatternName } from "./patterns.ts";

/** A count (>= 1) or a fraction of the total (< 1). */
export type CountOrFraction = number;

export interface SynthOptions {
  /** Number of genes (rows). Default 500. */
  genes?: number;
  /** Number of time points (conditions "t0".."t{n-1}"). Default 20. */
  timePoints?: number;
  /** Time between consecutive points (condition k has time k * timeStep). Default 1. */
  timeStep?: number;
  /** Number of planted biclusters. Default 4. */
  biclusters?: number;
  /** Genes per bicluster: a count (>= 1) or a fraction of `genes` (< 1). Default 60. */
  genesPerBicluster?: CountOrFraction;
  /**
   * Conditions per bicluster: a count or fraction of `timePoints`, or a [min, max] range of
   * either, drawn uniformly per bicluster. Default [0.4, 0.6] (8..12 of 20). At least 3.
   */
  conditionsPerBicluster?: CountOrFraction | [CountOrFraction, CountOrFraction];
  /** Contiguous runs of time points (default true); false draws a random subset. */
  contiguous?: boolean;
  /** Patterns cycled over the biclusters. Default ["phase-shift", "rising", "pulse", "step"]. */
  patterns?: PatternName[];
  /**
   * RMS of the planted pattern over its conditions, in the same units as the noise (before the
   * per-gene scale). Default 0.6 = 2 x the default noise sd: the weakest planted point is about
   * 1 noise sd, the strongest about 3 (per-point SNR comparable to published benchmarks,
   * e.g. Prelic et al. 2006 at medium noise).
   */
  amplitude?: number;
  /** Per-gene amplitude jitter: each member gene's amplitude is scaled by U(1-j, 1+j). Default 0.25. */
  amplitudeJitter?: number;
  /** Standard deviation of the Gaussian noise on every cell ("visible noise"). Default 0.3. */
  noiseSd?: number;
  /** Sd of log(scale) of the per-gene lognormal scale. Default 0.5. */
  scaleSdLog?: number;
  /** Mean of the per-gene offset (log2-like expression level). Default 8. */
  offsetMean?: number;
  /** Sd of the per-gene offset. Default 2. */
  offsetSd?: number;
  /**
   * Fraction of each bicluster's genes shared with the previous bicluster (values add up on the
   * shared genes). Default 0.
   */
  overlap?: number;
  /** Fraction of cells set to NaN (independently per cell). Default 0. */
  missingFraction?: number;
  /**
   * RMS of a weak random smooth trend (two slow sinusoids) added to EVERY gene, so background is
   * not pure white noise. Default 0 (none).
   */
  backgroundTrend?: number;
  /**
   * Keep planted biclusters distinguishable: a bicluster's conditions are redrawn (up to 50
   * times) while its noise-free profile over all time points correlates above this with an
   * earlier bicluster's (e.g. a "step" and a "rising" on nearly the same window). Default 0.6;
   * 1 disables the check.
   */
  maxPatternCorrelation?: number;
  /** Seed of all randomness. Default 1. */
  seed?: number | string;
}

export interface PlantedBicluster {
  /** Gene indices, ascending. */
  genes: number[];
  /** Condition indices, ascending. */
  conditions: number[];
  pattern: string;
}

export interface GroundTruth {
  biclusters: PlantedBicluster[];
  /** Per gene: index of its (first) bicluster, or -1 for background. */
  labels: number[];
  /** Gene and condition ids of the generated matrix (for scoring by id). */
  geneIds?: string[];
  conditionIds?: string[];
}

const DEFAULTS = {
  genes: 500,
  timePoints: 20,
  timeStep: 1,
  biclusters: 4,
  genesPerBicluster: 60,
  conditionsPerBicluster: [0.4, 0.6] as CountOrFraction | [CountOrFraction, CountOrFraction],
  contiguous: true,
  patterns: [...PATTERNS] as PatternName[],
  amplitude: 0.6,
  amplitudeJitter: 0.25,
  noiseSd: 0.3,
  scaleSdLog: 0.5,
  offsetMean: 8,
  offsetSd: 2,
  overlap: 0,
  missingFraction: 0,
  backgroundTrend: 0,
  maxPatternCorrelation: 0.6,
  seed: 1 as number | string,
};

function resolveCount(v: number, total: number): number {
  return v < 1 ? Math.round(v * total) : Math.round(v);
}

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw new InputError(message, { field });
}

function validate(o: typeof DEFAULTS): void {
  check(Number.isInteger(o.genes) && o.genes >= 1, "genes", "genes must be a positive integer");
  check(Number.isInteger(o.timePoints) && o.timePoints >= 3, "timePoints", "timePoints must be an integer >= 3");
  check(Number.isInteger(o.biclusters) && o.biclusters >= 0, "biclusters", "biclusters must be a non-negative integer");
  check(o.genesPerBicluster > 0, "genesPerBicluster", "genesPerBicluster must be > 0");
  check(o.patterns.length > 0 && o.patterns.every((p) => (PATTERNS as readonly string[]).includes(p)), "patterns", `patterns must be among ${PATTERNS.join(", ")}`);
  for (const [k, v] of [["amplitude", o.amplitude], ["noiseSd", o.noiseSd], ["scaleSdLog", o.scaleSdLog], ["offsetSd", o.offsetSd], ["backgroundTrend", o.backgroundTrend]] as const) {
    check(Number.isFinite(v) && v >= 0, k, `${k} must be a finite number >= 0`);
  }
  check(o.amplitudeJitter >= 0 && o.amplitudeJitter < 1, "amplitudeJitter", "amplitudeJitter must be in [0, 1)");
  check(o.maxPatternCorrelation >= -1 && o.maxPatternCorrelation <= 1, "maxPatternCorrelation", "maxPatternCorrelation must be in [-1, 1]");
  check(o.overlap >= 0 && o.overlap < 1, "overlap", "overlap must be in [0, 1)");
  check(o.missingFraction >= 0 && o.missingFraction < 1, "missingFraction", "missingFraction must be in [0, 1)");
}

function pickConditions(rng: Rng, o: typeof DEFAULTS): number[] {
  const T = o.timePoints;
  const spec = o.conditionsPerBicluster;
  const [lo, hi] = Array.isArray(spec) ? spec : [spec, spec];
  const min = resolveCount(lo, T);
  const max = resolveCount(hi, T);
  check(min >= 3 && max >= min && max <= T, "conditionsPerBicluster", `conditionsPerBicluster must give 3 <= min <= max <= ${T}, got ${min}..${max}`);
  const L = min + rng.int(max - min + 1);
  if (o.contiguous) {
    const start = rng.int(T - L + 1);
    return Array.from({ length: L }, (_, k) => start + k);
  }
  return rng.sample(T, L).sort((a, b) => a - b);
}

function plantedProfile(pattern: PatternName, conditions: number[], b: number, B: number, T: number): number[] {
  const p = patternValues(pattern, conditions.length, b, B);
  const out = new Array<number>(T).fill(0);
  conditions.forEach((t, k) => (out[t] = p[k]!));
  return out;
}

function correlation(a: number[], b: number[]): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * Generate a genes x time-points matrix with planted biclusters.
 *
 * Model, per gene g and time point t:
 *   x[g,t] = offset_g + scale_g * (trend_g(t) + sum_b a_gb * p_b(t) + noise)
 * where p_b is bicluster b's pattern (zero mean, unit RMS over its conditions, zero elsewhere),
 * a_gb = amplitude * U(1 - jitter, 1 + jitter) for member genes and 0 otherwise,
 * noise ~ N(0, noiseSd^2), scale_g ~ lognormal(0, scaleSdLog), offset_g ~ N(offsetMean, offsetSd^2).
 * Per-gene z-scoring removes offset and scale; outside its conditions a member gene is
 * distributed exactly like a background gene.
 */
export function generateSynthetic(options: SynthOptions = {}): { matrix: ExpressionMatrix; truth: GroundTruth } {
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  validate(o);
  const N = o.genes;
  const T = o.timePoints;
  const B = o.biclusters;
  const rng = createRng(o.seed);
  const nPer = resolveCount(o.genesPerBicluster, N);
  check(nPer >= 2, "genesPerBicluster", "genesPerBicluster must give at least 2 genes");
  const shared = Math.round(o.overlap * nPer);
  const needed = B === 0 ? 0 : nPer + (B - 1) * (nPer - shared);
  check(needed <= N, "genesPerBicluster", `${B} biclusters of ${nPer} genes (overlap ${o.overlap}) need ${needed} genes, only ${N}`);

  // Gene membership: a random order, biclusters take consecutive blocks, each sharing
  // `shared` genes with the previous one.
  const assign = rng.fork("assign");
  const order = assign.shuffle(Array.from({ length: N }, (_, i) => i));
  const windowsRng = rng.fork("conditions");
  const biclusters: PlantedBicluster[] = [];
  const profiles: number[][] = [];
  let freshPrev: number[] = [];
  let next = 0;
  for (let b = 0; b < B; b++) {
    // Shared genes come from the previous bicluster's own (non-shared) genes.
    // (from all its genes when overlap > 0.5 leaves too few of its own).
    const pool = freshPrev.length >= shared ? freshPrev : (biclusters[b - 1]?.genes ?? []);
    const genes = b > 0 && shared > 0 ? assign.sample(pool.length, shared).map((i) => pool[i]!) : [];
    const fresh = order.slice(next, next + nPer - genes.length);
    next += fresh.length;
    genes.push(...fresh);
    freshPrev = fresh;
    const pattern = o.patterns[b % o.patterns.length]!;
    let conditions = pickConditions(windowsRng, o);
    let profile = plantedProfile(pattern, conditions, b, B, T);
    for (let attempt = 0; attempt < 50 && profiles.some((q) => correlation(q, profile) > o.maxPatternCorrelation); attempt++) {
      conditions = pickConditions(windowsRng, o);
      profile = plantedProfile(pattern, conditions, b, B, T);
    }
    profiles.push(profile);
    biclusters.push({ genes: genes.sort((a, c) => a - c), conditions, pattern });
  }
  const labels = new Array<number>(N).fill(-1);
  biclusters.forEach((bc, b) => {
    for (const g of bc.genes) if (labels[g] === -1) labels[g] = b;
  });

  // Signal before scale/offset.
  const signal = new Float64Array(N * T);
  if (o.backgroundTrend > 0) {
    const tr = rng.fork("trend");
    for (let g = 0; g < N; g++) {
      const f1 = 0.5 + tr.next();
      const f2 = 1.5 + tr.next();
      const p1 = 2 * Math.PI * tr.next();
      const p2 = 2 * Math.PI * tr.next();
      const w = tr.next();
      for (let t = 0; t < T; t++) {
        const x = t / (T - 1);
        // RMS of sqrt(2)*(w sin + (1-w) sin) is ~ sqrt(w^2 + (1-w)^2); close enough for "weak".
        signal[g * T + t] = o.backgroundTrend * Math.SQRT2 * (w * Math.sin(2 * Math.PI * f1 * x + p1) + (1 - w) * Math.sin(2 * Math.PI * f2 * x + p2));
      }
    }
  }
  const amp = rng.fork("amplitude");
  biclusters.forEach((bc, b) => {
    const p = patternValues(bc.pattern as PatternName, bc.conditions.length, b, B);
    for (const g of bc.genes) {
      const a = o.amplitude * (1 + o.amplitudeJitter * (2 * amp.next() - 1));
      bc.conditions.forEach((t, k) => {
        signal[g * T + t]! += a * p[k]!;
      });
    }
  });

  const noise = rng.fork("noise");
  const gene = rng.fork("gene-scale");
  const miss = rng.fork("missing");
  const values = new Float64Array(N * T);
  for (let g = 0; g < N; g++) {
    const scale = Math.exp(o.scaleSdLog * gene.normal());
    const offset = o.offsetMean + o.offsetSd * gene.normal();
    for (let t = 0; t < T; t++) {
      const i = g * T + t;
      values[i] = offset + scale * (signal[i]! + o.noiseSd * noise.normal());
    }
  }
  if (o.missingFraction > 0) {
    for (let i = 0; i < values.length; i++) if (miss.next() < o.missingFraction) values[i] = Number.NaN;
  }

  const width = String(N - 1).length;
  const genes = Array.from({ length: N }, (_, i) => `g${String(i).padStart(width, "0")}`);
  const conditions: Condition[] = Array.from({ length: T }, (_, t) => ({ id: `t${t}`, time: t * o.timeStep }));
  return {
    matrix: { genes, conditions, values },
    truth: { biclusters, labels, geneIds: genes, conditionIds: conditions.map((c) => c.id) },
  };
}
