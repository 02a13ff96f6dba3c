// Minimal types for ml.js packages that ship none (ml-cart 2.1, ml-knn 3.0).
declare module "ml-cart" {
  export interface DecisionTreeRegressionOptions {
    minNumSamples?: number;
    maxDepth?: number;
    gainFunction?: "regression";
    splitFunction?: "mean";
  }
  export class DecisionTreeRegression {
    constructor(options?: DecisionTreeRegressionOptions);
    train(x: number[][], y: number[]): void;
    predict(x: number[][]): number[];
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): DecisionTreeRegression;
  }
}

declare module "ml-knn" {
  export default class KNN {
    constructor(dataset: number[][], labels: number[], options?: { k?: number });
    /** The kd-tree over the training points; each point carries its label as the last element. */
    kdTree: { nearest(point: number[], k: number): [number[], number][] };
    toJSON(): Record<string, unknown>;
    static load(model: Record<string, unknown>): KNN;
  }
}
