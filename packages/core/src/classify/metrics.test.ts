import { describe, expect, it } from "vitest";
import { classificationMetrics, rocAuc, rocPoints } from "./metrics.ts";

describe("classification metrics", () => {
  it("computes accuracy, per-class precision/recall/F1 and the confusion matrix by hand", () => {
    // truth:     A A A B B C
    // predicted: A A B B C C
    const m = classificationMetrics(["A", "B", "C"], [0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2]);
    expect(m.accuracy).toBeCloseTo(4 / 6, 12);
    expect(m.confusion.matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    const [a, b, c] = m.perClass;
    expect(a).toMatchObject({ precision: 1, recall: 2 / 3, support: 3 });
    expect(a!.f1).toBeCloseTo(0.8, 12);
    expect(b!.precision).toBeCloseTo(0.5, 12);
    expect(b!.recall).toBeCloseTo(0.5, 12);
    expect(c!.precision).toBeCloseTo(0.5, 12);
    expect(c!.f1).toBeCloseTo(2 / 3, 12);
    expect(m.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
    expect(m.rocAuc).toBeNull();
  });

  it("integrated F1 is Harrington's geometric mean of per-class desirabilities (hand values)", () => {
    // F1 = 0.5 and 0.95 are the default anchors: d = 0.2 and 0.8, D = sqrt(0.2 * 0.8) = 0.4.
    // Perfect predictions: F1 = 1 -> d = exp(-exp(-(b0 + b1))) with b0 + b1 = 1.7195 -> 0.836.
    const perfect = classificationMetrics(["A", "B"], [0, 1, 0, 1], [0, 1, 0, 1]);
    const b1 = (-Math.log(-Math.log(0.8)) + Math.log(-Math.log(0.2))) / 0.45;
    const b0 = -Math.log(-Math.log(0.2)) - 0.5 * b1;
    expect(b0 + b1).toBeCloseTo(1.7195, 3);
    expect(perfect.integratedF1).toBeCloseTo(Math.exp(-Math.exp(-(b0 + b1))), 12);
    expect(perfect.integratedF1).toBeCloseTo(0.836, 3);
    // truth A A B B, predicted A B B B: F1_A = 2/3 (p 1, r 0.5), F1_B = 0.8 (p 2/3, r 1)
    const m = classificationMetrics(["A", "B"], [0, 0, 1, 1], [0, 1, 1, 1]);
    const d = (f: number) => Math.exp(-Math.exp(-(b0 + b1 * f)));
    expect(m.perClass[0]!.desirability).toBeCloseTo(d(2 / 3), 12);
    expect(m.integratedF1).toBeCloseTo(Math.sqrt(d(2 / 3) * d(0.8)), 12);
  });

  it("ROC AUC counts correctly ordered positive-negative pairs, ties as half", () => {
    // positives 0.9, 0.4; negatives 0.8, 0.3: pairs (0.9>0.8) (0.9>0.3) (0.4<0.8) (0.4>0.3) -> 3/4
    expect(rocAuc([0.9, 0.8, 0.4, 0.3], [true, false, true, false])).toBeCloseTo(0.75, 12);
    expect(rocAuc([0.5, 0.5], [true, false])).toBeCloseTo(0.5, 12);
    expect(rocAuc([0.5, 0.5], [true, true])).toBeNull();
    expect(rocPoints([0.9, 0.8, 0.4, 0.3], [true, false, true, false])).toEqual([
      { fpr: 0, tpr: 0 },
      { fpr: 0, tpr: 0.5 },
      { fpr: 0.5, tpr: 0.5 },
      { fpr: 0.5, tpr: 1 },
      { fpr: 1, tpr: 1 },
    ]);
  });

  it("macro one-vs-rest AUC over three classes", () => {
    const proba = [0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.1, 0.2, 0.7, 0.6, 0.3, 0.1];
    const m = classificationMetrics(["A", "B", "C"], [0, 1, 2, 1], [0, 1, 2, 0], proba);
    // A: scores 0.8 (pos), 0.2, 0.1, 0.6 -> 1; B: pos 0.7, 0.3 vs 0.1, 0.2 -> 1; C: pos 0.7 vs 0.1 0.1 0.1 -> 1
    expect(m.roc.map((r) => r.auc)).toEqual([1, 1, 1]);
    expect(m.rocAuc).toBe(1);
  });
});
