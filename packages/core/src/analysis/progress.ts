// Progress over a planned sequence of stages: each segment has a weight (its expected share of
// the run's time); `enter(stage)` moves to the next planned segment of that stage, so repeated
// stages (outer iterations) advance the overall fraction, and skipped segments are jumped over.
import type { ProgressCallback } from "../types.ts";

export interface Segment {
  stage: string;
  weight: number;
}

export interface ProgressTracker {
  enter(stage: string): void;
  /** Reports `fraction` (0..1) of the current segment. */
  update(fraction: number, message?: string): void;
  /** Marks the run complete (overall 1). */
  done(): void;
}

export function progressTracker(planned: readonly Segment[], callback: ProgressCallback | undefined): ProgressTracker {
  const plan = [...planned];
  const total = plan.reduce((a, s) => a + s.weight, 0) || 1;
  let index = -1;
  let before = 0;
  let lastOverall = 0;
  const emit = (fraction: number, message?: string) => {
    if (!callback || index < 0) return;
    const seg = plan[index]!;
    const f = Math.min(1, Math.max(0, fraction));
    // Monotone overall, even when a stage reports a smaller fraction than before.
    lastOverall = Math.max(lastOverall, Math.min(1, (before + seg.weight * f) / total));
    callback({ stage: seg.stage, fraction: f, overall: lastOverall, ...(message ? { message } : {}) });
  };
  return {
    enter(stage) {
      let j = index + 1;
      while (j < plan.length && plan[j]!.stage !== stage) j++;
      if (j >= plan.length) {
        // Unplanned: append a zero-weight segment so callers still get stage events.
        plan.push({ stage, weight: 0 });
        j = plan.length - 1;
      }
      before = plan.slice(0, j).reduce((a, s) => a + s.weight, 0);
      index = j;
      emit(0);
    },
    update: emit,
    done() {
      if (!callback) return;
      lastOverall = 1;
      const stage = index >= 0 ? plan[index]!.stage : (plan.at(-1)?.stage ?? "done");
      callback({ stage, fraction: 1, overall: 1 });
    },
  };
}
