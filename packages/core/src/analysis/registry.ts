// The method registry: the single extension point of the engine. A registry is built from a list
// of method declarations (see src/methods/index.ts for the built-in list); it checks them once
// (unique ids, form metadata on every parameter, declared stages) so a broken declaration fails
// at start-up, not in a user's run.
import { InputError } from "../errors.ts";
import type { AnyMethod, MethodDefinition, StageSpec } from "./define.ts";
import type { RunKind } from "./kinds/index.ts";
import { describeParams, parseParamsWith, type ParamSpec } from "./params.ts";

export interface MethodInfo {
  id: string;
  kind: RunKind;
  label: string;
  description: string;
  reference: string;
  params: ParamSpec[];
  stages: readonly StageSpec[];
}

export interface Registry {
  readonly methods: readonly AnyMethod[];
  get(id: string): AnyMethod | undefined;
  /** The method, or an InputError naming the field "method" with the known ids. */
  require(id: string): AnyMethod;
  describe(id: string): MethodInfo;
  list(kind?: RunKind): MethodInfo[];
}

export function describeMethod(method: AnyMethod): MethodInfo {
  return {
    id: method.id,
    kind: method.kind,
    label: method.label,
    description: method.description,
    reference: method.reference,
    params: describeParams(method.params),
    stages: method.stages,
  };
}

export function createRegistry(methods: readonly AnyMethod[]): Registry {
  const byId = new Map<string, AnyMethod>();
  const infos = new Map<string, MethodInfo>();
  for (const m of methods) {
    if (!/^[a-z][a-z0-9-]*$/.test(m.id)) throw new Error(`method id "${m.id}" must be kebab-case`);
    if (byId.has(m.id)) throw new Error(`method "${m.id}" is registered twice`);
    if (m.stages.length === 0) throw new Error(`method "${m.id}" declares no stages`);
    if (new Set(m.stages.map((s) => s.id)).size !== m.stages.length) throw new Error(`method "${m.id}" declares a stage twice`);
    byId.set(m.id, m);
    infos.set(m.id, describeMethod(m));
  }
  const registry: Registry = {
    methods,
    get: (id) => byId.get(id),
    require(id) {
      const m = byId.get(id);
      if (!m) throw new InputError(`unknown method "${id}"; available: ${[...byId.keys()].join(", ")}`, { field: "method" });
      return m;
    },
    describe: (id) => {
      registry.require(id);
      return infos.get(id)!;
    },
    list: (kind) => [...infos.values()].filter((i) => kind === undefined || i.kind === kind),
  };
  return registry;
}

/** A method's parameters validated (unknown keys, types, bounds, cross-field rules), defaults filled. */
export function parseMethodParams(method: AnyMethod | MethodDefinition, raw: unknown): Record<string, unknown> {
  const params = parseParamsWith(method.params, raw, method.id) as Record<string, unknown>;
  method.validate?.(params);
  return params;
}
