// Planted temporal patterns. Every pattern is evaluated on the L conditions of its bicluster,
// then pushed away from zero, centred and scaled to unit RMS, so that:
//  - every planted condition carries signal (no zero crossing sits on a condition, |v| >= ~0.4),
//  - the pattern has zero mean over its conditions, so after per-gene z-scoring the gene's
//    baseline outside the bicluster stays at ~0, like a background gene (differs only by noise),
//  - `amplitude` means the same signal energy for every pattern.

export const PATTERNS = ["phase-shift", "rising", "pulse", "step"] as const;
export type PatternName = (typeof PATTERNS)[number];

/** Fraction of the peak kept as a floor on |value| before centring. */
const FLOOR = 0.5;

function raw(pattern: PatternName, length: number, index: number, count: number): number[] {
  const L = length;
  const out: number[] = [];
  for (let k = 0; k < L; k++) {
    const x = (k + 0.5) / L; // in (0, 1)
    switch (pattern) {
      case "phase-shift": {
        // One full cycle over the conditions; the phase differs per bicluster.
        const phase = (2 * Math.PI * index) / Math.max(1, count) + Math.PI / 4;
        out.push(Math.sin(2 * Math.PI * x + phase));
        break;
      }
      case "rising":
        out.push(x - 0.5);
        break;
      case "pulse": {
        // A peak in the middle with lower flanks (centred below).
        const z = (x - 0.5) / 0.18;
        out.push(Math.exp(-0.5 * z * z) - 0.45);
        break;
      }
      case "step":
        out.push(x < 0.5 ? -1 : 1);
        break;
    }
  }
  return out;
}

/**
 * Values of `pattern` on `length` planted conditions (in time order), zero mean, unit RMS.
 * `index`/`count` give the bicluster's position among `count` planted biclusters (phase).
 */
export function patternValues(pattern: PatternName, length: number, index = 0, count = 1): number[] {
  const s = raw(pattern, length, index, count);
  const peak = Math.max(...s.map(Math.abs)) || 1;
  const pushed = s.map((v) => (v >= 0 ? 1 : -1) * (FLOOR + (1 - FLOOR) * (Math.abs(v) / peak)));
  const mean = pushed.reduce((a, b) => a + b, 0) / length;
  const centred = pushed.map((v) => v - mean);
  const rms = Math.sqrt(centred.reduce((a, b) => a + b * b, 0) / length) || 1;
  return centred.map((v) => v / rms);
}
