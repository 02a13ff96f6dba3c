// Public surface of @exprlab/core. Each capability folder exports through its own index.
export * from "./types.ts";
export * from "./errors.ts";
