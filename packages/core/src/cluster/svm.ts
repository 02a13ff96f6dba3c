// SVM refinement of cluster labels (libsvm-js, wasm build, RBF, C-SVC with probability estimates).
//
// Each iteration cross-predicts every gene's cluster with a model that did not train on it, then
// moves genes whose predicted cluster is confidently better than their own, and puts genes that
// fit no cluster confidently into the background (-1).
//
// Scale: an RBF SVM over all 20,000 genes is infeasible here (the kernel alone is 4e8 entries and
// libsvm's training is super-linear). Each iteration therefore trains on a seeded, stratified
// subsample of at most `maxPerCluster` genes per cluster (so training cost depends on K, not on the
// number of genes). The subsample is split into `folds` stratified folds; model f trains on the
// other folds, predicts fold f, and also predicts every gene outside the subsample whose index is
// f modulo `folds`. Every gene is thus predicted once, by a model that never saw it, and the cost
// per iteration is `folds` small trainings plus one prediction per gene (O(n * nSV * dim)).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- consumers (apps/api) typecheck core sources and need the ambient module
/// <reference path="./libsvm-js.d.ts" />
import { createRequire } from "node:module";
import type { SvmClass, SvmInstance } from "libsvm-js/wasm";
import { CancelledError, InputError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";
import { toRows } from "./kmeans.ts";
import { denseRbfModel } from "./rbf-predictor.ts";
import { defaultSvmThreads, trainAll } from "./svm-trainer.ts";

export interface SvmRefinerOptions {
  /** RBF gamma; "scale" = 1 / (dim * variance of all feature values), as scikit-learn. Default "scale". */
  gamma: number | "scale";
  /** C of the C-SVC (paper: 1). Default 1. */
  cost: number;
  /** Folds of the cross-prediction. Default 5. */
  folds: number;
  /** Maximum refinement iterations (paper: 20). Default 20. */
  maxIterations: number;
  /** Training genes per cluster and iteration (seeded stratified subsample). Default 200. */
  maxPerCluster: number;
  /** Minimum probability of its cluster (final probability pass) for a gene to stay assigned; below it the gene becomes background (-1). 0 keeps all genes (and skips that pass). Default 0.5. */
  confidence: number;
  /** Genes per class in the final probability pass (2 folds; Platt scaling is costly). Default 100. */
  probabilityPerCluster: number;
  /** Stop when at most this fraction of genes changed label in an iteration (0: only when none did). Default 0.005. */
  tolerance: number;
  /** Clusters that shrink below this many genes are dissolved into the background. Default 5. */
  minClusterSize: number;
  /**
   * Train the background (-1) genes as a class of their own, so the SVM learns where "no pattern"
   * lies instead of forcing every gene into some cluster (used when there are at least
   * minClusterSize of them). Genes predicted as background become -1. Default true.
   */
  backgroundClass: boolean;
  /**
   * A gene predicted into another class moves only when that class's pairwise decision value
   * against the gene's own class reaches this (1 = libsvm's margin: the gene lies beyond the
   * margin band on the other side); genes inside the band fit well enough and stay. 0 = any
   * prediction elsewhere counts, with a hysteresis instead (moved only when predicted into the
   * same class twice in a row). Background genes (no class of their own, or the background class)
   * follow the same rule. Default 1.
   */
  margin: number;
  /** Seed of the subsamples and folds. Default 0. */
  seed: number;
  /** Threads that train the cross-prediction models (same models for any count); 0 = min(2, available parallelism). Default 0. */
  threads: number;
}

export const SVM_DEFAULTS: Readonly<SvmRefinerOptions> = Object.freeze({
  gamma: "scale",
  cost: 1,
  folds: 5,
  maxIterations: 20,
  maxPerCluster: 200,
  confidence: 0.5,
  probabilityPerCluster: 100,
  tolerance: 0.005,
  minClusterSize: 5,
  backgroundClass: true,
  margin: 1,
  seed: 0,
  threads: 0,
});

export interface SvmRefineReport {
  iterations: number;
  /** True when, in an iteration before maxIterations, at most tolerance * n genes were predicted elsewhere than their label (moved or parked). */
  converged: boolean;
  /** Genes moved to another cluster, per iteration. */
  reassigned: number[];
  /** Genes that became background, per iteration (predicted background class, or dissolved cluster). */
  toBackground: number[];
  /** Background genes taken back into a cluster, per iteration. */
  readmitted: number[];
  /** Genes in the background after each iteration. */
  unassignedPerIteration: number[];
  /** Genes predicted elsewhere for the first time (moved only if predicted there again next iteration), per iteration. */
  parked: number[];
  /** Genes put in the background at the end because no cluster reached `confidence`. */
  belowConfidence: number;
  /** Background genes at the end. */
  unassigned: number;
  /** Training genes per iteration (the stratified subsample). */
  trainingGenes: number[];
  gamma: number;
  seconds: number;
}

export interface SvmRefineResult {
  /** Refined labels (original cluster ids kept; -1 = background). */
  labels: Int32Array;
  /** Probability of the assigned cluster per gene from the last iteration (0 for background). */
  confidence: Float32Array;
  report: SvmRefineReport;
}

export interface RefineControl {
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

const require = createRequire(import.meta.url);

/**
 * A FRESH libsvm-js wasm instance (~10 ms). Why not the shared `libsvm-js/wasm` singleton:
 * libsvm's probability estimates (Platt scaling) shuffle with C rand(), whose state lives in the
 * wasm instance, so on a shared instance the same training gives different probabilities
 * depending on what ran before in the process (measured). One instance per refine() call makes
 * the result a function of its inputs only. Loading also (1) registers
 * process.on("unhandledRejection", () => process.exit(1)) (emscripten's Node preamble), which
 * we remove again, and (2) prints a harmless "wasm streaming compile failed" notice, filtered.
 * Relies on libsvm-js 0.2's file layout (out/wasm/libsvm.js + src/loadSVM.js).
 */
export async function loadSvm(): Promise<SvmClass> {
  const listeners = new Set(process.listeners("unhandledRejection"));
  const warn = console.warn;
  const path = require.resolve("libsvm-js/out/wasm/libsvm.js");
  let mod: { load(): Promise<void> };
  try {
    console.warn = (...args: unknown[]) => {
      const text = String(args[0] ?? "");
      if (text.startsWith("wasm streaming compile failed") || text.startsWith("falling back to ArrayBuffer")) return;
      warn.apply(console, args);
    };
    delete require.cache[path];
    mod = require(path) as { load(): Promise<void> };
  } finally {
    console.warn = warn;
    for (const l of process.listeners("unhandledRejection")) {
      if (!listeners.has(l)) process.off("unhandledRejection", l);
    }
  }
  const makeClass = require("libsvm-js/src/loadSVM") as (m: unknown) => SvmClass;
  await mod.load();
  return makeClass(mod);
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function scaleGamma(data: ArrayLike<number>, dim: number): number {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < data.length; i++) {
    sum += data[i]!;
    sq += data[i]! * data[i]!;
  }
  const mean = sum / data.length;
  const variance = sq / data.length - mean * mean;
  return variance > 0 ? 1 / (dim * variance) : 1 / dim;
}

export class SvmRefiner {
  readonly options: SvmRefinerOptions;

  constructor(options: Partial<SvmRefinerOptions> = {}) {
    this.options = { ...SVM_DEFAULTS, ...options };
  }

  private validate(): void {
    const o = this.options;
    const check = (ok: boolean, field: keyof SvmRefinerOptions, what: string) => {
      if (!ok) throw new InputError(`${field} ${what}`, { field });
    };
    check(o.gamma === "scale" || (typeof o.gamma === "number" && o.gamma > 0), "gamma", "must be > 0 or 'scale'");
    check(o.cost > 0, "cost", "must be > 0");
    check(Number.isInteger(o.folds) && o.folds >= 2, "folds", "must be an integer >= 2");
    check(Number.isInteger(o.maxIterations) && o.maxIterations >= 1, "maxIterations", "must be an integer >= 1");
    check(Number.isInteger(o.maxPerCluster) && o.maxPerCluster >= o.folds, "maxPerCluster", "must be an integer >= folds");
    check(o.confidence >= 0 && o.confidence < 1, "confidence", "must be in [0, 1)");
    check(Number.isInteger(o.probabilityPerCluster) && o.probabilityPerCluster >= 2, "probabilityPerCluster", "must be an integer >= 2");
    check(o.tolerance >= 0 && o.tolerance < 1, "tolerance", "must be in [0, 1)");
    check(o.margin >= 0 && Number.isFinite(o.margin), "margin", "must be a finite number >= 0");
  }

  /**
   * Cross-predicts the class of every gene: the genes in `sample` are split into `folds`
   * stratified folds (foldOf), model f trains on the other folds and predicts fold f plus every
   * gene outside the sample with index = f (mod folds). Returns predicted class and, with
   * probabilities, the probability of the predicted class and of `cls(i)`.
   */
  private async crossPredict(
    SVM: SvmClass,
    rows: number[][],
    flat: Float64Array,
    cls: (i: number) => number,
    sample: number[],
    foldOf: Int8Array,
    folds: number,
    gamma: number,
    probability: boolean,
    control: RefineControl,
    onFold: (f: number) => void,
  ): Promise<{ predicted: Int32Array; margin: Float64Array; prob: Float32Array; probOfCurrent: Float32Array }> {
    const n = rows.length;
    const predicted = new Int32Array(n);
    const margin = new Float64Array(n);
    const prob = new Float32Array(n);
    const probOfCurrent = new Float32Array(n);
    const dim = rows[0]!.length;
    const fits = Array.from({ length: folds }, (_, f) => sample.filter((i) => foldOf[i] !== f));
    if (control.signal?.aborted) throw new CancelledError();
    // Without probability estimates training draws no random numbers: train every fold's model
    // up front, two at a time (svm-trainer.ts). With them, train in order on this thread's
    // instance, as its rand() state is part of the result.
    const plain = probability
      ? null
      : await trainAll(
          SVM,
          fits.map((fitIdx) => {
            const x = new Float64Array(fitIdx.length * dim);
            fitIdx.forEach((i, a) => x.set(flat.subarray(i * dim, (i + 1) * dim), a * dim));
            return { rows: x, labels: Int32Array.from(fitIdx, (i) => cls(i)) };
          }),
          dim,
          gamma,
          this.options.cost,
          this.options.threads || defaultSvmThreads(),
        );
    for (let f = 0; f < folds; f++) {
      if (control.signal?.aborted) throw new CancelledError();
      const fitIdx = fits[f]!;
      const mine: number[] = [];
      for (let i = 0; i < n; i++) if (foldOf[i]! >= 0 ? foldOf[i] === f : i % folds === f) mine.push(i);
      if (plain) {
        const res = denseRbfModel(plain[f]!, flat, dim, fitIdx, gamma).predictMargin(mine, (a) => cls(mine[a]!));
        mine.forEach((i, a) => {
          predicted[i] = res.labels[a]!;
          margin[i] = res.margin[a]!;
        });
      } else {
        const svm: SvmInstance = new SVM({
          type: SVM.SVM_TYPES.C_SVC,
          kernel: SVM.KERNEL_TYPES.RBF,
          gamma,
          cost: this.options.cost,
          probabilityEstimates: true,
          quiet: true,
        });
        try {
          svm.train(
            fitIdx.map((i) => rows[i]!),
            fitIdx.map((i) => cls(i)),
          );
          const model = denseRbfModel({ text: svm.serializeModel(), svIndices: svm.getSVIndices() }, flat, dim, fitIdx, gamma);
          const { labels, probabilities } = model.predictProbability(mine);
          const k = labels.length;
          mine.forEach((i, a) => {
            let best = -1;
            let bestP = -1;
            let cur = 0;
            for (let c = 0; c < k; c++) {
              const p = probabilities[a * k + c]!;
              if (p > bestP) {
                bestP = p;
                best = labels[c]!;
              }
              if (labels[c] === cls(i)) cur = p;
            }
            predicted[i] = best;
            prob[i] = bestP;
            probOfCurrent[i] = cur;
          });
        } finally {
          svm.free();
        }
      }
      onFold(f);
      await yieldToEventLoop();
    }
    return { predicted, margin, prob, probOfCurrent };
  }

  /** Seeded stratified sample of at most `perClass` genes per class, with stratified folds. */
  private stratified(n: number, cls: (i: number) => number, perClass: number, folds: number, rng: Rng) {
    const members = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const l = cls(i);
      if (l >= 0) (members.get(l) ?? members.set(l, []).get(l)!).push(i);
    }
    const foldOf = new Int8Array(n).fill(-1);
    const sample: number[] = [];
    for (const l of [...members.keys()].sort((a, b) => a - b)) {
      const m = members.get(l)!;
      rng
        .shuffle([...m])
        .slice(0, Math.min(m.length, perClass))
        .forEach((i, a) => {
          foldOf[i] = a % folds;
          sample.push(i);
        });
    }
    sample.sort((a, b) => a - b);
    return { classes: members.size, sample, foldOf };
  }

  /**
   * Refines `labels` (cluster ids >= 0, -1 = background) of n points (`data` row-major, `dim`
   * features each). Returns new labels; the input is not modified.
   *
   * Phase 1, up to maxIterations: plain C-SVC cross-prediction (no probability estimates: libsvm's
   * Platt scaling costs 6-8x the training, measured), a gene takes its cross-predicted class (from
   * iteration 2 on only when predicted there twice in a row);
   * stops when at most tolerance * n genes changed. Phase 2, once: probability models (2 folds,
   * at most probabilityPerCluster genes per class) give each gene the probability of its cluster;
   * below `confidence` it becomes background. (Applied inside the loop, the threshold made the
   * background class grow, lowering the clusters' probabilities, sending more genes there: a
   * collapse we measured.)
   */
  async refine(data: ArrayLike<number>, dim: number, labels: ArrayLike<number>, control: RefineControl = {}): Promise<SvmRefineResult> {
    this.validate();
    const o = this.options;
    const rows = toRows(data, dim);
    const flat = Float64Array.from(data);
    const n = rows.length;
    if (labels.length !== n) throw new InputError(`${labels.length} labels for ${n} points`, { field: "labels" });
    if (control.signal?.aborted) throw new CancelledError();
    const SVM = await loadSvm();
    const t0 = performance.now();
    const gamma = o.gamma === "scale" ? scaleGamma(data, dim) : o.gamma;
    const current = Int32Array.from(labels);
    const confidence = new Float32Array(n);
    const report: SvmRefineReport = {
      iterations: 0,
      converged: false,
      reassigned: [],
      toBackground: [],
      readmitted: [],
      unassignedPerIteration: [],
      parked: [],
      belowConfidence: 0,
      unassigned: 0,
      trainingGenes: [],
      gamma,
      seconds: 0,
    };
    const rng = createRng(o.seed).fork("svm-refine");
    this.dissolveSmall(current);
    // Internal class per gene: its cluster, or BG for the background when that is trained.
    let BG = 0;
    let useBackground = false;
    const cls = (i: number) => (current[i]! >= 0 ? current[i]! : useBackground ? BG : -1);
    const setClasses = () => {
      let maxLabel = -1;
      let nBackground = 0;
      for (const l of current) {
        if (l > maxLabel) maxLabel = l;
        if (l < 0) nBackground++;
      }
      BG = maxLabel + 1;
      useBackground = o.backgroundClass && nBackground >= o.minClusterSize;
    };
    const phases = o.maxIterations + (o.confidence > 0 ? 1 : 0);
    const NONE = -2;
    const pending = new Int32Array(n).fill(NONE);
    for (let it = 1; it <= o.maxIterations; it++) {
      setClasses();
      const { classes, sample, foldOf } = this.stratified(n, cls, o.maxPerCluster, o.folds, rng);
      if (classes < 2 || classes - (useBackground ? 1 : 0) < 1) break; // an SVM needs two classes
      report.trainingGenes.push(sample.length);
      const { predicted, margin } = await this.crossPredict(SVM, rows, flat, cls, sample, foldOf, o.folds, gamma, false, control, (f) =>
        control.onProgress?.((it - 1 + (f + 1) / o.folds) / phases),
      );
      let reassigned = 0;
      let toBackground = 0;
      let readmitted = 0;
      let parked = 0;
      for (let i = 0; i < n; i++) {
        const c = current[i]!;
        const next = useBackground && predicted[i] === BG ? -1 : predicted[i]!;
        if (next === c) {
          pending[i] = NONE;
          continue;
        }
        // Inside the margin band: the gene fits its own class well enough and stays.
        if (o.margin > 0 && margin[i]! < o.margin) {
          pending[i] = NONE;
          continue;
        }
        // Without a margin, hysteresis after the first iteration: move only when predicted into
        // the same other class twice in a row (boundary genes otherwise flip every iteration:
        // measured, a noisy 1,000 x 8 set then ran all 20 iterations).
        if (o.margin === 0 && it > 1 && pending[i] !== next) {
          pending[i] = next;
          parked++;
          continue;
        }
        pending[i] = NONE;
        if (next < 0) toBackground++;
        else if (c < 0) readmitted++;
        else reassigned++;
        current[i] = next;
      }
      toBackground += this.dissolveSmall(current);
      let unassigned = 0;
      for (let i = 0; i < n; i++) if (current[i]! < 0) unassigned++;
      report.iterations = it;
      report.reassigned.push(reassigned);
      report.toBackground.push(toBackground);
      report.readmitted.push(readmitted);
      report.unassignedPerIteration.push(unassigned);
      report.parked.push(parked);
      // Stable = few genes predicted elsewhere than their label, moved OR parked: a parked gene
      // (first prediction elsewhere) is a pending change, not agreement (counting only moves made
      // every run stop after iteration 2, where all changes are parked).
      if (reassigned + toBackground + readmitted + parked <= o.tolerance * n) {
        report.converged = true;
        break;
      }
    }
    setClasses();
    const final = this.stratified(n, cls, o.probabilityPerCluster, 2, rng);
    if (o.confidence > 0 && final.classes >= 2) {
      const { probOfCurrent } = await this.crossPredict(SVM, rows, flat, cls, final.sample, final.foldOf, 2, gamma, true, control, () => undefined);
      for (let i = 0; i < n; i++) {
        confidence[i] = probOfCurrent[i]!;
        if (current[i]! >= 0 && probOfCurrent[i]! < o.confidence) {
          current[i] = -1;
          report.belowConfidence++;
        }
      }
      report.belowConfidence += this.dissolveSmall(current);
    }
    for (let i = 0; i < n; i++) {
      if (current[i]! < 0) {
        report.unassigned++;
        confidence[i] = 0;
      }
    }
    report.seconds = (performance.now() - t0) / 1000;
    control.onProgress?.(1);
    return { labels: current, confidence, report };
  }

  /** Moves members of clusters smaller than minClusterSize to the background; returns how many. */
  private dissolveSmall(labels: Int32Array): number {
    const counts = new Map<number, number>();
    for (const l of labels) if (l >= 0) counts.set(l, (counts.get(l) ?? 0) + 1);
    let moved = 0;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i]!;
      if (l >= 0 && counts.get(l)! < this.options.minClusterSize) {
        labels[i] = -1;
        moved++;
      }
    }
    return moved;
  }
}
