// The worker's handler of each run kind (one file per kind, one entry here).
import type { RunKind } from "@exprlab/core";
import { biclusterKind } from "./bicluster.ts";
import { classifyKind } from "./classify.ts";
import { regressKind } from "./regress.ts";
import type { KindHandler } from "./types.ts";

/** Kinds a worker executes; BENCHMARK parents are never claimed (their members are ordinary runs). */
export type ExecutedKind = Exclude<RunKind, "BENCHMARK">;

export const KIND_HANDLERS: { [K in ExecutedKind]: KindHandler<K> } = {
  BICLUSTER: biclusterKind,
  CLASSIFY: classifyKind,
  REGRESS: regressKind,
};

export { loadMatrix } from "./bicluster.ts";
export type { KindHandler } from "./types.ts";
