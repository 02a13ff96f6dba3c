// What a method sees of the run it executes: seed and RNG, cancellation, stage progress (timed),
// warnings, the compute backend it used, and checkpoints of an earlier attempt to resume from.
import { CancelledError } from "../errors.ts";
import { createRng, type Rng } from "../random.ts";
import type { ProgressCallback } from "../types.ts";
import type { PlannedSegment, StageSpec } from "./define.ts";
import { progressTracker } from "./progress.ts";

export interface BackendRecord {
  /** Backend that ran the numerical work, e.g. "wasm", "tensorflow", "cpu", "kernel". */
  name: string;
  requested: string;
  attempts: { name: string; ok: boolean; error?: string }[];
}

/**
 * Work saved by an earlier attempt of the same run (e.g. trained weights), so that a run retried
 * after a crash skips finished stages. Values are JSON-serialisable.
 */
export interface CheckpointStore {
  get(key: string): unknown;
  put(key: string, value: unknown): void;
}

export interface RunContext {
  readonly seed: number;
  /** The run's generator; fork it per stage (rng.fork("name")) so stages do not shift each other. */
  readonly rng: Rng;
  readonly signal: AbortSignal | undefined;
  /** Moves to `stage` (a declared stage id): progress jumps to its planned segment, its timer starts. */
  enter(stage: string): void;
  /** Progress 0..1 within the current stage. */
  progress(fraction: number, message?: string): void;
  /** Throws CancelledError once the run is cancelled. */
  throwIfCancelled(): void;
  /** Something the user should know about the result (shown with it). */
  warn(message: string): void;
  setBackend(backend: BackendRecord | null): void;
  readonly checkpoints: CheckpointStore;
  /** Records that `stage` was restored from a checkpoint instead of computed. */
  resumed(stage: string): void;
}

export interface StageTiming {
  id: string;
  label: string;
  seconds: number;
}

export interface ContextReport {
  stages: StageTiming[];
  totalSeconds: number;
  warnings: string[];
  resumed: string[];
  backend: BackendRecord | null;
}

export interface ContextOptions {
  seed: number;
  stages: readonly StageSpec[];
  plan: PlannedSegment[];
  signal?: AbortSignal | undefined;
  onProgress?: ProgressCallback | undefined;
  checkpoints?: CheckpointStore | undefined;
}

const noCheckpoints: CheckpointStore = { get: () => undefined, put: () => {} };

export function createRunContext(options: ContextOptions): { ctx: RunContext; finish(): ContextReport } {
  const labels = new Map(options.stages.map((s) => [s.id, s.label]));
  const tracker = progressTracker(options.plan, options.onProgress);
  const seconds = new Map<string, number>();
  const warnings: string[] = [];
  const resumed: string[] = [];
  let backend: BackendRecord | null = null;
  let current: { stage: string; t0: number } | null = null;
  const t0 = performance.now();
  const { signal } = options;

  const closeStage = () => {
    if (!current) return;
    seconds.set(current.stage, (seconds.get(current.stage) ?? 0) + (performance.now() - current.t0) / 1000);
    current = null;
  };
  const throwIfCancelled = () => {
    if (signal?.aborted) throw new CancelledError();
  };

  const ctx: RunContext = {
    seed: options.seed,
    rng: createRng(options.seed),
    signal,
    enter(stage) {
      if (!labels.has(stage)) throw new Error(`stage "${stage}" is not declared by the method`);
      throwIfCancelled();
      closeStage();
      current = { stage, t0: performance.now() };
      if (!seconds.has(stage)) seconds.set(stage, 0);
      tracker.enter(stage);
    },
    progress: (fraction, message) => tracker.update(fraction, message),
    throwIfCancelled,
    warn: (message) => {
      if (!warnings.includes(message)) warnings.push(message);
    },
    setBackend: (b) => {
      backend = b;
    },
    checkpoints: options.checkpoints ?? noCheckpoints,
    resumed: (stage) => {
      if (!resumed.includes(stage)) resumed.push(stage);
    },
  };

  return {
    ctx,
    finish() {
      closeStage();
      tracker.done();
      return {
        stages: [...seconds].map(([id, s]) => ({ id, label: labels.get(id)!, seconds: s })),
        totalSeconds: (performance.now() - t0) / 1000,
        warnings,
        resumed,
        backend,
      };
    },
  };
}
