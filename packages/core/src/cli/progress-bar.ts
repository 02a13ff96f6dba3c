// A progress bar on stderr (cli-progress) fed by pipeline ProgressEvents.
import cliProgress from "cli-progress";
import type { ProgressEvent } from "../types.ts";

export interface ProgressBar {
  /** `label`: the stage as people read it (from the method's declaration). */
  update(event: ProgressEvent & { label?: string }): void;
  stop(): void;
}

export function createProgressBar(): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      format: " {bar} {percentage}% | {stage} {detail}",
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let stopped = false;
  return {
    update(e) {
      if (stopped) return;
      const value = Math.round((e.overall ?? 0) * 1000);
      const payload = { stage: e.label ?? e.stage, detail: e.message ?? `${Math.round(e.fraction * 100)}%` };
      if (!started) {
        bar.start(1000, value, payload);
        started = true;
      } else bar.update(value, payload);
    },
    stop() {
      if (started && !stopped) bar.stop();
      stopped = true;
    },
  };
}
