// The analysis methods of @exprlab/core's METHODS registry, shaped for GraphQL so that the web app
// generates the new-run form from it. The run's seed is a createRun argument, so it is not listed
// among a method's params.
import { METHODS, type ParamDoc } from "@exprlab/core";

export interface MethodParam {
  name: string;
  /** integer, number, boolean, enum, integer|auto, number|scale, boolean|auto (as declared by core). */
  type: string;
  default: unknown;
  description: string;
  min: number | null;
  max: number | null;
  /** Allowed values of an enum parameter. */
  options: string[] | null;
  /** True when the parameter has no default (e.g. topVariance: all genes when absent). */
  optional: boolean;
}

export interface MethodInfo {
  name: string;
  label: string;
  description: string;
  isDefault: boolean;
  params: MethodParam[];
}

/** The method used when createRun names none. */
export const DEFAULT_METHOD = "lstm-svm";

function toParam(doc: ParamDoc): MethodParam {
  return {
    name: doc.name,
    type: doc.type,
    default: doc.default ?? null,
    description: doc.description,
    min: doc.min ?? null,
    max: doc.max ?? null,
    options: doc.options ?? null,
    optional: doc.default === undefined,
  };
}

const methods: MethodInfo[] = Object.entries(METHODS).map(([name, entry]) => ({
  name,
  label: entry.label,
  description: entry.description,
  isDefault: name === DEFAULT_METHOD,
  params: entry.params.filter((p) => p.name !== "seed").map(toParam),
}));

export function listMethods(): MethodInfo[] {
  return methods;
}

export function findMethod(name: string): MethodInfo | undefined {
  return methods.find((m) => m.name === name);
}
