// Streaming selection of the k best-scoring entries (e.g. the most variable genes of a dataset
// read in batches), without keeping the rest.

/** Keeps the `k` entries with the largest score (stable for ties: the earlier offer wins). */
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
    while (pos > 0 && this.items[pos - 1]!.score < score) pos--;
    this.items.splice(pos, 0, { score, index, value });
    if (this.items.length > this.k) this.items.pop();
  }

  result(): { score: number; index: number; value: T }[] {
    return [...this.items];
  }
}
