// Wall-clock seconds per pipeline stage (performance.now based).

export interface StageTimer<N extends string = string> {
  /** Starts (or restarts) timing `stage`; time accumulates over repeated start/stop pairs. */
  start(stage: N): void;
  /** Stops `stage` and returns the seconds of this run; throws if it was not started. */
  stop(stage: N): number;
  /** Runs `fn` (sync or async) as `stage` and returns its result; the stage stops even on throw. */
  measure<T>(stage: N, fn: () => T): T;
  /** Accumulated seconds per stage, in first-start order; running stages include time so far. */
  seconds(): Record<N, number>;
  /** Sum of all stages in seconds. */
  total(): number;
}

export function stageTimer<N extends string = string>(now: () => number = () => performance.now()): StageTimer<N> {
  const acc = new Map<N, number>();
  const running = new Map<N, number>();
  const timer: StageTimer<N> = {
    start(stage) {
      if (!acc.has(stage)) acc.set(stage, 0);
      running.set(stage, now());
    },
    stop(stage) {
      const t0 = running.get(stage);
      if (t0 === undefined) throw new Error(`stageTimer: stage "${stage}" is not running`);
      running.delete(stage);
      const s = (now() - t0) / 1000;
      acc.set(stage, (acc.get(stage) ?? 0) + s);
      return s;
    },
    measure<T>(stage: N, fn: () => T): T {
      timer.start(stage);
      let result: T;
      try {
        result = fn();
      } catch (err) {
        timer.stop(stage);
        throw err;
      }
      if (result instanceof Promise) {
        return result.finally(() => timer.stop(stage)) as T;
      }
      timer.stop(stage);
      return result;
    },
    seconds() {
      const out = {} as Record<N, number>;
      const t = now();
      for (const [stage, s] of acc) {
        const t0 = running.get(stage);
        out[stage] = s + (t0 === undefined ? 0 : (t - t0) / 1000);
      }
      return out;
    },
    total() {
      return Object.values<number>(timer.seconds()).reduce((a, b) => a + b, 0);
    },
  };
  return timer;
}
