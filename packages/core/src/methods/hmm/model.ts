// A mixture of K Gaussian hidden Markov models of gene time courses, fitted by EM (Smyth 1997,
// "Clustering sequences with hidden Markov models"; Schliep, Schonhuth & Steinhoff 2003, mixtures
// of linear HMMs for gene expression time courses). Each gene's profile (one value per time
// point) is one sequence; each mixture component is an HMM with `states` hidden states, a
// Gaussian emission per state and, by default, a left-right ("linear") topology: a state either
// repeats or moves to the next, so the model encodes WHEN a profile is high or low. Optionally a
// null component, independent N(0, v) values at every time point, takes the genes without a
// temporal pattern (the background rule of the other methods: a flat profile as null centroid).
//
// EM: the E-step computes each gene's log-likelihood under every component (scaled forward
// algorithm, per-step max-log shift against underflow) and its responsibilities; the M-step
// re-estimates each HMM by Baum-Welch with the genes weighted by their responsibilities (start,
// transition, means, variances floored at `varianceFloor`), the mixture weights and the null
// variance. A clamped variance is still the constrained maximiser, so the log-likelihood never
// decreases. Formulas checked against hmmlearn's (base._BaseHMM, GaussianHMM); code is ours.
import { CancelledError, InputError, NotFittedError } from "../../errors.ts";
import { createRng } from "../../random.ts";

export type HmmTopology = "left-right" | "ergodic";

export interface HmmMixtureOptions {
  /** Number of HMMs (gene clusters). Required. */
  k: number;
  /** Hidden states per HMM (at most the sequence length). Default 5 (the method uses one per time point). */
  states: number;
  /** "left-right": each state repeats or advances (Schliep et al. 2003); "ergodic": any transition. Default "left-right". */
  topology: HmmTopology;
  /** Most EM iterations. Default 100. */
  maxIterations: number;
  /** Stop when the log-likelihood gains less than this per gene. Default 1e-3. */
  tolerance: number;
  /** Smallest emission variance (the data is z-scored: variance 1 per gene). Default 0.01. */
  varianceFloor: number;
  /** Add the null component (independent N(0, v) values); its genes get label -1. Default true. */
  background: boolean;
  /** Seed for initialising components that start without genes. Default 0. */
  seed: number;
}

export const HMM_DEFAULTS: Readonly<Omit<HmmMixtureOptions, "k">> = Object.freeze({
  states: 5,
  topology: "left-right",
  maxIterations: 100,
  tolerance: 1e-3,
  varianceFloor: 0.01,
  background: true,
  seed: 0,
});

/** One Gaussian HMM. */
export interface GaussianHmm {
  start: number[];
  /** Row-major S x S. */
  transitions: number[];
  means: number[];
  variances: number[];
}

export interface HmmFitReport {
  iterations: number;
  converged: boolean;
  /** Total log-likelihood of the data before each M-step (non-decreasing), then after the last. */
  logLikelihood: number[];
  seconds: number;
}

export interface HmmMixtureJson {
  name: "HmmMixture";
  version: 1;
  options: HmmMixtureOptions;
  models: GaussianHmm[] | null;
  /** Mixture weights of the K models (and the null component last, when background). */
  weights: number[] | null;
  nullVariance: number | null;
}

const LOG_2PI = Math.log(2 * Math.PI);

/** Scaled forward-backward of one sequence; the shared workspace avoids allocation per gene. */
class Workspace {
  readonly alpha: Float64Array;
  readonly beta: Float64Array;
  readonly b: Float64Array;
  readonly c: Float64Array;
  constructor(
    readonly T: number,
    readonly S: number,
  ) {
    this.alpha = new Float64Array(T * S);
    this.beta = new Float64Array(T * S);
    this.b = new Float64Array(T * S);
    this.c = new Float64Array(T);
  }
}

/** A model with what the forward pass needs precomputed: allowed transitions and emission constants. */
interface Prepared {
  m: GaussianHmm;
  /** Allowed transitions as (from, to) pairs: the non-zero entries of the transition matrix. */
  edges: Int32Array;
  /** Probability of each allowed transition. */
  edgeP: Float64Array;
  /** -0.5 log(2 pi variance) and 1 / (2 variance) per state. */
  logNorm: Float64Array;
  halfPrecision: Float64Array;
}

function prepare(m: GaussianHmm): Prepared {
  const S = m.means.length;
  const e: number[] = [];
  const p: number[] = [];
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < S; t++) {
      const a = m.transitions[s * S + t]!;
      if (a > 0) {
        e.push(s, t);
        p.push(a);
      }
    }
  }
  return {
    m,
    edges: Int32Array.from(e),
    edgeP: Float64Array.from(p),
    logNorm: Float64Array.from(m.variances, (v) => -0.5 * (LOG_2PI + Math.log(v))),
    halfPrecision: Float64Array.from(m.variances, (v) => 0.5 / v),
  };
}

/**
 * log p(x | model) by the scaled forward algorithm; fills ws.alpha (scaled), ws.b (emissions
 * scaled per step by exp(-max log b)) and ws.c (scaling factors). x has T values.
 */
function forward(pm: Prepared, x: Float64Array, offset: number, ws: Workspace): number {
  const { T, S, alpha, b, c } = ws;
  const { m, edges, edgeP } = pm;
  let ll = 0;
  for (let t = 0; t < T; t++) {
    const v = x[offset + t]!;
    let maxLog = -Infinity;
    for (let s = 0; s < S; s++) {
      const d = v - m.means[s]!;
      const lb = pm.logNorm[s]! - d * d * pm.halfPrecision[s]!;
      b[t * S + s] = lb;
      if (lb > maxLog) maxLog = lb;
    }
    for (let s = 0; s < S; s++) b[t * S + s] = Math.exp(b[t * S + s]! - maxLog);
    const o = t * S;
    if (t === 0) {
      for (let s = 0; s < S; s++) alpha[s] = m.start[s]! * b[s]!;
    } else {
      alpha.fill(0, o, o + S);
      const p = o - S;
      for (let e = 0; e < edges.length; e += 2) alpha[o + edges[e + 1]!]! += alpha[p + edges[e]!]! * edgeP[e >> 1]!;
      for (let s = 0; s < S; s++) alpha[o + s]! *= b[o + s]!;
    }
    let sum = 0;
    for (let s = 0; s < S; s++) sum += alpha[o + s]!;
    if (!(sum > 0)) return -Infinity;
    c[t] = sum;
    for (let s = 0; s < S; s++) alpha[o + s]! /= sum;
    ll += Math.log(sum) + maxLog;
  }
  return ll;
}

/** Scaled backward pass after `forward` (same workspace). */
function backward(pm: Prepared, ws: Workspace): void {
  const { T, S, beta, b, c } = ws;
  const { edges, edgeP } = pm;
  beta.fill(1, (T - 1) * S, T * S);
  for (let t = T - 2; t >= 0; t--) {
    const o = t * S;
    const n = o + S;
    beta.fill(0, o, o + S);
    for (let e = 0; e < edges.length; e += 2) {
      const to = edges[e + 1]!;
      beta[o + edges[e]!]! += edgeP[e >> 1]! * b[n + to]! * beta[n + to]!;
    }
    for (let s = 0; s < S; s++) beta[o + s]! /= c[t + 1]!;
  }
}

/** Responsibility-weighted sufficient statistics of one HMM. */
class Stats {
  readonly start: Float64Array;
  readonly trans: Float64Array;
  readonly gamma: Float64Array;
  readonly gx: Float64Array;
  readonly gxx: Float64Array;
  constructor(S: number) {
    this.start = new Float64Array(S);
    this.trans = new Float64Array(S * S);
    this.gamma = new Float64Array(S);
    this.gx = new Float64Array(S);
    this.gxx = new Float64Array(S);
  }
}

/** Adds weight x (posterior state occupancies and transitions) of one sequence after forward + backward. */
function accumulate(pm: Prepared, x: Float64Array, offset: number, weight: number, ws: Workspace, st: Stats): void {
  const { T, S, alpha, beta, b, c } = ws;
  const { edges, edgeP } = pm;
  for (let t = 0; t < T; t++) {
    const o = t * S;
    const v = x[offset + t]!;
    for (let s = 0; s < S; s++) {
      const g = weight * alpha[o + s]! * beta[o + s]!;
      if (t === 0) st.start[s]! += g;
      st.gamma[s]! += g;
      st.gx[s]! += g * v;
      st.gxx[s]! += g * v * v;
    }
    if (t === T - 1) break;
    const n = o + S;
    const scale = weight / c[t + 1]!;
    for (let e = 0; e < edges.length; e += 2) {
      const from = edges[e]!;
      const to = edges[e + 1]!;
      st.trans[from * S + to]! += scale * alpha[o + from]! * edgeP[e >> 1]! * b[n + to]! * beta[n + to]!;
    }
  }
}

/** M-step of one HMM; states without posterior mass keep their parameters. */
function maximise(m: GaussianHmm, st: Stats, S: number, floor: number): GaussianHmm {
  const startSum = st.start.reduce((a, v) => a + v, 0);
  const start = startSum > 0 ? Array.from(st.start, (v) => v / startSum) : [...m.start];
  const transitions = [...m.transitions];
  for (let s = 0; s < S; s++) {
    let row = 0;
    for (let t = 0; t < S; t++) row += st.trans[s * S + t]!;
    if (row > 0) for (let t = 0; t < S; t++) transitions[s * S + t] = st.trans[s * S + t]! / row;
  }
  const means = [...m.means];
  const variances = [...m.variances];
  for (let s = 0; s < S; s++) {
    const g = st.gamma[s]!;
    if (!(g > 1e-12)) continue;
    const mu = st.gx[s]! / g;
    means[s] = mu;
    variances[s] = Math.max(floor, st.gxx[s]! / g - mu * mu);
  }
  return { start, transitions, means, variances };
}

function logSumExp(xs: Float64Array): number {
  let max = -Infinity;
  for (const v of xs) if (v > max) max = v;
  if (max === -Infinity) return -Infinity;
  let s = 0;
  for (const v of xs) s += Math.exp(v - max);
  return max + Math.log(s);
}

export class HmmMixture {
  readonly options: HmmMixtureOptions;
  private models: GaussianHmm[] | null = null;
  private weights: number[] | null = null;
  private nullVariance: number | null = null;

  constructor(options: Partial<HmmMixtureOptions> & { k: number }) {
    this.options = { ...HMM_DEFAULTS, ...options };
  }

  get isFitted(): boolean {
    return this.models !== null;
  }

  /** Components (K HMMs, then the null component when background). */
  private get components(): number {
    return this.options.k + (this.options.background ? 1 : 0);
  }

  private validate(n: number, T: number): void {
    const o = this.options;
    const int = (field: keyof HmmMixtureOptions, v: number, min: number) => {
      if (!Number.isInteger(v) || v < min) throw new InputError(`${field} must be an integer >= ${min}, got ${v}`, { field });
    };
    int("k", o.k, 1);
    int("states", o.states, 1);
    int("maxIterations", o.maxIterations, 1);
    if (o.states > T) throw new InputError(`states (${o.states}) must not exceed the time points (${T})`, { field: "states" });
    if (o.k > n) throw new InputError(`k = ${o.k} exceeds the number of genes (${n})`, { field: "k" });
    if (!(o.varianceFloor > 0)) throw new InputError("varianceFloor must be > 0", { field: "varianceFloor" });
    if (!(o.tolerance >= 0)) throw new InputError("tolerance must be >= 0", { field: "tolerance" });
    if (o.topology !== "left-right" && o.topology !== "ergodic") throw new InputError(`unknown topology ${String(o.topology)}`, { field: "topology" });
  }

  /** Initial HMM of a group of genes: time cut into `states` segments, one state per segment. */
  private initialModel(x: Float64Array, T: number, genes: readonly number[]): GaussianHmm {
    const S = this.options.states;
    const means: number[] = [];
    const variances: number[] = [];
    const lengths: number[] = [];
    for (let s = 0; s < S; s++) {
      const from = Math.round((s * T) / S);
      const to = Math.round(((s + 1) * T) / S);
      let sum = 0;
      let sq = 0;
      let cnt = 0;
      for (const g of genes) {
        for (let t = from; t < to; t++) {
          const v = x[g * T + t]!;
          sum += v;
          sq += v * v;
          cnt++;
        }
      }
      const mu = cnt > 0 ? sum / cnt : 0;
      means.push(mu);
      variances.push(Math.max(this.options.varianceFloor, cnt > 1 ? sq / cnt - mu * mu : 1));
      lengths.push(to - from);
    }
    const transitions = new Array<number>(S * S).fill(0);
    let start: number[];
    if (this.options.topology === "left-right") {
      start = Array.from({ length: S }, (_, s) => (s === 0 ? 1 : 0));
      for (let s = 0; s < S; s++) {
        if (s === S - 1) transitions[s * S + s] = 1;
        else {
          const advance = 1 / Math.max(1, lengths[s]!);
          transitions[s * S + s] = 1 - advance;
          transitions[s * S + s + 1] = advance;
        }
      }
      // A one-point segment would forbid staying; keep a little mass there so EM can use it.
      for (let s = 0; s < S - 1; s++) {
        if (transitions[s * S + s] === 0) {
          transitions[s * S + s] = 0.1;
          transitions[s * S + s + 1] = 0.9;
        }
      }
    } else {
      start = new Array<number>(S).fill(1 / S);
      for (let s = 0; s < S; s++) for (let t = 0; t < S; t++) transitions[s * S + t] = S === 1 ? 1 : s === t ? 0.7 : 0.3 / (S - 1);
    }
    return { start, transitions, means, variances };
  }

  /** Sum of squares of each gene (the null component's sufficient statistic). */
  private nullLogLikelihoods(x: Float64Array, n: number, T: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) for (let t = 0; t < T; t++) out[i]! += x[i * T + t]! ** 2;
    return out;
  }

  /** Log-likelihood of each gene under each component, n x components (row-major). */
  private logLikelihoods(x: Float64Array, n: number, T: number, ws: Workspace): Float64Array {
    const models = this.models!;
    const K = this.options.k;
    const C = this.components;
    const out = new Float64Array(n * C);
    const prepared = models.map(prepare);
    const v0 = this.nullVariance ?? 1;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < K; c++) out[i * C + c] = forward(prepared[c]!, x, i * T, ws);
      if (this.options.background) {
        let ss = 0;
        for (let t = 0; t < T; t++) ss += x[i * T + t]! ** 2;
        out[i * C + K] = -0.5 * (T * (LOG_2PI + Math.log(v0)) + ss / v0);
      }
    }
    return out;
  }

  /**
   * Fits the mixture to n sequences of length T (row-major `x`, no missing values).
   * `initialLabels` (0..k-1, -1 = background) seeds each HMM with a group of genes, e.g. k-means
   * clusters; without them, genes are split at random (seeded).
   */
  fit(x: Float64Array, n: number, T: number, control: { initialLabels?: ArrayLike<number>; onIteration?: (iteration: number, logLikelihood: number) => void; signal?: AbortSignal } = {}): HmmFitReport {
    if (x.length !== n * T) throw new InputError(`expected ${n * T} values (${n} x ${T}), got ${x.length}`);
    this.validate(n, T);
    const t0 = performance.now();
    const o = this.options;
    const K = o.k;
    const S = o.states;
    const C = this.components;
    const rng = createRng(o.seed).fork("hmm-init");
    const labels = control.initialLabels ? Int32Array.from(control.initialLabels) : Int32Array.from({ length: n }, () => rng.int(K));
    const groups: number[][] = Array.from({ length: K }, () => []);
    labels.forEach((l, i) => l >= 0 && l < K && groups[l]!.push(i));
    this.models = groups.map((g) => this.initialModel(x, T, g.length > 0 ? g : [rng.int(n)]));
    const background = labels.reduce((a, l) => a + (l < 0 ? 1 : 0), 0) / n;
    const nullWeight = o.background ? Math.min(0.9, Math.max(0.05, background)) : 0;
    this.weights = [...groups.map((g) => ((1 - nullWeight) * Math.max(g.length, 1)) / groups.reduce((a, h) => a + Math.max(h.length, 1), 0)), ...(o.background ? [nullWeight] : [])];
    this.nullVariance = o.background ? 1 : null;

    // One workspace per component: the E-step's forward pass of a gene is reused by its backward pass.
    const ws = Array.from({ length: K }, () => new Workspace(T, S));
    const report: HmmFitReport = { iterations: 0, converged: false, logLikelihood: [], seconds: 0 };
    const resp = new Float64Array(C);
    const nullLl = this.nullLogLikelihoods(x, n, T);
    for (let it = 0; ; it++) {
      if (control.signal?.aborted) throw new CancelledError();
      const stats = Array.from({ length: K }, () => new Stats(S));
      const weightSum = new Float64Array(C);
      const prepared = this.models.map(prepare);
      const v0 = this.nullVariance ?? 1;
      let nullSq = 0;
      let total = 0;
      for (let i = 0; i < n; i++) {
        if ((i & 1023) === 1023 && control.signal?.aborted) throw new CancelledError();
        for (let c = 0; c < K; c++) resp[c] = Math.log(this.weights[c]!) + forward(prepared[c]!, x, i * T, ws[c]!);
        if (o.background) resp[K] = Math.log(this.weights[K]!) - 0.5 * (T * (LOG_2PI + Math.log(v0)) + nullLl[i]! / v0);
        const lse = logSumExp(resp);
        total += lse;
        for (let c = 0; c < C; c++) {
          const r = Math.exp(resp[c]! - lse);
          weightSum[c]! += r;
          if (r < 1e-10) continue;
          if (c === K) {
            nullSq += r * nullLl[i]!;
            continue;
          }
          backward(prepared[c]!, ws[c]!);
          accumulate(prepared[c]!, x, i * T, r, ws[c]!, stats[c]!);
        }
      }
      report.logLikelihood.push(total);
      control.onIteration?.(it, total);
      const prev = report.logLikelihood.at(-2);
      if (prev !== undefined && total - prev < o.tolerance * n) {
        report.converged = true;
        break;
      }
      if (it === o.maxIterations) break;
      report.iterations = it + 1;
      this.models = this.models.map((m, c) => maximise(m, stats[c]!, S, o.varianceFloor));
      this.weights = Array.from(weightSum, (w) => Math.max(w / n, 1e-300));
      if (o.background && weightSum[K]! > 0) this.nullVariance = Math.max(o.varianceFloor, nullSq / (T * weightSum[K]!));
    }
    report.seconds = (performance.now() - t0) / 1000;
    return report;
  }

  /** Posterior probability of each component per gene, n x (k [+ 1 null]) row-major. */
  posteriors(x: Float64Array, n: number, T: number): Float64Array {
    if (!this.models || !this.weights) throw new NotFittedError("HmmMixture");
    const C = this.components;
    const ll = this.logLikelihoods(x, n, T, new Workspace(T, this.options.states));
    const row = new Float64Array(C);
    const out = new Float64Array(n * C);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < C; c++) row[c] = Math.log(this.weights[c]!) + ll[i * C + c]!;
      const lse = logSumExp(row);
      for (let c = 0; c < C; c++) out[i * C + c] = Math.exp(row[c]! - lse);
    }
    return out;
  }

  /** Most probable component per gene; -1 when it is the null component. */
  predict(x: Float64Array, n: number, T: number): Int32Array {
    const post = this.posteriors(x, n, T);
    const C = this.components;
    const K = this.options.k;
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < C; c++) if (post[i * C + c]! > post[i * C + best]!) best = c;
      labels[i] = best === K ? -1 : best;
    }
    return labels;
  }

  /** log p(x_i) of one sequence under HMM `c` (for tests and diagnostics). */
  sequenceLogLikelihood(c: number, x: ArrayLike<number>): number {
    if (!this.models) throw new NotFittedError("HmmMixture");
    return forward(prepare(this.models[c]!), Float64Array.from(x), 0, new Workspace(x.length, this.options.states));
  }

  /** The fitted HMMs (copies). */
  get fittedModels(): GaussianHmm[] {
    if (!this.models) throw new NotFittedError("HmmMixture");
    return this.models.map((m) => ({ start: [...m.start], transitions: [...m.transitions], means: [...m.means], variances: [...m.variances] }));
  }

  get mixtureWeights(): number[] {
    if (!this.weights) throw new NotFittedError("HmmMixture");
    return [...this.weights];
  }

  toJSON(): HmmMixtureJson {
    return { name: "HmmMixture", version: 1, options: { ...this.options }, models: this.models ? this.fittedModels : null, weights: this.weights ? [...this.weights] : null, nullVariance: this.nullVariance };
  }

  static load(json: HmmMixtureJson): HmmMixture {
    if (json.name !== "HmmMixture" || json.version !== 1) throw new InputError(`not an HmmMixture v1 model (name ${String(json.name)}, version ${String(json.version)})`);
    const m = new HmmMixture(json.options);
    m.models = json.models;
    m.weights = json.weights;
    m.nullVariance = json.nullVariance;
    return m;
  }
}
