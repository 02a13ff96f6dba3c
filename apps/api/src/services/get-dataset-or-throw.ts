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
  time: number | null;
  label: string | null;
}

/** Dataset.conditions JSON ([{ id, time?, label? }]) as typed rows with their column index. */
export function datasetConditions(dataset: Pick<Dataset, "conditions">): ConditionInfo[] {
  const raw = Array.isArray(dataset.conditions) ? dataset.conditions : [];
  return raw.map((c, index) => {
    const o = (c && typeof c === "object" && !Array.isArray(c) ? c : {}) as Record<string, unknown>;
    return {
      index,
      id: typeof o.id === "string" ? o.id : String(o.id ?? `c${index + 1}`),
      time: typeof o.time === "number" ? o.time : null,
      label: typeof o.label === "string" ? o.label : null,
    };
  });
}
