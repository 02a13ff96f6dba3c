// How a run reads to people: its title, its stage in words, its parameters with labels.
import { describeParams, type Registry } from "@exprlab/core";
import type { Run } from "@exprlab/db";

/** Stages of the worker around the method's own (which come from the registry). */
const WORKER_STAGES: Record<string, string> = {
  queued: "Waiting for a worker",
  requeued: "Waiting to be retried",
  load: "Loading the data",
  save: "Saving the results",
  done: "Done",
  failed: "Failed",
  canceled: "Canceled",
};

export function stageLabel(run: Pick<Run, "status" | "stage" | "method">, registry: Registry): string {
  if (run.status === "QUEUED") return WORKER_STAGES[run.stage === "requeued" ? "requeued" : "queued"]!;
  const stage = run.stage ?? "queued";
  return registry.get(run.method)?.stages.find((s) => s.id === stage)?.label ?? WORKER_STAGES[stage] ?? stage;
}

export function runTitle(run: Pick<Run, "name" | "method" | "seed">, registry: Registry): string {
  if (run.name) return run.name;
  return `${registry.get(run.method)?.label ?? run.method}, seed ${run.seed}`;
}

export interface RunParameter {
  name: string;
  label: string;
  value: unknown;
  display: string;
  isDefault: boolean;
  group: "main" | "advanced";
}

function display(v: unknown): string {
  if (v === null || v === undefined) return "–";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** Every declared parameter with the run's value (or its default), in declaration order; unknown stored keys last. */
export function runParameters(run: Pick<Run, "method" | "params">, registry: Registry): RunParameter[] {
  const stored = run.params && typeof run.params === "object" && !Array.isArray(run.params) ? (run.params as Record<string, unknown>) : {};
  const method = registry.get(run.method);
  const specs = method ? describeParams(method.params) : [];
  const out: RunParameter[] = specs.map((p) => {
    const has = Object.hasOwn(stored, p.name);
    const value = has ? stored[p.name] : p.default;
    return { name: p.name, label: p.label, value: value ?? null, display: display(value), isDefault: display(value) === display(p.default), group: p.group };
  });
  for (const [name, value] of Object.entries(stored)) {
    if (!specs.some((p) => p.name === name)) out.push({ name, label: name, value, display: display(value), isDefault: false, group: "advanced" });
  }
  return out;
}
