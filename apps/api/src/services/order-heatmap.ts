// Pure helpers behind the heatmap query: the most variable genes, row z-scores and a clustered
// order (average-linkage hierarchical clustering, UPGMA, on 1 - Pearson correlation; the leaf order
// of the dendrogram is the display order). NaN means a missing value and is skipped everywhere.

/** Variance of the finite values of `row` (0 when fewer than two). */
export function variance(row: ArrayLike<number>): number {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i] as number;
    if (!Number.isFinite(x)) continue;
    n++;
    const d = x - mean;
    mean += d / n;
    m2 += d * (x - mean);
  }
  return n < 2 ? 0 : m2 / (n - 1);
}

/** The row z-scored over its finite values (missing stay NaN; a constant row becomes 0s). */
export function zscore(row: ArrayLike<number>): Float64Array {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i] as number;
    if (Number.isFinite(x)) {
      n++;
      sum += x;
    }
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let i = 0; i < row.length; i++) {
    const x = row[i] as number;
    if (Number.isFinite(x)) ss += (x - mean) ** 2;
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const out = new Float64Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const x = row[i] as number;
    out[i] = Number.isFinite(x) ? (sd > 0 ? (x - mean) / sd : 0) : NaN;
  }
  return out;
}

/** 1 - Pearson correlation over pairwise-finite positions (1 when undefined). In [0, 2]. */
export function correlationDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
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
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      cov += (x - ma) * (y - mb);
      va += (x - ma) ** 2;
      vb += (y - mb) ** 2;
    }
  }
  if (va === 0 || vb === 0) return 1;
  return 1 - cov / Math.sqrt(va * vb);
}

/**
 * Leaf order of an average-linkage (UPGMA) dendrogram of `items` under correlation distance.
 * O(n^3) time, O(n^2) memory: meant for at most a few hundred items. Ties break by lower index,
 * so the order is deterministic.
 */
export function clusterOrder(items: ArrayLike<number>[]): number[] {
  const n = items.length;
  if (n <= 2) return items.map((_, i) => i);
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = correlationDistance(items[i] as ArrayLike<number>, items[j] as ArrayLike<number>);
      d[i * n + j] = v;
      d[j * n + i] = v;
    }
  }
  const active = new Set<number>(items.map((_, i) => i));
  const size = new Array<number>(n).fill(1);
  const order: number[][] = items.map((_, i) => [i]);
  while (active.size > 1) {
    let best = Infinity;
    let bi = -1;
    let bj = -1;
    const ids = [...active];
    for (let x = 0; x < ids.length; x++) {
      const i = ids[x] as number;
      for (let y = x + 1; y < ids.length; y++) {
        const j = ids[y] as number;
        const v = d[i * n + j] as number;
        if (v < best) {
          best = v;
          bi = i;
          bj = j;
        }
      }
    }
    const si = size[bi] as number;
    const sj = size[bj] as number;
    for (const k of active) {
      if (k === bi || k === bj) continue;
      const v = (si * (d[bi * n + k] as number) + sj * (d[bj * n + k] as number)) / (si + sj);
      d[bi * n + k] = v;
      d[k * n + bi] = v;
    }
    size[bi] = si + sj;
    order[bi] = [...(order[bi] as number[]), ...(order[bj] as number[])];
    active.delete(bj);
  }
  return order[[...active][0] as number] as number[];
}

/** Keeps the `k` entries with the largest score (stable for ties: earlier index wins). */
export class TopK<T> {
  private readonly items: { score: number; index: number; value: T }[] = [];
  constructor(private readonly k: number) {}

  offer(score: number, index: number, value: T): void {
    if (this.k <= 0) return;
    if (this.items.length === this.k) {
      const last = this.items[this.items.length - 1];
      if (last && score <= last.score) return;
    }
    let pos = this.items.length;
    while (pos > 0 && (this.items[pos - 1] as { score: number }).score < score) pos--;
    this.items.splice(pos, 0, { score, index, value });
    if (this.items.length > this.k) this.items.pop();
  }

  result(): { score: number; index: number; value: T }[] {
    return [...this.items];
  }
}
