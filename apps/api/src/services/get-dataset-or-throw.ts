import type { Dataset } from "@exprlab/db";
import { teamScope } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import type { Db } from "./db.ts";

/** A dataset of one of the caller's teams; anything else is NOT_FOUND. */
export async function getDatasetOrThrow(db: Db, caller: Caller, id: string): Promise<Dataset> {
  const dataset = await db.dataset.findFirst({ where: { id, ...teamScope(caller) } });
  if (!dataset) throw notFound("Dataset");
  return dataset;
}

export interface ConditionInfo {
  index: number;
  id: string;
  /** Hours. */
  time: number | null;
  /** The unit the time was given in (s, min, h, d, w), for display. */
  timeUnit: string | null;
  label: string | null;
  group: string | null;
  replicate: string | null;
  subject: string | null;
  /** Other sample-sheet columns by header name. */
  fields: Record<string, string>;
}

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/** Dataset.conditions JSON (core's Condition: { id, time?, timeUnit?, label?, group?, ... }) as typed rows with their column index. */
export function datasetConditions(dataset: Pick<Dataset, "conditions">): ConditionInfo[] {
  const raw = Array.isArray(dataset.conditions) ? dataset.conditions : [];
  return raw.map((c, index) => {
    const o = (c && typeof c === "object" && !Array.isArray(c) ? c : {}) as Record<string, unknown>;
    return {
      index,
      id: typeof o.id === "string" ? o.id : String(o.id ?? `c${index + 1}`),
      time: typeof o.time === "number" && Number.isFinite(o.time) ? o.time : null,
      timeUnit: text(o.timeUnit),
      label: typeof o.label === "string" ? o.label : null,
      group: text(o.group),
      replicate: text(o.replicate),
      subject: text(o.subject),
      fields:
        o.fields && typeof o.fields === "object" && !Array.isArray(o.fields)
          ? Object.fromEntries(Object.entries(o.fields as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string"))
          : {},
    };
  });
}
