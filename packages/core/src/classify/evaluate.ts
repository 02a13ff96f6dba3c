// The evaluation protocol shared by every classifier: labelled samples only; a seeded stratified
// hold-out split (default 70/30) or stratified k-fold cross-validation; per split, the feature
// pipeline and the model are fitted on the training samples only and the test samples are
// predicted; metrics are computed on the pooled test predictions. Optionally, the robustness test:
// Gaussian noise of 5, 10, 15 and 20% of each gene's (training) sd added to the test samples,
// repeated with different draws, scores' mean and variance reported.
import type { RunContext } from "../analysis/context.ts";
import { InputError } from "../errors.ts";
import type { ExpressionMatrix } from "../types.ts";
import { classBalance, type ClassCount } from "./labels.ts";
import { argmaxRows, classificationMetrics, type ClassificationMetrics } from "./metrics.ts";
import { FeaturePipeline, sampleRows, type FeatureSet } from "./features.ts";
import type { Classifier, TrainingSet } from "./model.ts";
import { stratifiedHoldout, stratifiedKFold } from "./split.ts";

/** The published noise levels of the robustness test (fractions of each gene's sd). */
export const NOISE_LEVELS = [0.05, 0.1, 0.15, 0.2] as const;

export interface EvaluationOptions {
  scheme: "holdout" | "cv";
  /** Share of the labelled samples in the test part (holdout). */
  testFraction: number;
  /** Folds of the cross-validation (cv). */
  folds: number;
  features: FeatureSet;
  /** RNA-seq counts: CPM + log2 per sample, unexpressed genes dropped (fitted on training samples). */
  counts: boolean;
  /** z-score features with training means and sds. */
  scale: boolean;
  /** Draws per noise level in the robustness test; 0 skips the test. */
  noiseRepeats: number;
}

/** What a method supplies: how to train its model on one split's training rows. */
export interface ModelTrainer {
  /** Trains on the training rows; `split` numbers the split (for checkpoints and stage messages). */
  train(set: TrainingSet, split: number, ctx: RunContext, onProgress: (fraction: number, message?: string) => void): Promise<{ model: Classifier; report: Record<string, unknown> }>;
  /** Stage ids of the method used by the protocol. */
  stages: { prepare: string; train: string; evaluate: string; robustness?: string };
}

export interface SplitCheckpoint {
  test: number[];
  proba: number[];
  genes: number[];
  report: Record<string, unknown>;
  /** noise[level][repeat] = n_test x K probabilities. */
  noise: number[][][];
}

interface Summary {
  mean: number;
  variance: number;
}

export interface RobustnessLevel {
  level: number;
  repeats: number;
  accuracy: Summary;
  integratedF1: Summary;
  rocAuc: Summary | null;
}

export interface EvaluationResult {
  classes: string[];
  classBalance: ClassCount[];
  sampleIds: string[];
  labelled: number;
  unlabelled: number;
  metrics: ClassificationMetrics;
  /** Accuracy of each split's own test part. */
  splitAccuracy: number[];
  splits: { train: number; test: number; features: number }[];
  /** Gene ids used by the first split's model (all splits are listed by count in `splits`). */
  genes: string[];
  predictions: { sample: string; truth: string; predicted: string; probabilities: number[]; split: number }[];
  robustness: RobustnessLevel[] | null;
  reports: Record<string, unknown>[];
  trainingSeconds: number;
}

function summary(xs: number[]): Summary {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.length > 1 ? xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1) : 0;
  return { mean, variance };
}

export function validateLabels(matrix: ExpressionMatrix, labels: readonly (string | null)[]): void {
  if (labels.length !== matrix.conditions.length) {
    throw new InputError(`${labels.length} labels for ${matrix.conditions.length} samples`, { field: "labels" });
  }
}

export async function evaluateClassifier(
  matrix: ExpressionMatrix,
  labels: readonly (string | null)[],
  panel: readonly string[] | undefined,
  options: EvaluationOptions,
  trainer: ModelTrainer,
  ctx: RunContext,
): Promise<EvaluationResult> {
  validateLabels(matrix, labels);
  ctx.enter(trainer.stages.prepare);
  const labelledIdx = labels.flatMap((l, j) => (l === null ? [] : [j]));
  const balance = classBalance(labels);
  const classes = balance.map((b) => b.class);
  if (classes.length < 2) throw new InputError(`need at least two classes among the labelled samples, got ${classes.join(", ") || "none"}`, { field: "labels" });
  const small = balance.filter((b) => b.count < 2);
  if (small.length > 0) throw new InputError(`every class needs at least 2 samples; ${small.map((s) => `${s.class} has ${s.count}`).join(", ")}`, { field: "labels" });
  const classIndex = new Map(classes.map((c, k) => [c, k]));
  const y = Int32Array.from(labelledIdx, (j) => classIndex.get(labels[j]!)!);
  const data = sampleRows(matrix, labelledIdx, options.counts);
  const features: FeatureSet = panel && panel.length > 0 ? { mode: "panel", genes: [...panel] } : options.features;
  const splitRng = ctx.rng.fork("splits");
  const splits =
    options.scheme === "holdout"
      ? [stratifiedHoldout(y, options.testFraction, splitRng)]
      : (() => {
          const minClass = Math.min(...balance.map((b) => b.count));
          if (options.folds > minClass) ctx.warn(`${options.folds} folds but the smallest class has ${minClass} samples: some folds lack it`);
          return stratifiedKFold(y, options.folds, splitRng);
        })();
  const K = classes.length;
  const n = labelledIdx.length;
  const proba = new Float64Array(n * K);
  const splitOf = new Int32Array(n).fill(-1);
  const noiseProba = NOISE_LEVELS.map(() => Array.from({ length: options.noiseRepeats }, () => new Float64Array(n * K)));
  const splitAccuracy: number[] = [];
  const splitInfo: EvaluationResult["splits"] = [];
  const reports: Record<string, unknown>[] = [];
  let genes: string[] = [];
  let trainingSeconds = 0;
  ctx.enter(trainer.stages.train);
  for (let s = 0; s < splits.length; s++) {
    const { train, test } = splits[s]!;
    const saved = ctx.checkpoints.get(`split-${s}`) as SplitCheckpoint | undefined;
    let cp: SplitCheckpoint;
    if (saved && saved.test.length === test.length && saved.noise.length === (options.noiseRepeats > 0 ? NOISE_LEVELS.length : 0)) {
      cp = saved;
      ctx.resumed(trainer.stages.train);
    } else {
      const pipeline = new FeaturePipeline({ features, counts: options.counts, scale: options.scale }).fit(data, y, train);
      const state = pipeline.fitted;
      const set: TrainingSet = { x: pipeline.transform(data, train), n: train.length, d: state.genes.length, y: Int32Array.from(train, (r) => y[r]!), classes: K };
      const t0 = performance.now();
      const { model, report } = await trainer.train(set, s, ctx, (f, msg) => ctx.progress((s + f) / splits.length, msg));
      trainingSeconds += (performance.now() - t0) / 1000;
      try {
        const p = model.predictProba(pipeline.transform(data, test), test.length);
        const noise: number[][][] = [];
        if (options.noiseRepeats > 0) {
          NOISE_LEVELS.forEach((level, li) => {
            noise[li] = [];
            for (let r = 0; r < options.noiseRepeats; r++) {
              const rng = ctx.rng.fork(`noise-${s}-${li}-${r}`);
              noise[li]![r] = Array.from(model.predictProba(pipeline.transform(data, test, { level, rng }), test.length));
            }
          });
        }
        cp = { test, proba: Array.from(p), genes: state.genes, report, noise };
      } finally {
        model.dispose();
      }
      ctx.checkpoints.put(`split-${s}`, cp);
    }
    if (s === 0) genes = cp.genes.map((g) => matrix.genes[g]!);
    reports.push(cp.report);
    let correct = 0;
    const pred = argmaxRows(cp.proba, cp.test.length, K);
    cp.test.forEach((r, a) => {
      for (let k = 0; k < K; k++) proba[r * K + k] = cp.proba[a * K + k]!;
      splitOf[r] = s;
      if (pred[a] === y[r]) correct++;
      cp.noise.forEach((levels, li) => levels.forEach((rep, ri) => {
        for (let k = 0; k < K; k++) noiseProba[li]![ri]![r * K + k] = rep[a * K + k]!;
      }));
    });
    splitAccuracy.push(correct / cp.test.length);
    splitInfo.push({ train: train.length, test: cp.test.length, features: cp.genes.length });
    ctx.progress((s + 1) / splits.length);
  }
  ctx.enter(trainer.stages.evaluate);
  const tested = Array.from({ length: n }, (_, r) => r).filter((r) => splitOf[r]! >= 0);
  const pick = (arr: Float64Array) => {
    const out = new Float64Array(tested.length * K);
    tested.forEach((r, a) => out.set(arr.subarray(r * K, (r + 1) * K), a * K));
    return out;
  };
  const truth = Int32Array.from(tested, (r) => y[r]!);
  const testedProba = pick(proba);
  const predicted = argmaxRows(testedProba, tested.length, K);
  const metrics = classificationMetrics(classes, truth, predicted, testedProba);
  const predictions = tested.map((r, a) => ({
    sample: matrix.conditions[labelledIdx[r]!]!.id,
    truth: classes[y[r]!]!,
    predicted: classes[predicted[a]!]!,
    probabilities: Array.from(testedProba.subarray(a * K, (a + 1) * K)),
    split: splitOf[r]!,
  }));
  let robustness: RobustnessLevel[] | null = null;
  if (options.noiseRepeats > 0 && trainer.stages.robustness) {
    ctx.enter(trainer.stages.robustness);
    robustness = NOISE_LEVELS.map((level, li) => {
      const runs = noiseProba[li]!.map((arr) => {
        const p = pick(arr);
        return classificationMetrics(classes, truth, argmaxRows(p, tested.length, K), p);
      });
      const aucs = runs.map((m) => m.rocAuc).filter((a): a is number => a !== null);
      return {
        level,
        repeats: runs.length,
        accuracy: summary(runs.map((m) => m.accuracy)),
        integratedF1: summary(runs.map((m) => m.integratedF1)),
        rocAuc: aucs.length === runs.length ? summary(aucs) : null,
      };
    });
  }
  return {
    classes,
    classBalance: balance,
    sampleIds: labelledIdx.map((j) => matrix.conditions[j]!.id),
    labelled: n,
    unlabelled: labels.length - n,
    metrics,
    splitAccuracy,
    splits: splitInfo,
    genes,
    predictions,
    robustness,
    reports,
    trainingSeconds,
  };
}
