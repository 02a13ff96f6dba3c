// Prelic-style planted biclusters on unordered samples: constant, additive (shift) and
// multiplicative (scale) biclusters in a Gaussian background, rows and columns shuffled.
//
// Model (Prelic et al. 2006 style, documented here because the literature varies): every cell
// outside all biclusters is background N(0, backgroundSd^2); a cell inside one or more biclusters
// is the SUM of their effects plus N(0, noiseSd^2) noise (so overlapping cells add up, as in
// the plaid model), with, for bicluster b on genes I x conditions J:
//   constant        mu_b
//   additive        mu_b + alpha_i + beta_j          alpha, beta ~ N(0, amplitude^2)
//   multiplicative  mu_b * alpha_i * beta_j          alpha, beta ~ U(0.5, 1.5)
// mu_b = amplitude * U(1, 2) with a random sign. Genes and conditions are taken as consecutive
// blocks (bicluster b sharing `overlap` of its genes and `conditionOverlap` of its conditions with
// bicluster b - 1), then rows and columns are shuffled and the truth is mapped to the new order.
import type { Condition, ExpressionMatrix } from "../types.ts";
import { InputError } from "../errors.ts";
import { createRng } from "../random.ts";
import type { GroundTruth, PlantedBicluster } from "./generate.ts";

export const PRELIC_KINDS = ["constant", "additive", "multiplicative"] as const;
export type PrelicKind = (typeof PRELIC_KINDS)[number];

export interface PrelicOptions {
  /** constant, additive (shift) or multiplicative (scale). Default "constant". */
  kind?: PrelicKind;
  /** Rows. Default 1000. */
  genes?: number;
  /** Columns (samples "s0".."s{n-1}", no time). Default 50. */
  conditions?: number;
  /** Planted biclusters. Default 10. */
  biclusters?: number;
  /** Genes per bicluster. Default 100. */
  genesPerBicluster?: number;
  /** Conditions per bicluster. Default 5. */
  conditionsPerBicluster?: number;
  /** Noise sd on every bicluster cell. Default 0.1. */
  noiseSd?: number;
  /** Sd of the background cells. Default 1. */
  backgroundSd?: number;
  /** Scale of the bicluster effects (see the model). Default 1. */
  amplitude?: number;
  /** Fraction of each bicluster's genes shared with the previous one. Default 0. */
  overlap?: number;
  /** Fraction of each bicluster's conditions shared with the previous one. Default 0. */
  conditionOverlap?: number;
  /** Fraction of cells set to NaN. Default 0. */
  missingFraction?: number;
  /** Shuffle rows and columns (truth mapped). Default true. */
  shuffle?: boolean;
  /** Seed of all randomness. Default 1. */
  seed?: number | string;
}

const DEFAULTS = {
  kind: "constant" as PrelicKind,
  genes: 1000,
  conditions: 50,
  biclusters: 10,
  genesPerBicluster: 100,
  conditionsPerBicluster: 5,
  noiseSd: 0.1,
  backgroundSd: 1,
  amplitude: 1,
  overlap: 0,
  conditionOverlap: 0,
  missingFraction: 0,
  shuffle: true,
  seed: 1 as number | string,
};

function check(ok: boolean, field: string, message: string): void {
  if (!ok) throw new InputError(message, { field });
}

/** Consecutive blocks of `per` items out of `total`, each sharing `shared` with the previous block. */
function blocks(B: number, per: number, shared: number, total: number, field: string): number[][] {
  const needed = B === 0 ? 0 : per + (B - 1) * (per - shared);
  check(needed <= total, field, `${B} biclusters of ${per} (sharing ${shared}) need ${needed}, only ${total}`);
  const out: number[][] = [];
  let start = 0;
  for (let b = 0; b < B; b++) {
    out.push(Array.from({ length: per }, (_, k) => start + k));
    start += per - shared;
  }
  return out;
}

export function generatePrelic(options: PrelicOptions = {}): { matrix: ExpressionMatrix; truth: GroundTruth } {
  const o = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  check((PRELIC_KINDS as readonly string[]).includes(o.kind), "kind", `kind must be one of ${PRELIC_KINDS.join(", ")}`);
  for (const [k, v, min] of [["genes", o.genes, 1], ["conditions", o.conditions, 2], ["biclusters", o.biclusters, 0], ["genesPerBicluster", o.genesPerBicluster, 2], ["conditionsPerBicluster", o.conditionsPerBicluster, 1]] as const) {
    check(Number.isInteger(v) && v >= min, k, `${k} must be an integer >= ${min}`);
  }
  for (const [k, v] of [["noiseSd", o.noiseSd], ["backgroundSd", o.backgroundSd], ["amplitude", o.amplitude]] as const) {
    check(Number.isFinite(v) && v >= 0, k, `${k} must be a finite number >= 0`);
  }
  for (const [k, v] of [["overlap", o.overlap], ["conditionOverlap", o.conditionOverlap], ["missingFraction", o.missingFraction]] as const) {
    check(v >= 0 && v < 1, k, `${k} must be in [0, 1)`);
  }
  const N = o.genes;
  const C = o.conditions;
  const B = o.biclusters;
  const rng = createRng(o.seed);
  const geneBlocks = blocks(B, o.genesPerBicluster, Math.round(o.overlap * o.genesPerBicluster), N, "genesPerBicluster");
  const condBlocks = blocks(B, o.conditionsPerBicluster, Math.round(o.conditionOverlap * o.conditionsPerBicluster), C, "conditionsPerBicluster");

  const bg = rng.fork("background");
  const values = new Float64Array(N * C);
  const inside = new Uint8Array(N * C);
  const effects = rng.fork("effects");
  for (let b = 0; b < B; b++) {
    const rows = geneBlocks[b]!;
    const cols = condBlocks[b]!;
    const mu = o.amplitude * (1 + effects.next()) * (effects.next() < 0.5 ? -1 : 1);
    const alpha = rows.map(() => (o.kind === "additive" ? o.amplitude * effects.normal() : 0.5 + effects.next()));
    const beta = cols.map(() => (o.kind === "additive" ? o.amplitude * effects.normal() : 0.5 + effects.next()));
    rows.forEach((i, a) => {
      cols.forEach((j, c) => {
        const e = o.kind === "constant" ? mu : o.kind === "additive" ? mu + alpha[a]! + beta[c]! : mu * alpha[a]! * beta[c]!;
        values[i * C + j]! += e;
        inside[i * C + j] = 1;
      });
    });
  }
  const noise = rng.fork("noise");
  for (let p = 0; p < values.length; p++) {
    values[p]! += inside[p] ? o.noiseSd * noise.normal() : o.backgroundSd * bg.normal();
  }
  if (o.missingFraction > 0) {
    const miss = rng.fork("missing");
    for (let p = 0; p < values.length; p++) if (miss.next() < o.missingFraction) values[p] = Number.NaN;
  }

  // Shuffle: output row r is generated row rowOrder[r] (same for columns).
  const order = rng.fork("shuffle");
  const rowOrder = o.shuffle ? order.shuffle(Array.from({ length: N }, (_, i) => i)) : Array.from({ length: N }, (_, i) => i);
  const colOrder = o.shuffle ? order.shuffle(Array.from({ length: C }, (_, j) => j)) : Array.from({ length: C }, (_, j) => j);
  const rowPos = new Int32Array(N);
  rowOrder.forEach((g, r) => (rowPos[g] = r));
  const colPos = new Int32Array(C);
  colOrder.forEach((j, c) => (colPos[j] = c));
  const out = new Float64Array(N * C);
  for (let r = 0; r < N; r++) for (let c = 0; c < C; c++) out[r * C + c] = values[rowOrder[r]! * C + colOrder[c]!]!;

  const biclusters: PlantedBicluster[] = geneBlocks.map((rows, b) => ({
    genes: rows.map((g) => rowPos[g]!).sort((x, y) => x - y),
    conditions: condBlocks[b]!.map((j) => colPos[j]!).sort((x, y) => x - y),
    pattern: o.kind,
  }));
  const labels = new Array<number>(N).fill(-1);
  biclusters.forEach((bc, b) => {
    for (const g of bc.genes) if (labels[g] === -1) labels[g] = b;
  });
  const width = String(N - 1).length;
  const genes = Array.from({ length: N }, (_, i) => `g${String(i).padStart(width, "0")}`);
  const conditions: Condition[] = Array.from({ length: C }, (_, j) => ({ id: `s${j}` }));
  return {
    matrix: { genes, conditions, values: out },
    truth: { biclusters, labels, geneIds: genes, conditionIds: conditions.map((c) => c.id) },
  };
}
