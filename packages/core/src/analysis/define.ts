// A method of the registry, declared in one file of its own folder (like a Galaxy tool): who it
// is, what it takes, its parameters with their form metadata, its stages, a cost estimate and
// the run function. Everything else (API validation, the `methods` query, the new-run form, stage
// names, the CLI) is derived from this declaration.
import type { z } from "zod";
import type { InputShape, KindInputs, KindPayloads, RunKind } from "./kinds/index.ts";
import type { RunContext } from "./context.ts";

export interface StageSpec {
  /** Stable id used in progress events and timings, e.g. "lstm-train". */
  id: string;
  /** Shown to people, e.g. "Training the LSTM". */
  label: string;
}

export interface PlannedSegment {
  stage: string;
  /** Expected share of the run's time (any unit; only ratios matter). */
  weight: number;
}

export interface CostEstimate {
  /** Expected wall-clock seconds on one core of a typical machine. */
  seconds: number;
  /** Expected peak memory of the run in MB. */
  memoryMb: number;
}

export interface MethodDefinition<K extends RunKind = RunKind, S extends z.ZodObject = z.ZodObject> {
  /** Registry key, kebab-case, e.g. "lstm-svm". */
  id: string;
  kind: K;
  label: string;
  /** One line: what the method does. */
  description: string;
  /** The literature it follows (citation as text). */
  reference: string;
  /** Parameters: each field has `.meta({ label, help, group })`, bounds and a default. */
  params: S;
  /** Every stage the method may enter, in pipeline order. */
  stages: readonly StageSpec[];
  /** Progress weights of the stages for these parameters (repeated stages appear repeatedly). Default: declared stages, equal weights. */
  plan?(params: z.output<S>): PlannedSegment[];
  /** Rules across parameters (throw InputError naming the field). */
  validate?(params: z.output<S>): void;
  /** Expected cost for an input of this shape; the API refuses runs over the installation's budget. */
  estimate?(shape: InputShape, params: z.output<S>): CostEstimate;
  /** Small parameters for the shared method checks (a few seconds at most). */
  checkParams?: Partial<z.input<S>>;
  // Method syntax (not a function property) on purpose: the registry holds methods of every
  // parameter type as AnyMethod, which needs bivariant parameter checks.
  run(input: KindInputs[K], params: z.output<S>, ctx: RunContext): Promise<KindPayloads[K]>;
}

/** A registered method with its parameter type erased (the registry holds methods of every kind). */
export type AnyMethod = MethodDefinition<RunKind, z.ZodObject>;

/** Declares a method; the identity function that checks the declaration's types. */
export function defineMethod<K extends RunKind, S extends z.ZodObject>(definition: MethodDefinition<K, S>): MethodDefinition<K, S> {
  return definition;
}
