// Multiple-testing correction shared by every test in core (bicluster significance, enrichment, DE).
// Benjamini-Hochberg q-values, computed as R's p.adjust(p, "BH"): sort p decreasing (stable, so
// ties keep their order), q_(i) = min over j >= i of n p_(j) / j, capped at 1. Tied p-values get
// the same q (the one of the tie's highest rank). Non-finite p-values are skipped (as R's NA):
// they get NaN and do not count in n.

/** BH-adjusted p-values, aligned with `pValues`. */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  const out = new Float64Array(pValues.length).fill(Number.NaN);
  const idx: number[] = [];
  for (let i = 0; i < pValues.length; i++) if (Number.isFinite(pValues[i]!)) idx.push(i);
  const n = idx.length;
  // Stable sort by decreasing p (Array.prototype.sort is stable).
  idx.sort((a, b) => pValues[b]! - pValues[a]!);
  let running = Number.POSITIVE_INFINITY;
  for (let r = 0; r < n; r++) {
    const i = idx[r]!;
    const rank = n - r;
    const v = (n / rank) * pValues[i]!;
    if (v < running) running = v;
    out[i] = Math.min(1, running);
  }
  return out;
}
