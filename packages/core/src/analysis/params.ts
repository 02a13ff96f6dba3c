// A method's parameters are one zod object. From it we derive everything a front end needs (the
// form fields, `exprlab methods`, the API's `methods` query) and the validation of a run request.
import { z } from "zod";
import { InputError } from "../errors.ts";
import type { ParamGroup } from "./meta.ts";

export type ParamType = "integer" | "number" | "boolean" | "enum" | "string" | "enum-list";

/** One parameter as a form shows it. */
export interface ParamSpec {
  name: string;
  label: string;
  help: string;
  group: ParamGroup;
  unit: string | null;
  type: ParamType;
  /** Default value (null when there is none). */
  default: unknown;
  /** May be left empty (no default: the method decides, e.g. "all genes"). */
  optional: boolean;
  /** Inclusive bounds of numbers (length bounds of lists). */
  min: number | null;
  max: number | null;
  /** Allowed values of an enum or enum-list. */
  options: string[] | null;
  /** Literal values accepted instead of a number or boolean, e.g. ["auto"] for K. */
  alternatives: string[] | null;
}

type AnyZod = z.ZodType;

function unwrap(schema: AnyZod): { inner: AnyZod; dflt: unknown; optional: boolean } {
  let inner = schema;
  let dflt: unknown;
  let optional = false;
  for (;;) {
    if (inner instanceof z.ZodDefault) {
      dflt = (inner as z.ZodDefault<AnyZod>).def.defaultValue;
      inner = (inner as z.ZodDefault<AnyZod>).def.innerType as AnyZod;
    } else if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = (inner as z.ZodOptional<AnyZod>).def.innerType as AnyZod;
    } else if (inner instanceof z.ZodNullable) {
      optional = true;
      inner = (inner as z.ZodNullable<AnyZod>).def.innerType as AnyZod;
    } else break;
  }
  return { inner, dflt, optional };
}

function finite(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : v;
}

function classify(name: string, inner: AnyZod): Pick<ParamSpec, "type" | "min" | "max" | "options" | "alternatives"> {
  const base = { min: null, max: null, options: null, alternatives: null };
  if (inner instanceof z.ZodNumber) {
    return { ...base, type: inner.isInt ? "integer" : "number", min: finite(inner.minValue), max: finite(inner.maxValue) };
  }
  if (inner instanceof z.ZodBoolean) return { ...base, type: "boolean" };
  if (inner instanceof z.ZodEnum) return { ...base, type: "enum", options: (inner as z.ZodEnum).options.map(String) };
  if (inner instanceof z.ZodString) return { ...base, type: "string", min: finite(inner.minLength), max: finite(inner.maxLength) };
  if (inner instanceof z.ZodArray) {
    const element = (inner as z.ZodArray<AnyZod>).def.element as AnyZod;
    if (element instanceof z.ZodEnum) {
      const checks = (inner as z.ZodArray<AnyZod>).def.checks ?? [];
      let min: number | null = null;
      let max: number | null = null;
      for (const check of checks) {
        const def = (check as unknown as { _zod: { def: { check: string; minimum?: number; maximum?: number } } })._zod.def;
        if (def.check === "min_length") min = def.minimum ?? null;
        if (def.check === "max_length") max = def.maximum ?? null;
      }
      return { ...base, type: "enum-list", options: (element as z.ZodEnum).options.map(String), min, max };
    }
  }
  if (inner instanceof z.ZodUnion) {
    const options = (inner as z.ZodUnion<AnyZod[]>).options as AnyZod[];
    const literals = options.filter((o): o is z.ZodLiteral => o instanceof z.ZodLiteral);
    const rest = options.filter((o) => !(o instanceof z.ZodLiteral));
    if (rest.length === 1 && literals.length >= 1) {
      const main = classify(name, rest[0]!);
      return { ...main, alternatives: literals.flatMap((l) => [...l.values].map(String)) };
    }
  }
  throw new Error(`parameter "${name}": unsupported zod type for a form field (${inner.constructor.name})`);
}

/** Form fields of a parameter schema, in declaration order. Throws on a parameter without meta. */
export function describeParams(schema: z.ZodObject): ParamSpec[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const s = field as AnyZod;
    const meta = s.meta() ?? {};
    if (!meta.label || !meta.help || !meta.group) {
      throw new Error(`parameter "${name}" needs .meta({ label, help, group })`);
    }
    const { inner, dflt, optional } = unwrap(s);
    return {
      name,
      label: meta.label,
      help: meta.help,
      group: meta.group,
      unit: meta.unit ?? null,
      ...classify(name, inner),
      default: dflt === undefined ? null : dflt,
      optional: optional && dflt === undefined,
    };
  });
}

/**
 * Validates a run's raw parameters against a schema: a JSON object whose keys are parameters of
 * the method, each valid; defaults filled in. Errors are InputErrors naming the parameter.
 */
export function parseParamsWith<S extends z.ZodObject>(schema: S, raw: unknown, methodId: string): z.output<S> {
  const input = raw ?? {};
  if (typeof input !== "object" || Array.isArray(input) || input === null) {
    throw new InputError("parameters must be a JSON object", { field: "params" });
  }
  const known = new Set(Object.keys(schema.shape));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new InputError(`"${key}" is not a parameter of ${methodId}`, { field: key });
  }
  const res = schema.safeParse(input);
  if (!res.success) {
    const issue = res.error.issues[0]!;
    const field = issue.path.map(String).join(".");
    throw new InputError(`invalid value: ${issue.message}`, field ? { field } : { field: "params" });
  }
  return res.data;
}
