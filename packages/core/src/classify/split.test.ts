import { describe, expect, it } from "vitest";
import { createRng } from "../random.ts";
import { stratifiedHoldout, stratifiedKFold } from "./split.ts";

const y = Int32Array.from({ length: 50 }, (_, i) => (i < 30 ? 0 : i < 45 ? 1 : 2));

describe("stratified splits", () => {
  it("keeps class proportions in a 70/30 hold-out, deterministically", () => {
    const a = stratifiedHoldout(y, 0.3, createRng(1));
    const count = (idx: number[], c: number) => idx.filter((i) => y[i] === c).length;
    expect([count(a.test, 0), count(a.test, 1), count(a.test, 2)]).toEqual([9, 5, 2]);
    expect(a.train.length + a.test.length).toBe(50);
    expect(new Set([...a.train, ...a.test]).size).toBe(50);
    expect(stratifiedHoldout(y, 0.3, createRng(1))).toEqual(a);
    expect(stratifiedHoldout(y, 0.3, createRng(2))).not.toEqual(a);
  });

  it("k folds partition the samples with every class in every fold", () => {
    const folds = stratifiedKFold(y, 5, createRng(3));
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(Array.from({ length: 50 }, (_, i) => i));
    for (const f of folds) {
      expect(f.test.filter((i) => y[i] === 0).length).toBe(6);
      expect(f.test.filter((i) => y[i] === 1).length).toBe(3);
      expect(f.train.length + f.test.length).toBe(50);
    }
  });
});
