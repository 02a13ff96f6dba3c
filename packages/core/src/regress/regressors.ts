// The six regressors compared on a DE table, behind one small interface. Libraries where one
// exists (ml.js: multivariate linear regression, CART, random forest, k-d tree for kNN; libsvm-js
// for epsilon-SVR); gradient boosting is ours (least-squares boosting of ml-cart trees, Friedman
// 2001, with row subsampling per tree as his 2002 stochastic variant).
//
// Row caps: ml-cart's split search is quadratic in the rows of a node (measured: one tree of depth
// 8 on 5 features, 1,000 rows 0.2 s, 3,000 rows 1.0 s; a 10-tree forest at 3,000 rows 6.4 s). A
// full 12,625-gene table would take minutes per tree, so every tree trains on at most `maxTreeRows`
// rows drawn with the seeded RNG (each boosting tree and each forest draws its own rows).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- consumers typecheck core sources and need the ambient modules
/// <reference path="./ml-libs.d.ts" />
import { DecisionTreeRegression } from "ml-cart";
import KNN from "ml-knn";
import MultivariateLinearRegression from "ml-regression-multivariate-linear";
import { RandomForestRegression } from "ml-random-forest";
import type { SvmClass, SvmInstance } from "libsvm-js/wasm";
import { loadSvm } from "../cluster/svm.ts";
import { InputError, NotFittedError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";

export const REGRESSOR_NAMES = ["linear", "tree", "forest", "boosting", "svr", "knn"] as const;
export type RegressorName = (typeof REGRESSOR_NAMES)[number];

export const REGRESSOR_LABELS: Record<RegressorName, string> = {
  linear: "Linear regression",
  tree: "Decision tree",
  forest: "Random forest",
  boosting: "Gradient boosting",
  svr: "Epsilon-SVR (RBF)",
  knn: "k-nearest neighbours",
};

export interface RegressorOptions {
  /** Rows each tree trains on at most (seeded subsample). Default 1500. */
  maxTreeRows: number;
  /** Depth of the single decision tree. Default 8. */
  treeDepth: number;
  /** Minimum rows in a tree node to split it. Default 5. */
  minNodeRows: number;
  /** Trees of the random forest. Default 30. */
  forestTrees: number;
  /** Depth of the forest's trees. Default 10. */
  forestDepth: number;
  /** Boosting rounds (trees). Default 100. */
  boostingRounds: number;
  /** Depth of each boosting tree. Default 3. */
  boostingDepth: number;
  /** Shrinkage of each boosting tree. Default 0.1. */
  boostingRate: number;
  /** Share of the rows each boosting tree is fitted on (capped by maxTreeRows). Default 0.8. */
  boostingSubsample: number;
  /** C of the epsilon-SVR. Default 1. */
  svrCost: number;
  /** Epsilon (tube half-width, in units of the target's training sd). Default 0.1. */
  svrEpsilon: number;
  /** Neighbours of kNN. Default 5. */
  knnK: number;
  /** Seed of the subsamples and bootstrap draws. Default 0. */
  seed: number;
}

export const REGRESSOR_DEFAULTS: Readonly<RegressorOptions> = Object.freeze({
  maxTreeRows: 1500,
  treeDepth: 8,
  minNodeRows: 5,
  forestTrees: 30,
  forestDepth: 10,
  boostingRounds: 100,
  boostingDepth: 3,
  boostingRate: 0.1,
  boostingSubsample: 0.8,
  svrCost: 1,
  svrEpsilon: 0.1,
  knnK: 5,
  seed: 0,
});

export interface Regressor {
  readonly name: RegressorName;
  /** x: rows of (standardised) features. */
  fit(x: number[][], y: number[]): Promise<void>;
  predict(x: number[][]): number[];
  toJSON(): { name: string; version: number; [key: string]: unknown };
  dispose(): void;
}

function subsample(n: number, k: number, rng: Rng): number[] {
  return k >= n ? Array.from({ length: n }, (_, i) => i) : rng.sample(n, k).sort((a, b) => a - b);
}

class LinearRegressor implements Regressor {
  readonly name = "linear";
  private model: MultivariateLinearRegression | null = null;
  async fit(x: number[][], y: number[]) {
    this.model = new MultivariateLinearRegression(x, y.map((v) => [v]), { intercept: true, statistics: false });
  }
  predict(x: number[][]) {
    if (!this.model) throw new NotFittedError("LinearRegressor");
    return (this.model.predict(x) as number[][]).map((r) => r[0]!);
  }
  toJSON() {
    if (!this.model) throw new NotFittedError("LinearRegressor");
    return { name: "LinearRegressor", version: 1, model: this.model.toJSON() };
  }
  dispose() {}
}

class TreeRegressor implements Regressor {
  readonly name = "tree";
  private tree: DecisionTreeRegression | null = null;
  constructor(private readonly o: RegressorOptions) {}
  async fit(x: number[][], y: number[]) {
    const rows = subsample(x.length, this.o.maxTreeRows, createRng(this.o.seed).fork("tree"));
    this.tree = new DecisionTreeRegression({ maxDepth: this.o.treeDepth, minNumSamples: this.o.minNodeRows });
    this.tree.train(rows.map((i) => x[i]!), rows.map((i) => y[i]!));
  }
  predict(x: number[][]) {
    if (!this.tree) throw new NotFittedError("TreeRegressor");
    return this.tree.predict(x);
  }
  toJSON() {
    if (!this.tree) throw new NotFittedError("TreeRegressor");
    return { name: "TreeRegressor", version: 1, tree: this.tree.toJSON() };
  }
  dispose() {}
}

class ForestRegressor implements Regressor {
  readonly name = "forest";
  private forest: RandomForestRegression | null = null;
  constructor(private readonly o: RegressorOptions) {}
  async fit(x: number[][], y: number[]) {
    const rng = createRng(this.o.seed).fork("forest");
    const rows = subsample(x.length, this.o.maxTreeRows, rng);
    this.forest = new RandomForestRegression({
      nEstimators: this.o.forestTrees,
      maxFeatures: 1.0, // all features per tree, as scikit-learn's regression default; bootstrap rows
      replacement: false,
      useSampleBagging: true,
      noOOB: true,
      seed: rng.seed32() >>> 1,
      treeOptions: { maxDepth: this.o.forestDepth, minNumSamples: this.o.minNodeRows },
    });
    this.forest.train(rows.map((i) => x[i]!), rows.map((i) => y[i]!));
  }
  predict(x: number[][]) {
    if (!this.forest) throw new NotFittedError("ForestRegressor");
    return this.forest.predict(x);
  }
  toJSON() {
    if (!this.forest) throw new NotFittedError("ForestRegressor");
    return { name: "ForestRegressor", version: 1, forest: this.forest.toJSON() as unknown };
  }
  dispose() {}
}

/** Least-squares gradient boosting: F0 = mean(y), F_m = F_{m-1} + rate * tree_m(residuals on a row subsample). */
export class BoostingRegressor implements Regressor {
  readonly name = "boosting";
  private f0 = 0;
  private trees: DecisionTreeRegression[] = [];
  private fitted = false;
  constructor(private readonly o: RegressorOptions) {}
  async fit(x: number[][], y: number[]) {
    const o = this.o;
    if (!(o.boostingRate > 0 && o.boostingRate <= 1)) throw new InputError("boostingRate must be in (0, 1]", { field: "boostingRate" });
    if (!(o.boostingSubsample > 0 && o.boostingSubsample <= 1)) throw new InputError("boostingSubsample must be in (0, 1]", { field: "boostingSubsample" });
    const rng = createRng(o.seed).fork("boosting");
    const n = x.length;
    this.f0 = y.reduce((a, b) => a + b, 0) / n;
    const F = new Float64Array(n).fill(this.f0);
    this.trees = [];
    const size = Math.max(2, Math.min(o.maxTreeRows, Math.round(o.boostingSubsample * n)));
    for (let m = 0; m < o.boostingRounds; m++) {
      const rows = subsample(n, size, rng);
      const tree = new DecisionTreeRegression({ maxDepth: o.boostingDepth, minNumSamples: o.minNodeRows });
      tree.train(rows.map((i) => x[i]!), rows.map((i) => y[i]! - F[i]!));
      const step = tree.predict(x);
      for (let i = 0; i < n; i++) F[i]! += o.boostingRate * step[i]!;
      this.trees.push(tree);
      if (m % 10 === 9) await new Promise<void>((r) => setImmediate(r));
    }
    this.fitted = true;
  }
  predict(x: number[][]) {
    if (!this.fitted) throw new NotFittedError("BoostingRegressor");
    const out = new Array<number>(x.length).fill(this.f0);
    for (const tree of this.trees) {
      const p = tree.predict(x);
      for (let i = 0; i < x.length; i++) out[i]! += this.o.boostingRate * p[i]!;
    }
    return out;
  }
  toJSON() {
    if (!this.fitted) throw new NotFittedError("BoostingRegressor");
    return { name: "BoostingRegressor", version: 1, options: this.o, f0: this.f0, trees: this.trees.map((t) => t.toJSON()) };
  }
  static load(json: ReturnType<BoostingRegressor["toJSON"]>): BoostingRegressor {
    if (json.name !== "BoostingRegressor" || json.version !== 1) throw new InputError("not a BoostingRegressor v1 model");
    const m = new BoostingRegressor(json.options as RegressorOptions);
    m.f0 = json.f0 as number;
    m.trees = (json.trees as Record<string, unknown>[]).map((t) => DecisionTreeRegression.load(t));
    m.fitted = true;
    return m;
  }
  dispose() {}
}

/** Epsilon-SVR with an RBF kernel (gamma = 1 / features on standardised inputs); the target is standardised inside. */
class SvrRegressor implements Regressor {
  readonly name = "svr";
  private svm: SvmInstance | null = null;
  private SVM: SvmClass | null = null;
  private mean = 0;
  private sd = 1;
  constructor(private readonly o: RegressorOptions) {}
  async fit(x: number[][], y: number[]) {
    this.SVM ??= await loadSvm();
    this.svm?.free();
    const n = y.length;
    this.mean = y.reduce((a, b) => a + b, 0) / n;
    this.sd = Math.sqrt(y.reduce((a, b) => a + (b - this.mean) ** 2, 0) / Math.max(1, n - 1)) || 1;
    const d = x[0]?.length ?? 1;
    this.svm = new this.SVM({
      type: this.SVM.SVM_TYPES.EPSILON_SVR,
      kernel: this.SVM.KERNEL_TYPES.RBF,
      gamma: 1 / d,
      cost: this.o.svrCost,
      // libsvm-js names the SVR epsilon "epsilon"; the d.ts of cluster/svm.ts lists the C-SVC options only
      ...({ epsilon: this.o.svrEpsilon } as object),
      quiet: true,
    });
    this.svm.train(x, y.map((v) => (v - this.mean) / this.sd));
  }
  predict(x: number[][]) {
    if (!this.svm) throw new NotFittedError("SvrRegressor");
    return this.svm.predict(x).map((v) => v * this.sd + this.mean);
  }
  toJSON() {
    if (!this.svm) throw new NotFittedError("SvrRegressor");
    return { name: "SvrRegressor", version: 1, mean: this.mean, sd: this.sd, model: this.svm.serializeModel() };
  }
  dispose() {
    this.svm?.free();
    this.svm = null;
  }
}

/** kNN regression: the mean target of the k nearest training rows (ml-knn's k-d tree finds them). */
class KnnRegressor implements Regressor {
  readonly name = "knn";
  private knn: KNN | null = null;
  constructor(private readonly o: RegressorOptions) {}
  async fit(x: number[][], y: number[]) {
    if (!Number.isInteger(this.o.knnK) || this.o.knnK < 1) throw new InputError("knnK must be an integer >= 1", { field: "knnK" });
    this.knn = new KNN(x, y, { k: Math.min(this.o.knnK, x.length) });
  }
  predict(x: number[][]) {
    const knn = this.knn;
    if (!knn) throw new NotFittedError("KnnRegressor");
    const k = Math.min(this.o.knnK, Number.MAX_SAFE_INTEGER);
    return x.map((row) => {
      const near = knn.kdTree.nearest(row, k);
      let s = 0;
      for (const [point] of near) s += point[point.length - 1]!;
      return s / near.length;
    });
  }
  toJSON() {
    if (!this.knn) throw new NotFittedError("KnnRegressor");
    return { name: "KnnRegressor", version: 1, model: this.knn.toJSON() };
  }
  dispose() {}
}

export function createRegressor(name: RegressorName, options: Partial<RegressorOptions> = {}): Regressor {
  const o = { ...REGRESSOR_DEFAULTS, ...options };
  switch (name) {
    case "linear":
      return new LinearRegressor();
    case "tree":
      return new TreeRegressor(o);
    case "forest":
      return new ForestRegressor(o);
    case "boosting":
      return new BoostingRegressor(o);
    case "svr":
      return new SvrRegressor(o);
    case "knn":
      return new KnnRegressor(o);
  }
}
