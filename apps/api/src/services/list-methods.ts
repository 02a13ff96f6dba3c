// The analysis methods of a registry, as the GraphQL `methods` query shows them (the web app
// generates the new-run form from this). The run's seed is a createRun argument, not a parameter.
import type { MethodInfo, Registry, RunKindName } from "@exprlab/core";

/** The method used when createRun names none. */
export const DEFAULT_METHOD = "lstm-svm";

/** The default method of each kind a run can be created for. */
export const DEFAULT_METHODS = { BICLUSTER: DEFAULT_METHOD, CLASSIFY: "svm-classifier", REGRESS: "de-regression" } as const;

export function listMethods(registry: Registry, kind?: RunKindName | null): MethodInfo[] {
  return registry.list().filter((m) => !kind || m.kind === kind);
}
