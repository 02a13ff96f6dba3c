// Temporal designs where time ORDER matters, for the LSTM ablation: time-lagged co-regulation,
// phase-shifted co-regulation, patterns that differ only in their order, and uneven sampling.
//
// Same cell model as generateSynthetic: x[g,t] = offset_g + scale_g * (signal[g,t] + noise), with
// the per-gene lognormal scale and normal offset, so z-scoring removes them. What differs is the
// planted signal of each bicluster (window = `windowLength` consecutive time points):
//  - time-lagged: one shape per bicluster; each member gene carries it delayed by its own lag
//    d in 0..maxLag time points (co-regulated with a delay); the bicluster's conditions are the
//    window extended by maxLag.
//  - phase-shifted: one sinusoid of 1.5 cycles over the window per bicluster (phase 2 pi b / B);
//    each member adds its own phase offset in [-maxPhase, maxPhase].
//  - order-only: biclusters come in pairs on the SAME window; the second carries the first's
//    values in reverse time order (same values, same distribution, only the order differs).
//    Different pairs get windows at least half a window apart when the time points allow: every
//    pair has the same shape, so two pairs on one window would be two copies of one pair that no
//    method can tell apart (data seed 1 drew start 7 for both pairs of the suite's 500 x 20 set).
//  - uneven-sampling: time points at geometrically growing intervals (dense early, sparse late);
//    each pattern is a function of real time on its window, sampled at the uneven times.
// Every planted profile is centred and scaled to unit RMS on its own conditions, times amplitude.
import type { Condition, ExpressionMatrix } from "../types.ts";
import { InputError } from "../errors.ts";
import { createRng } from "../random.ts";
import type { GroundTruth, PlantedBicluster } from "./generate.ts";

export const TEMPORAL_KINDS = ["time-lagged", "phase-shifted", "order-only", "uneven-sampling"] as const;
export type TemporalKind = (typeof TEMPORAL_KINDS)[number];

export interface TemporalDesignOptions {
  kind?: TemporalKind;
  /** Genes. Default 500. */
  genes?: number;
  /** Time points. Default 20. */
  timePoints?: number;
  /** Planted biclusters (order-only: rounded up to an even number of... pairs share windows). Default 4. */
  biclusters?: number;
  /** Genes per bicluster. Default 60. */
  genesPerBicluster?: number;
  /** Window length: a count, or a fraction (< 1) of the time points. Default 0.4. */
  windowLength?: number;
  /** RMS of the planted pattern (noise units, before the per-gene scale). Default 0.6. */
  amplitude?: number;
  /** Noise sd. Default 0.3. */
  noiseSd?: number;
  /** Per-gene amplitude jitter U(1-j, 1+j). Default 0.25. */
  amplitudeJitter?: number;
  /** Sd of log(scale) per gene. Default 0.5. */
  scaleSdLog?: number;
  /** Largest per-gene delay in time points (time-lagged). Default 3. */
  maxLag?: number;
  /** Largest per-gene phase offset in radians (phase-shifted). Default pi / 2. */
  maxPhase?: number;
  /** Ratio of the last to the first sampling interval (uneven-sampling). Default 20. */
  intervalRatio?: number;
  /** Fraction of each bicluster's genes shared with the previous one. Default 0. */
  overlap?: number;
  /** Fraction of cells set to NaN. Default 0. */
  missingFraction?: number;
  /** Seed of all randomness. Default 1. */
  seed?: number | string;
}

const DEFAULTS = {
  kind: "time-lagged" as TemporalKind,
  genes: 500,
  timePoints: 20,
  biclusters: 4,
  genesPerBicluster: 60,
  windowLength: 0.4,
  amplitude: 0.6,
  noiseSd: 0.3,
  amplitudeJitter: 0.25,
  scaleSdLog: 0.5,
  maxLag: 3,
  maxPhase: Math.PI / 2,
  intervalRatio: 20,
  overlap: 0,
  missingFraction: 0,
  seed: 1 as number | string,
};

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw new InputError(message, { field });
}

/** Centred, unit-RMS copy (a flat input stays flat). */
function normalise(v: number[]): number[] {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  const c = v.map((x) => x - m);
  const rms = Math.sqrt(c.reduce((a, b) => a + b * b, 0) / c.length);
  return rms > 1e-12 ? c.map((x) => x / rms) : c;
}

/** Shapes of x in [0, 1] (real time within the window), cycled over the biclusters. */
const SHAPES: { name: string; f: (x: number) => number }[] = [
  { name: "pulse", f: (x) => Math.exp(-0.5 * ((x - 0.5) / 0.15) ** 2) },
  { name: "wave", f: (x) => Math.sin(2 * Math.PI * x) },
  { name: "rise-fall", f: (x) => (x < 0.3 ? x / 0.3 : 1 - (x - 0.3) / 0.7) },
  { name: "dip", f: (x) => -Math.exp(-0.5 * ((x - 0.35) / 0.12) ** 2) },
];

/** An asymmetric shape for order-only pairs: fast rise, slow decay (reversed: slow rise, fast decay). */
const skewed = (x: number) => (x < 0.2 ? x / 0.2 : Math.exp(-3 * (x - 0.2)));

export function generateTemporalDesign(options: TemporalDesignOptions = {}): { matrix: ExpressionMatrix; truth: GroundTruth } {
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  check((TEMPORAL_KINDS as readonly string[]).includes(o.kind), "kind", `kind must be one of ${TEMPORAL_KINDS.join(", ")}`);
  const N = o.genes;
  const T = o.timePoints;
  const B = o.biclusters;
  check(Number.isInteger(T) && T >= 4, "timePoints", "timePoints must be an integer >= 4");
  check(Number.isInteger(B) && B >= 0, "biclusters", "biclusters must be a non-negative integer");
  const nPer = o.genesPerBicluster;
  const shared = Math.round(o.overlap * nPer);
  check(B === 0 || nPer + (B - 1) * (nPer - shared) <= N, "genesPerBicluster", `${B} biclusters of ${nPer} genes need more than ${N} genes`);
  check(o.overlap >= 0 && o.overlap < 1, "overlap", "overlap must be in [0, 1)");
  check(o.missingFraction >= 0 && o.missingFraction < 1, "missingFraction", "missingFraction must be in [0, 1)");
  const lag = o.kind === "time-lagged" ? o.maxLag : 0;
  check(Number.isInteger(lag) && lag >= 0, "maxLag", "maxLag must be an integer >= 0");
  const L = o.windowLength < 1 ? Math.max(3, Math.round(o.windowLength * T)) : Math.round(o.windowLength);
  check(L >= 3 && L + lag <= T, "windowLength", `window of ${L} points (+ lag ${lag}) does not fit in ${T} time points`);

  const times =
    o.kind === "uneven-sampling"
      ? (() => {
          // Geometric intervals from 1 to intervalRatio, total span T - 1 (same span as even sampling).
          const r = Math.pow(o.intervalRatio, 1 / Math.max(1, T - 2));
          const steps = Array.from({ length: T - 1 }, (_, k) => Math.pow(r, k));
          const total = steps.reduce((a, b) => a + b, 0);
          const t = [0];
          for (const s of steps) t.push(t.at(-1)! + (s * (T - 1)) / total);
          return t;
        })()
      : Array.from({ length: T }, (_, t) => t);

  const rng = createRng(o.seed);
  const assign = rng.fork("assign");
  const order = assign.shuffle(Array.from({ length: N }, (_, i) => i));
  const win = rng.fork("windows");
  const amp = rng.fork("amplitude");
  const signal = new Float64Array(N * T);
  const biclusters: PlantedBicluster[] = [];
  let next = 0;
  let prevFresh: number[] = [];
  let pairStart = 0;
  const pairStarts: number[] = [];
  for (let b = 0; b < B; b++) {
    const genes = b > 0 && shared > 0 ? assign.sample(prevFresh.length, Math.min(shared, prevFresh.length)).map((i) => prevFresh[i]!) : [];
    const fresh = order.slice(next, next + nPer - genes.length);
    next += fresh.length;
    genes.push(...fresh);
    prevFresh = fresh;
    const reversed = o.kind === "order-only" && b % 2 === 1;
    let start = reversed ? pairStart : win.int(T - L - lag + 1);
    if (o.kind === "order-only" && !reversed) {
      const apart = (x: number) => pairStarts.every((p) => Math.abs(x - p) >= Math.ceil(L / 2));
      for (let tries = 0; tries < 50 && !apart(start); tries++) start = win.int(T - L - lag + 1);
      pairStarts.push(start);
    }
    if (!reversed) pairStart = start;
    const conds = Array.from({ length: L + lag }, (_, k) => start + k);
    const shape = SHAPES[b % SHAPES.length]!;
    let name = shape.name;
    for (const g of genes) {
      const a = o.amplitude * (1 + o.amplitudeJitter * (2 * amp.next() - 1));
      let pts: number[];
      let at: number[];
      if (o.kind === "time-lagged") {
        const d = amp.int(lag + 1);
        at = Array.from({ length: L }, (_, k) => start + d + k);
        pts = normalise(at.map((_, k) => shape.f((k + 0.5) / L)));
        name = `${shape.name}+lag`;
      } else if (o.kind === "phase-shifted") {
        const phase = (2 * Math.PI * b) / Math.max(1, B) + o.maxPhase * (2 * amp.next() - 1);
        at = conds;
        pts = normalise(at.map((_, k) => Math.sin(3 * Math.PI * ((k + 0.5) / L) + phase)));
        name = "wave+phase";
      } else if (o.kind === "order-only") {
        at = conds;
        const fwd = at.map((_, k) => skewed((k + 0.5) / L));
        pts = normalise(reversed ? fwd.reverse() : fwd);
        name = reversed ? "skewed-reversed" : "skewed";
      } else {
        at = conds;
        const t0 = times[start]!;
        const t1 = times[start + L - 1]!;
        pts = normalise(at.map((t) => shape.f(t1 > t0 ? (times[t]! - t0) / (t1 - t0) : 0.5)));
        name = `${shape.name}@time`;
      }
      at.forEach((t, k) => (signal[g * T + t]! += a * pts[k]!));
    }
    biclusters.push({ genes: [...genes].sort((x, y) => x - y), conditions: conds, pattern: name });
  }
  const labels = new Array<number>(N).fill(-1);
  biclusters.forEach((bc, b) => {
    for (const g of bc.genes) if (labels[g] === -1) labels[g] = b;
  });

  const noise = rng.fork("noise");
  const gene = rng.fork("gene-scale");
  const values = new Float64Array(N * T);
  for (let g = 0; g < N; g++) {
    const scale = Math.exp(o.scaleSdLog * gene.normal());
    const offset = 8 + 2 * gene.normal();
    for (let t = 0; t < T; t++) values[g * T + t] = offset + scale * (signal[g * T + t]! + o.noiseSd * noise.normal());
  }
  if (o.missingFraction > 0) {
    const miss = rng.fork("missing");
    for (let p = 0; p < values.length; p++) if (miss.next() < o.missingFraction) values[p] = Number.NaN;
  }
  const width = String(N - 1).length;
  const geneIds = Array.from({ length: N }, (_, i) => `g${String(i).padStart(width, "0")}`);
  const conditions: Condition[] = times.map((t, k) => ({ id: `t${k}`, time: Math.round(t * 1000) / 1000 }));
  return {
    matrix: { genes: geneIds, conditions, values },
    truth: { biclusters, labels, geneIds, conditionIds: conditions.map((c) => c.id) },
  };
}
