// Scores of a classifier's predictions: accuracy, per-class precision/recall/F1, the integrated
// F1 (Harrington's overall desirability of the per-class F1s), one-vs-rest ROC curves and their
// macro AUC, and the confusion matrix.
import { InputError } from "../errors.ts";
import { integratedF1 } from "../metrics/desirability.ts";

export interface PerClassScore {
  class: string;
  precision: number;
  recall: number;
  f1: number;
  /** Harrington desirability of this class's F1 (null for a class with no true sample here). */
  desirability: number | null;
  /** True samples of the class. */
  support: number;
}

export interface RocCurve {
  class: string;
  /** Null when the class has no positive or no negative sample. */
  auc: number | null;
  /** (false positive rate, true positive rate) at every distinct score threshold, from (0, 0) to (1, 1). */
  points: { fpr: number; tpr: number }[];
}

export interface ClassificationMetrics {
  accuracy: number;
  /** Unweighted mean of the per-class F1s. */
  macroF1: number;
  integratedF1: number;
  /** Macro mean of the one-vs-rest AUCs that are defined (null when none is). */
  rocAuc: number | null;
  perClass: PerClassScore[];
  /** matrix[i][j] = samples of true class i predicted as class j. */
  confusion: { classes: string[]; matrix: number[][] };
  roc: RocCurve[];
  samples: number;
}

/** AUC = P(score of a positive > score of a negative) + 0.5 P(tie) (Mann-Whitney, average ranks). */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const rank = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) rank[order[k]!] = (i + j) / 2 + 1;
    i = j + 1;
  }
  let nPos = 0;
  let rankSum = 0;
  for (let i = 0; i < n; i++) {
    if (positive[i]) {
      nPos++;
      rankSum += rank[i]!;
    }
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return null;
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** ROC points at every distinct threshold (ties move diagonally). */
export function rocPoints(scores: ArrayLike<number>, positive: ArrayLike<boolean>): { fpr: number; tpr: number }[] {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let nPos = 0;
  for (let i = 0; i < n; i++) if (positive[i]) nPos++;
  const nNeg = n - nPos;
  const points = [{ fpr: 0, tpr: 0 }];
  if (nPos === 0 || nNeg === 0) return points;
  let tp = 0;
  let fp = 0;
  for (let a = 0; a < n; ) {
    let b = a;
    while (b < n && scores[order[b]!] === scores[order[a]!]) {
      if (positive[order[b]!]) tp++;
      else fp++;
      b++;
    }
    points.push({ fpr: fp / nNeg, tpr: tp / nPos });
    a = b;
  }
  return points;
}

/**
 * Metrics of predictions. `truth` and `predicted` are class indices into `classes`; `probabilities`
 * (n x K row-major, optional) are the scores for ROC.
 */
export function classificationMetrics(
  classes: readonly string[],
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  probabilities?: ArrayLike<number>,
): ClassificationMetrics {
  const n = truth.length;
  const K = classes.length;
  if (predicted.length !== n) throw new InputError(`${predicted.length} predictions for ${n} samples`, { field: "predicted" });
  if (n === 0) throw new InputError("no samples to score", { field: "truth" });
  const confusion = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  let correct = 0;
  for (let i = 0; i < n; i++) {
    confusion[truth[i]!]![predicted[i]!]!++;
    if (truth[i] === predicted[i]) correct++;
  }
  const base = classes.map((c, k) => {
    const tp = confusion[k]![k]!;
    const support = confusion[k]!.reduce((a, b) => a + b, 0);
    let predictedK = 0;
    for (let i = 0; i < K; i++) predictedK += confusion[i]![k]!;
    // zero_division = 0, as scikit-learn's default: a class never predicted has precision 0.
    const precision = predictedK > 0 ? tp / predictedK : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { class: c, precision, recall, f1, support };
  });
  // Classes absent from the truth (possible in a small test part) have no F1 to integrate.
  const scored = base.filter((b) => b.support > 0);
  const desir = integratedF1(scored.map((b) => b.f1));
  const dOf = new Map(scored.map((b, i) => [b.class, desir.perClass[i]!]));
  const perClass = base.map((b) => ({ ...b, desirability: dOf.get(b.class) ?? null }));
  const roc: RocCurve[] = [];
  if (probabilities) {
    if (probabilities.length !== n * K) throw new InputError(`probabilities must be ${n} x ${K}`, { field: "probabilities" });
    for (let k = 0; k < K; k++) {
      const s = Float64Array.from({ length: n }, (_, i) => probabilities[i * K + k]!);
      const pos = Array.from({ length: n }, (_, i) => truth[i] === k);
      roc.push({ class: classes[k]!, auc: rocAuc(s, pos), points: rocPoints(s, pos) });
    }
  }
  const aucs = roc.map((r) => r.auc).filter((a): a is number => a !== null);
  return {
    accuracy: correct / n,
    macroF1: scored.reduce((a, b) => a + b.f1, 0) / scored.length,
    integratedF1: desir.overall,
    rocAuc: aucs.length ? aucs.reduce((a, b) => a + b, 0) / aucs.length : null,
    perClass,
    confusion: { classes: [...classes], matrix: confusion },
    roc,
    samples: n,
  };
}

/** Index of the largest probability per row (first on ties). */
export function argmaxRows(probabilities: ArrayLike<number>, n: number, K: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (probabilities[i * K + k]! > probabilities[i * K + best]!) best = k;
    out[i] = best;
  }
  return out;
}
