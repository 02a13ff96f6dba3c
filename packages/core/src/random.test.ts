import { describe, expect, it } from "vitest";
import { createRng } from "./random.ts";

describe("createRng", () => {
  it("repeats under the same seed and differs under another", () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = [a.next(), a.next(), a.normal()];
    expect([b.next(), b.next(), b.normal()]).toEqual(xs);
    expect(c.next()).not.toBe(xs[0]);
  });

  it("samples distinct indices in range", () => {
    const s = createRng(1).sample(10, 10);
    expect([...s].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("forks independent streams deterministically", () => {
    expect(createRng(3).fork("lstm").next()).toBe(createRng(3).fork("lstm").next());
    expect(createRng(3).fork("lstm").next()).not.toBe(createRng(3).fork("svm").next());
  });

  it("gives normals with mean ~0 and sd ~1", () => {
    const r = createRng(42);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
    }
    expect(s / n).toBeCloseTo(0, 1);
    expect(Math.sqrt(s2 / n)).toBeCloseTo(1, 1);
  });
});
