// limma's moderated t-test for two groups, written from Smyth (2004), "Linear models and
// empirical Bayes methods for assessing differential expression in microarray experiments"
// (SAGMB 3:3), and checked against R's limma 3.54 (test/fixtures/limma):
//   lmFit   per gene, the design ~group: coefficient = mean(B) - mean(A), residual variance s^2 on
//           d = nA + nB - 2 df, stdev.unscaled = sqrt(1/nA + 1/nB) (missing values drop out per gene);
//   eBayes  squeezeVar: fitFDist gives the prior df d0 and scale s0^2 from the moments of log s^2;
//           s~^2 = (d0 s0^2 + d s^2) / (d0 + d); t~ = coef / (stdev.unscaled s~) on d0 + d df (at
//           most the pooled df); B = log posterior odds of DE with prior proportion 0.01 and the
//           prior variance of true log fold changes from tmixture, limited by stdev.coef.lim.
import { benjaminiHochberg } from "../metrics/multiple-testing.ts";
import { InputError } from "../errors.ts";
import { digamma, trigamma, trigammaInverse, tUpperQuantile, tUpperTail } from "./special.ts";

/** The per-gene least-squares fit of the two-group design (limma's MArrayLM, coefficient B - A). */
export interface TwoGroupFit {
  /** mean(B) - mean(A) per gene (NaN when a group has no observed value). */
  coefficient: Float64Array;
  /** sqrt(1/nA + 1/nB) with the gene's observed counts. */
  stdevUnscaled: Float64Array;
  /** Residual standard deviation (NaN when the gene has no residual df). */
  sigma: Float64Array;
  /** nA + nB - 2 (observed values), at least 0. */
  dfResidual: Float64Array;
  /** Mean of the gene's observed values over all samples of both groups (limma's Amean). */
  amean: Float64Array;
}

/**
 * Fits the two-group design gene by gene. `values` is genes x samples row-major; group[j] is 0
 * (A), 1 (B) or -1 (sample not used). NaN values are missing.
 */
export function lmFitTwoGroup(values: ArrayLike<number>, genes: number, group: ArrayLike<number>): TwoGroupFit {
  const m = group.length;
  if (values.length !== genes * m) throw new InputError(`values has ${values.length} entries for ${genes} x ${m}`, { field: "values" });
  const coefficient = new Float64Array(genes);
  const stdevUnscaled = new Float64Array(genes);
  const sigma = new Float64Array(genes);
  const dfResidual = new Float64Array(genes);
  const amean = new Float64Array(genes);
  for (let i = 0; i < genes; i++) {
    let nA = 0;
    let nB = 0;
    let sA = 0;
    let sB = 0;
    for (let j = 0; j < m; j++) {
      const g = group[j]!;
      const v = values[i * m + j]!;
      if (g < 0 || v !== v) continue;
      if (g === 0) {
        nA++;
        sA += v;
      } else {
        nB++;
        sB += v;
      }
    }
    const mA = sA / nA;
    const mB = sB / nB;
    let rss = 0;
    for (let j = 0; j < m; j++) {
      const g = group[j]!;
      const v = values[i * m + j]!;
      if (g < 0 || v !== v) continue;
      const d = v - (g === 0 ? mA : mB);
      rss += d * d;
    }
    const df = Math.max(0, nA + nB - 2);
    coefficient[i] = nA > 0 && nB > 0 ? mB - mA : Number.NaN;
    stdevUnscaled[i] = nA > 0 && nB > 0 ? Math.sqrt(1 / nA + 1 / nB) : Number.NaN;
    dfResidual[i] = nA > 0 && nB > 0 ? df : 0;
    sigma[i] = df > 0 && nA > 0 && nB > 0 ? Math.sqrt(rss / df) : Number.NaN;
    amean[i] = nA + nB > 0 ? (sA + sB) / (nA + nB) : Number.NaN;
  }
  return { coefficient, stdevUnscaled, sigma, dfResidual, amean };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
}

/**
 * Moment estimates of the scaled F distribution s^2 ~ s0^2 F(d, d0) (limma's fitFDist without a
 * covariate): returns scale s0^2 and df2 d0 (Infinity when the log-variances vary no more than
 * sampling alone explains). Non-finite x or df <= 0 are left out.
 */
export function fitFDist(x: ArrayLike<number>, df1: ArrayLike<number>): { scale: number; df2: number } {
  const xs: number[] = [];
  const ds: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const d = df1[i]!;
    const v = x[i]!;
    if (Number.isFinite(d) && d > 1e-15 && Number.isFinite(v) && v > -1e-15) {
      xs.push(Math.max(v, 0));
      ds.push(d);
    }
  }
  const n = xs.length;
  if (n === 0) return { scale: Number.NaN, df2: Number.NaN };
  if (n === 1) return { scale: xs[0]!, df2: 0 };
  let m = median(xs);
  if (m === 0) m = 1; // limma warns: more than half of the variances are exactly zero
  let emean = 0;
  const e = xs.map((v, i) => {
    const z = Math.log(Math.max(v, 1e-5 * m));
    const half = ds[i]! / 2;
    const ei = z - digamma(half) + Math.log(half);
    emean += ei;
    return ei;
  });
  emean /= n;
  let evar = 0;
  for (const ei of e) evar += (ei - emean) ** 2;
  evar /= n - 1;
  let tri = 0;
  for (const d of ds) tri += trigamma(d / 2);
  evar -= tri / n;
  if (evar > 0) {
    const df2 = 2 * trigammaInverse(evar);
    return { scale: Math.exp(emean + digamma(df2 / 2) - Math.log(df2 / 2)), df2 };
  }
  let mean = 0;
  for (const v of xs) mean += Math.max(v, 1e-5 * m);
  return { scale: mean / n, df2: Infinity };
}

export interface SqueezeVarResult {
  dfPrior: number;
  varPrior: number;
  varPost: Float64Array;
}

/** Posterior variances (d s^2 + d0 s0^2) / (d + d0); s0^2 itself when d0 is infinite. */
export function squeezeVar(variances: ArrayLike<number>, df: ArrayLike<number>): SqueezeVarResult {
  const n = variances.length;
  const v = Float64Array.from(variances, (x, i) => (df[i] === 0 ? 0 : x));
  if (n === 1) return { dfPrior: 0, varPrior: v[0]!, varPost: v };
  const { scale, df2 } = fitFDist(v, df);
  if (Number.isNaN(df2)) throw new InputError("could not estimate the prior degrees of freedom (no gene has a finite variance)");
  const varPost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    varPost[i] = Number.isFinite(df2) ? (df[i]! * v[i]! + df2 * scale) / (df[i]! + df2) : scale;
  }
  return { dfPrior: df2, varPrior: scale, varPost };
}

/**
 * Prior variance v0 of the true coefficients among the DE genes (limma's tmixture.vector): the
 * top proportion/2 of |t| are matched to the quantiles they would have under the mixture.
 */
export function tmixture(
  tstat: ArrayLike<number>,
  stdevUnscaled: ArrayLike<number>,
  df: ArrayLike<number>,
  proportion: number,
  v0Lim: readonly [number, number] | null,
): number {
  const t: number[] = [];
  const su: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < tstat.length; i++) {
    if (Number.isNaN(tstat[i]!)) continue;
    t.push(Math.abs(tstat[i]!));
    su.push(stdevUnscaled[i]!);
    d.push(df[i]!);
  }
  const ngenes = t.length;
  const ntarget = Math.ceil((proportion / 2) * ngenes);
  if (ntarget < 1) return Number.NaN;
  const p = Math.max(ntarget / ngenes, proportion);
  const maxDf = Math.max(...d);
  for (let i = 0; i < ngenes; i++) {
    // Put every |t| on the largest df by matching tail probabilities.
    if (d[i]! < maxDf) t[i] = tUpperQuantile(tUpperTail(t[i]!, d[i]!), maxDf);
  }
  const order = t.map((_, i) => i).sort((a, b) => t[b]! - t[a]! || a - b).slice(0, ntarget);
  let sum = 0;
  order.forEach((i, k) => {
    const r = k + 1;
    const p0 = 2 * tUpperTail(t[i]!, maxDf);
    const ptarget = ((r - 0.5) / ngenes - (1 - p) * p0) / p;
    let v0 = 0;
    if (ptarget > p0) {
      const qtarget = tUpperQuantile(ptarget / 2, maxDf);
      v0 = su[i]! ** 2 * ((t[i]! / qtarget) ** 2 - 1);
    }
    if (v0Lim) v0 = Math.min(Math.max(v0, v0Lim[0]), v0Lim[1]);
    sum += v0;
  });
  return sum / ntarget;
}

export interface EBayesOptions {
  /** Assumed proportion of differentially expressed genes (limma: 0.01). Default 0.01. */
  proportion: number;
  /** Limits of the prior standard deviation of true log fold changes, relative to s0 (limma: [0.1, 4]). Default [0.1, 4]. */
  stdevCoefLim: readonly [number, number];
}

export const EBAYES_DEFAULTS: Readonly<EBayesOptions> = Object.freeze({ proportion: 0.01, stdevCoefLim: [0.1, 4] as const });

export interface EBayesResult {
  /** Prior degrees of freedom d0 (Infinity: no evidence of gene-specific variances). */
  dfPrior: number;
  /** Prior variance s0^2. */
  s2Prior: number;
  /** Prior variance of the true coefficients of DE genes (unscaled), as limma's var.prior. */
  varPrior: number;
  s2Post: Float64Array;
  t: Float64Array;
  dfTotal: Float64Array;
  pValue: Float64Array;
  /** B statistic: log posterior odds that the gene is differentially expressed. */
  lods: Float64Array;
}

export function eBayes(fit: TwoGroupFit, options: Partial<EBayesOptions> = {}): EBayesResult {
  const o = { ...EBAYES_DEFAULTS, ...options };
  if (!(o.proportion > 0 && o.proportion < 1)) throw new InputError("proportion must be in (0, 1)", { field: "proportion" });
  const n = fit.coefficient.length;
  let dfPooled = 0;
  let maxDf = 0;
  for (const d of fit.dfResidual) {
    dfPooled += d;
    maxDf = Math.max(maxDf, d);
  }
  if (maxDf === 0) throw new InputError("no residual degrees of freedom: each group needs at least two samples, or one group three");
  const s2 = Float64Array.from(fit.sigma, (s) => s * s);
  const { dfPrior, varPrior: s2Prior, varPost: s2Post } = squeezeVar(s2, fit.dfResidual);
  const t = new Float64Array(n);
  const dfTotal = new Float64Array(n);
  const pValue = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    t[i] = fit.coefficient[i]! / fit.stdevUnscaled[i]! / Math.sqrt(s2Post[i]!);
    dfTotal[i] = Math.min(fit.dfResidual[i]! + dfPrior, dfPooled);
    pValue[i] = Number.isNaN(t[i]!) ? Number.NaN : 2 * tUpperTail(Math.abs(t[i]!), dfTotal[i]!);
  }
  const lim: [number, number] = [o.stdevCoefLim[0] ** 2 / s2Prior, o.stdevCoefLim[1] ** 2 / s2Prior];
  let varPrior = tmixture(t, fit.stdevUnscaled, dfTotal, o.proportion, lim);
  if (Number.isNaN(varPrior)) varPrior = 1 / s2Prior; // limma: "Estimation of var.prior failed"
  const lods = new Float64Array(n);
  const logOdds = Math.log(o.proportion / (1 - o.proportion));
  for (let i = 0; i < n; i++) {
    const su2 = fit.stdevUnscaled[i]! ** 2;
    const r = (su2 + varPrior) / su2;
    const t2 = t[i]! ** 2;
    const kernel =
      dfPrior > 1e6 ? (t2 * (1 - 1 / r)) / 2 : ((1 + dfTotal[i]!) / 2) * Math.log((t2 + dfTotal[i]!) / (t2 / r + dfTotal[i]!));
    lods[i] = logOdds - Math.log(r) / 2 + kernel;
  }
  return { dfPrior, s2Prior, varPrior, s2Post, t, dfTotal, pValue, lods };
}

/** Benjamini-Hochberg adjusted p-values (R's p.adjust(p, "BH")): core's one implementation. */
export const adjustBH = benjaminiHochberg;
