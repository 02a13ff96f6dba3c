// The new-run form's values (strings, as inputs hold them) to typed method parameters, and back.
// Generic over the registry's parameter description: nothing here knows a particular method.
import type { MethodParamViewFragment } from "../../generated/graphql.ts";

export type ParamInfo = MethodParamViewFragment;
export type FormValues = Record<string, string>;

/** The text an input shows for a parameter's default ("" when it has none). */
export function defaultText(p: ParamInfo): string {
  if (p.default === null || p.default === undefined) return "";
  if (Array.isArray(p.default)) return p.default.join(",");
  return String(p.default);
}

export type Parsed = { ok: true; params: Record<string, unknown> } | { ok: false; field: string; message: string };

/**
 * Typed values of the parameters that differ from their defaults (the API fills in the rest);
 * a readable error naming the field otherwise. Bounds and types are those the method declares.
 */
export function parseParamValues(params: ParamInfo[], values: FormValues): Parsed {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    const raw = (values[p.name] ?? defaultText(p)).trim();
    if (raw === defaultText(p)) continue;
    if (raw === "") {
      if (p.optional) continue;
      return { ok: false, field: p.name, message: `${p.label} needs a value.` };
    }
    if (p.alternatives?.includes(raw)) {
      out[p.name] = raw;
      continue;
    }
    switch (p.type) {
      case "BOOLEAN":
        out[p.name] = raw === "true";
        break;
      case "ENUM":
      case "STRING":
        out[p.name] = raw;
        break;
      case "ENUM_LIST":
        out[p.name] = raw.split(",").filter(Boolean);
        break;
      default: {
        const n = Number(raw);
        if (!Number.isFinite(n)) return { ok: false, field: p.name, message: `${p.label} must be a number.` };
        if (p.type === "INTEGER" && !Number.isInteger(n)) return { ok: false, field: p.name, message: `${p.label} must be a whole number.` };
        if (p.min !== null && n < p.min) return { ok: false, field: p.name, message: `${p.label} must be at least ${p.min}.` };
        if (p.max !== null && n > p.max) return { ok: false, field: p.name, message: `${p.label} must be at most ${p.max}.` };
        out[p.name] = n;
      }
    }
  }
  return { ok: true, params: out };
}
