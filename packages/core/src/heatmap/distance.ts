// Correlation distance between two profiles with missing values (NaN).

/** 1 - Pearson correlation over the positions where both are finite; 1 when undefined. In [0, 2]. */
export function correlationDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  const len = Math.min(a.length, b.length);
  for (let i = 0; i < len; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      n++;
      sa += x;
      sb += y;
    }
  }
  if (n < 2) return 1;
  const ma = sa / n;
  const mb = sb / n;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < len; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      cov += (x - ma) * (y - mb);
      va += (x - ma) * (x - ma);
      vb += (y - mb) * (y - mb);
    }
  }
  if (va === 0 || vb === 0) return 1;
  const d = 1 - cov / Math.sqrt(va * vb);
  return d < 0 ? 0 : d > 2 ? 2 : d;
}
