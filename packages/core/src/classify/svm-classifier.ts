// Support vector classifier (libsvm's C-SVC through libsvm-js, RBF or linear kernel) with
// probability estimates (Platt scaling, pairwise coupling for more than two classes): the
// baseline of the diagnosis models.
import type { SvmClass, SvmInstance } from "libsvm-js/wasm";
import { loadSvm } from "../cluster/svm.ts";
import { CancelledError, InputError, NotFittedError } from "../errors.ts";
import { rowsOf, type Classifier, type ClassifierFitReport, type FitControl, type TrainingSet } from "./model.ts";

export interface SvmClassifierOptions {
  /** "rbf" or "linear". Default "rbf". */
  kernel: "rbf" | "linear";
  /** C of the C-SVC. Default 1. */
  cost: number;
  /** RBF gamma; "scale" = 1 / (features x variance of the training values), as scikit-learn. Default "scale". */
  gamma: number | "scale";
}

export const SVM_CLASSIFIER_DEFAULTS: Readonly<SvmClassifierOptions> = Object.freeze({ kernel: "rbf", cost: 1, gamma: "scale" });

export class SvmClassifier implements Classifier {
  readonly name = "SvmClassifier";
  readonly options: SvmClassifierOptions;
  private svm: SvmInstance | null = null;
  private SVM: SvmClass | null = null;
  private classes = 0;
  private d = 0;
  private gammaUsed = 0;

  constructor(options: Partial<SvmClassifierOptions> = {}) {
    this.options = { ...SVM_CLASSIFIER_DEFAULTS, ...options };
  }

  async fit(data: TrainingSet, control: FitControl = {}): Promise<ClassifierFitReport> {
    const o = this.options;
    if (o.kernel !== "rbf" && o.kernel !== "linear") throw new InputError(`unknown kernel ${String(o.kernel)}`, { field: "kernel" });
    if (!(o.cost > 0)) throw new InputError("cost must be > 0", { field: "cost" });
    if (o.gamma !== "scale" && !(o.gamma > 0)) throw new InputError("gamma must be > 0 or 'scale'", { field: "gamma" });
    if (control.signal?.aborted) throw new CancelledError();
    const t0 = performance.now();
    // A fresh wasm instance per model: Platt scaling draws from C rand(), whose state lives in
    // the instance (see cluster/svm.ts), so a shared one would make probabilities depend on history.
    this.SVM ??= await loadSvm();
    this.svm?.free();
    let sum = 0;
    let sq = 0;
    for (const v of data.x) {
      sum += v;
      sq += v * v;
    }
    const variance = sq / data.x.length - (sum / data.x.length) ** 2;
    this.gammaUsed = o.gamma === "scale" ? (variance > 0 ? 1 / (data.d * variance) : 1 / data.d) : o.gamma;
    const svm = new this.SVM({
      type: this.SVM.SVM_TYPES.C_SVC,
      kernel: o.kernel === "rbf" ? this.SVM.KERNEL_TYPES.RBF : this.SVM.KERNEL_TYPES.LINEAR,
      gamma: this.gammaUsed,
      cost: o.cost,
      probabilityEstimates: true,
      quiet: true,
    });
    svm.train(rowsOf(data.x, data.n, data.d), Array.from(data.y));
    this.svm = svm;
    this.classes = data.classes;
    this.d = data.d;
    control.onProgress?.(1);
    return { seconds: (performance.now() - t0) / 1000, supportVectors: svm.getSVIndices().length, gamma: this.gammaUsed, kernel: o.kernel };
  }

  predictProba(x: Float32Array, n: number): Float64Array {
    if (!this.svm) throw new NotFittedError(this.name);
    const K = this.classes;
    const out = new Float64Array(n * K);
    for (const [i, row] of rowsOf(x, n, this.d).entries()) {
      const p = this.svm.predictOneProbability(row);
      for (const e of p.estimates) if (e.label >= 0 && e.label < K) out[i * K + e.label] = e.probability;
    }
    return out;
  }

  toJSON() {
    if (!this.svm) throw new NotFittedError(this.name);
    return { name: this.name, version: 1, options: this.options, classes: this.classes, features: this.d, gamma: this.gammaUsed, model: this.svm.serializeModel() };
  }

  static async load(json: ReturnType<SvmClassifier["toJSON"]>): Promise<SvmClassifier> {
    if (json.name !== "SvmClassifier" || json.version !== 1) throw new InputError(`not an SvmClassifier v1 model: ${json.name} v${json.version}`);
    const model = new SvmClassifier(json.options);
    model.SVM = await loadSvm();
    model.svm = model.SVM.load(json.model);
    model.classes = json.classes;
    model.d = json.features;
    model.gammaUsed = json.gamma;
    return model;
  }

  dispose(): void {
    this.svm?.free();
    this.svm = null;
  }
}
