// Special functions for the moderated t-test: digamma, trigamma, Student's t tails (stdlib ports
// of Cephes/Boost), and the two limma needs that stdlib lacks: tetragamma (psi'') and the inverse
// of the trigamma function (limma's Newton iteration, Smyth 2004 appendix).
import digammaFn from "@stdlib/math-base-special-digamma";
import trigammaFn from "@stdlib/math-base-special-trigamma";
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

export const digamma = (x: number): number => digammaFn(x);
export const trigamma = (x: number): number => trigammaFn(x);

/**
 * psi''(x) for x > 0: the recurrence psi''(x) = psi''(x + 1) - 2 / x^3 moves x above 10, where
 * the asymptotic series -1/x^2 - 1/x^3 - 1/(2x^4) + 1/(6x^6) - 1/(6x^8) + 3/(10x^10) - 5/(6x^12)
 * is accurate to ~1e-14 relative.
 */
export function tetragamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let acc = 0;
  while (x < 10) {
    acc -= 2 / (x * x * x);
    x += 1;
  }
  const x2 = 1 / (x * x);
  const series = -x2 * (1 + 1 / x + x2 * (0.5 - x2 * (1 / 6 - x2 * (1 / 6 - x2 * (3 / 10 - x2 * (5 / 6))))));
  return acc + series;
}

/** y with trigamma(y) = x (limma's trigammaInverse: Newton on 1/trigamma from y0 = 0.5 + 1/x). */
export function trigammaInverse(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x < 0) return Number.NaN;
  if (x > 1e7) return 1 / Math.sqrt(x);
  if (x < 1e-6) return 1 / x;
  let y = 0.5 + 1 / x;
  for (let iter = 0; iter < 50; iter++) {
    const tri = trigamma(y);
    const dif = (tri * (1 - tri / x)) / tetragamma(y);
    y += dif;
    if (-dif / y < 1e-8) break;
  }
  return y;
}

/** P(T > t) for Student's t with df degrees of freedom (finite: limma caps df.total at the pooled df). */
export function tUpperTail(t: number, df: number): number {
  // Symmetry keeps precision in the far tail, where 1 - cdf(t) would round to 0.
  return tCdf(-t, df);
}

/** t with P(T > t) = p. */
export function tUpperQuantile(p: number, df: number): number {
  return -tQuantile(p, df);
}
