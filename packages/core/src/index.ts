// Public surface of @exprlab/core. Each capability folder exports through its own index.
export * from "./types.ts";
export * from "./errors.ts";
export * from "./random.ts";
export * from "./io/index.ts";
export * from "./preprocess/index.ts";
export * from "./synth/index.ts";
export * from "./metrics/index.ts";
export * from "./bicluster/index.ts";
export * from "./lstm/index.ts";
export * from "./cluster/index.ts";
export * from "./analysis/index.ts";
export * from "./methods/index.ts";
export * from "./benchmark/index.ts";
