// The one source of randomness in core: every stochastic step takes an Rng derived from the
// run's `seed`, so the same input and seed give the same result (Math.random is banned by lint).
import seedrandom from "seedrandom";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Fisher-Yates shuffle in place; returns the array. */
  shuffle<T>(items: T[]): T[];
  /** k distinct indices from [0, n), in random order. */
  sample(n: number, k: number): number[];
  /** A 32-bit integer seed for libraries that take their own seed (tfjs, ml-kmeans). */
  seed32(): number;
  /** An independent child generator, e.g. one per stage, so stages do not shift each other. */
  fork(label: string): Rng;
}

export function createRng(seed: number | string): Rng {
  const base = String(seed);
  const prng = seedrandom(base);
  let spare: number | undefined;
  const rng: Rng = {
    next: () => prng.quick(),
    int: (n) => Math.floor(prng.quick() * n),
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u = 0;
      while (u === 0) u = prng.quick();
      const v = prng.quick();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    shuffle(items) {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(prng.quick() * (i + 1));
        const t = items[i]!;
        items[i] = items[j]!;
        items[j] = t;
      }
      return items;
    },
    sample(n, k) {
      if (k > n) throw new RangeError(`cannot sample ${k} of ${n}`);
      const idx = Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor(prng.quick() * (n - i));
        const t = idx[i]!;
        idx[i] = idx[j]!;
        idx[j] = t;
      }
      return idx.slice(0, k);
    },
    seed32: () => prng.int32() >>> 0,
    fork: (label) => createRng(`${base}/${label}`),
  };
  return rng;
}
