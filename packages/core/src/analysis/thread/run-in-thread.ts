// Runs a method of the built-in registry in its own worker thread, so that the process starting
// it (the API's worker) keeps its event loop: heartbeats, progress writes and other runs go on
// whatever the method computes. Cancelling or going over the time budget terminates the thread
// at once (no cooperation needed from the method); the JS heap is capped by resourceLimits.
//
// Loading the engine in a fresh thread takes seconds (tfjs, the methods), so a caller can start a
// thread ahead of time (startEngineThread) and hand it the next job when one arrives; each thread
// runs one job and exits, so no state survives from one run to the next.
import { Worker } from "node:worker_threads";
import { CancelledError, InputError, ResourceLimitError } from "../../errors.ts";
import type { ProgressEvent } from "../../types.ts";
import type { AnalysisResult } from "../envelope.ts";
import type { KindInputs, RunKind } from "../kinds/index.ts";
import { transferablesOf, type SerializedError, type ThreadJob, type ThreadMessage } from "./protocol.ts";

const ENTRY = new URL("./thread-entry.mjs", import.meta.url);

export interface ThreadJobOptions<K extends RunKind> {
  methodId: string;
  input: KindInputs[K];
  params: unknown;
  seed: number;
  /** Checkpoints of earlier attempts (key -> JSON value). */
  checkpoints?: Record<string, unknown>;
  onProgress?: (event: ProgressEvent) => void;
  /** Called for each checkpoint the method saves (persist it so that a retry can resume). */
  onCheckpoint?: (key: string, value: unknown) => void;
  /** Wall-clock budget of the job in seconds, from the moment it is handed to the thread. */
  timeLimitSeconds?: number;
}

export interface ThreadOptions {
  /** Cap of the thread's JS heap in MB (V8 old generation). Default: Node's own limit. */
  memoryLimitMb?: number;
}

export interface ThreadRun<K extends RunKind> {
  /** Resolves with the result; rejects with CancelledError, ResourceLimitError, InputError or Error. */
  readonly result: Promise<AnalysisResult<K>>;
  /** Terminates the thread; `result` rejects with CancelledError. Resolves once the thread is gone. */
  cancel(): Promise<void>;
}

export interface EngineThread {
  /** Resolves when the engine is loaded in the thread. */
  readonly ready: Promise<void>;
  readonly threadId: number;
  /** Hands the thread its one job. */
  run<K extends RunKind>(job: ThreadJobOptions<K>): ThreadRun<K>;
  /** Stops an idle (or running) thread. */
  terminate(): Promise<void>;
}

function revive(e: SerializedError): Error {
  if (e.name === "InputError") return new InputError(e.message, e.location ?? {});
  if (e.name === "CancelledError") return new CancelledError(e.message);
  const error = new Error(e.message);
  error.name = e.name;
  if (e.stack) error.stack = e.stack;
  return error;
}

function formatSeconds(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function startEngineThread(options: ThreadOptions = {}): EngineThread {
  const worker = new Worker(ENTRY, {
    execArgv: [],
    ...(options.memoryLimitMb ? { resourceLimits: { maxOldGenerationSizeMb: options.memoryLimitMb } } : {}),
  });
  let stopReason: Error | null = null;
  let failure: Error | null = null;
  let onMessage: ((m: ThreadMessage) => void) | null = null;
  let onEnd: ((e: Error) => void) | null = null;
  let used = false;

  const ended = (error: Error) => {
    failure ??= error;
    onEnd?.(failure);
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on("message", (m: ThreadMessage) => (m.type === "ready" ? resolve() : onMessage?.(m)));
    worker.on("error", (error: Error & { code?: string }) => {
      const e =
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ResourceLimitError("memory", `the run went over its memory cap of ${options.memoryLimitMb} MB`)
          : error;
      reject(e);
      ended(e);
    });
    worker.on("exit", (code) => {
      const e = stopReason ?? new Error(`the engine thread exited with code ${code} before it reported a result`);
      reject(e);
      ended(e);
    });
  });
  ready.catch(() => {});

  return {
    ready,
    threadId: worker.threadId,
    terminate: async () => {
      stopReason ??= new CancelledError();
      await worker.terminate();
    },
    run<K extends RunKind>(job: ThreadJobOptions<K>): ThreadRun<K> {
      if (used) throw new Error("an engine thread runs one job");
      used = true;
      let timer: NodeJS.Timeout | undefined;
      const result = new Promise<AnalysisResult<K>>((resolve, reject) => {
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          if (timer) clearTimeout(timer);
          fn();
          void worker.terminate();
        };
        onEnd = (e) => settle(() => reject(e));
        if (failure) return onEnd(failure);
        onMessage = (m) => {
          if (m.type === "progress") job.onProgress?.(m.event);
          else if (m.type === "checkpoint") job.onCheckpoint?.(m.key, m.value);
          else if (m.type === "result") settle(() => resolve(m.result as AnalysisResult<K>));
          else if (m.type === "error") settle(() => reject(revive(m.error)));
        };
        const message: ThreadJob = {
          methodId: job.methodId,
          input: job.input,
          params: job.params,
          seed: job.seed,
          checkpoints: job.checkpoints ?? {},
        };
        worker.postMessage(message, transferablesOf(job.input));
        if (job.timeLimitSeconds) {
          const limit = job.timeLimitSeconds;
          timer = setTimeout(() => {
            stopReason = new ResourceLimitError("time", `the run went over its time budget of ${formatSeconds(limit)}`);
            void worker.terminate();
          }, limit * 1000);
        }
      });
      // A rejection nobody awaits yet (e.g. while cancel() runs) must not crash the process.
      result.catch(() => {});
      return {
        result,
        cancel: async () => {
          stopReason ??= new CancelledError();
          await worker.terminate();
        },
      };
    },
  };
}

/** Starts a thread and runs one job in it. */
export function runInThread<K extends RunKind>(job: ThreadJobOptions<K> & ThreadOptions): ThreadRun<K> {
  return startEngineThread(job).run(job);
}
