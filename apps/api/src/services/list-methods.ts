// The analysis methods offered by @exprlab/core (its METHODS registry), normalised for GraphQL so
// that the web app generates the new-run form from it, and used to validate createRun's params.
import * as core from "@exprlab/core";
import type { z } from "zod";

export interface MethodParam {
  name: string;
  /** "number" | "integer" | "boolean" | "string" | "enum" | ... as declared by core. */
  type: string;
  default: unknown;
  description: string;
  min: number | null;
  max: number | null;
  /** Allowed values of an enum parameter. */
  options: string[] | null;
  /** When true the parameter may be null/absent ("automatic", e.g. K). */
  optional: boolean;
}

export interface MethodInfo {
  name: string;
  label: string;
  description: string;
  isDefault: boolean;
  params: MethodParam[];
  /** zod schema validating the params object, when core provides one. */
  schema: z.ZodType | null;
}

type Loose = Record<string, unknown>;

function isZod(value: unknown): value is z.ZodType {
  return typeof value === "object" && value !== null && typeof (value as { safeParse?: unknown }).safeParse === "function";
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function normaliseParam(name: string, raw: Loose): MethodParam {
  const options = Array.isArray(raw.options) ? raw.options.map(String) : Array.isArray(raw.values) ? raw.values.map(String) : null;
  return {
    name: typeof raw.name === "string" ? raw.name : name,
    type: typeof raw.type === "string" ? raw.type : typeof raw.default === "number" ? "number" : typeof raw.default,
    default: raw.default ?? null,
    description: typeof raw.description === "string" ? raw.description : typeof raw.help === "string" ? raw.help : "",
    min: num(raw.min),
    max: num(raw.max),
    options,
    optional: raw.optional === true || raw.nullable === true || raw.default === null,
  };
}

function normaliseMethod(key: string, raw: Loose, index: number): MethodInfo {
  const paramsRaw = raw.params ?? raw.parameters ?? [];
  const params = Array.isArray(paramsRaw)
    ? (paramsRaw as Loose[]).map((p, i) => normaliseParam(String(p.name ?? i), p))
    : Object.entries(paramsRaw as Record<string, Loose>).map(([n, p]) => normaliseParam(n, p));
  const schemaCandidate = raw.schema ?? raw.paramsSchema ?? raw.parametersSchema;
  const name = typeof raw.name === "string" ? raw.name : typeof raw.id === "string" ? raw.id : key;
  return {
    name,
    label: typeof raw.label === "string" ? raw.label : typeof raw.title === "string" ? raw.title : name,
    description: typeof raw.description === "string" ? raw.description : "",
    isDefault: raw.default === true || raw.isDefault === true || (index === 0 && name === "lstm-svm"),
    params,
    schema: isZod(schemaCandidate) ? schemaCandidate : null,
  };
}

let cached: MethodInfo[] | undefined;

export function listMethods(): MethodInfo[] {
  if (cached) return cached;
  const registry: unknown = (core as unknown as Loose).METHODS;
  let methods: MethodInfo[] = [];
  if (Array.isArray(registry)) methods = (registry as Loose[]).map((m, i) => normaliseMethod(String(m.name ?? i), m, i));
  else if (registry && typeof registry === "object") {
    methods = Object.entries(registry as Record<string, Loose>).map(([k, m], i) => normaliseMethod(k, m, i));
  }
  cached = methods;
  return methods;
}

export function findMethod(name: string): MethodInfo | undefined {
  return listMethods().find((m) => m.name === name);
}
