// Harrington's (1965) one-sided desirability and the overall desirability of per-class F1s.
import { InputError } from "../errors.ts";

export interface DesirabilityCoefficients {
  b0: number;
  b1: number;
}

/** An anchor (y, d): the score y should get desirability d (0 < d < 1). */
export interface DesirabilityAnchor {
  y: number;
  d: number;
}

/** Default anchors: F1 0.5 is barely acceptable (d = 0.2), F1 0.95 is good (d = 0.8). */
export const DEFAULT_DESIRABILITY_ANCHORS: readonly [DesirabilityAnchor, DesirabilityAnchor] = [
  { y: 0.5, d: 0.2 },
  { y: 0.95, d: 0.8 },
];

/** d(y) = exp(-exp(-(b0 + b1 y))), increasing in y when b1 > 0. */
export function harringtonDesirability(y: number, { b0, b1 }: DesirabilityCoefficients): number {
  return Math.exp(-Math.exp(-(b0 + b1 * y)));
}

/**
 * Solves b0, b1 so that d passes through both anchors: -ln(-ln d) = b0 + b1 y is linear in y.
 * With the defaults (0.5 -> 0.2, 0.95 -> 0.8): b1 ≈ 4.3907, b0 ≈ -2.6712.
 */
export function fitDesirability(
  low: DesirabilityAnchor = DEFAULT_DESIRABILITY_ANCHORS[0],
  high: DesirabilityAnchor = DEFAULT_DESIRABILITY_ANCHORS[1],
): DesirabilityCoefficients {
  for (const a of [low, high]) {
    if (!(a.d > 0 && a.d < 1)) throw new InputError(`desirability anchor d must be in (0, 1), got ${a.d}`, { field: "anchors" });
  }
  if (low.y === high.y) throw new InputError("desirability anchors need two different y", { field: "anchors" });
  const z1 = -Math.log(-Math.log(low.d));
  const z2 = -Math.log(-Math.log(high.d));
  const b1 = (z2 - z1) / (high.y - low.y);
  return { b0: z1 - b1 * low.y, b1 };
}

export interface IntegratedF1Options {
  /** Coefficients; default fitted from `anchors`. */
  coefficients?: DesirabilityCoefficients;
  /** Two anchors used when `coefficients` is absent; default DEFAULT_DESIRABILITY_ANCHORS. */
  anchors?: readonly [DesirabilityAnchor, DesirabilityAnchor];
}

/**
 * Per-class desirabilities d_k = d(F1_k) and the overall desirability D = (prod d_k)^(1/K), the
 * geometric mean (one poor class pulls D down far more than an arithmetic mean would).
 */
export function integratedF1(
  perClassF1: readonly number[],
  options: IntegratedF1Options = {},
): { perClass: number[]; overall: number } {
  if (perClassF1.length === 0) throw new InputError("integratedF1 needs at least one class", { field: "perClassF1" });
  const coef = options.coefficients ?? fitDesirability(...(options.anchors ?? DEFAULT_DESIRABILITY_ANCHORS));
  const perClass = perClassF1.map((f) => harringtonDesirability(f, coef));
  let logSum = 0;
  for (const d of perClass) logSum += Math.log(d);
  return { perClass, overall: Math.exp(logSum / perClass.length) };
}
