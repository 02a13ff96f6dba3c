// Main module of an engine worker thread. It loads the engine (the slow part: tfjs and the
// methods), says "ready", then runs the ONE job it is sent and reports progress, checkpoints and
// the result (or the error). Threads are never reused, so no state leaks from one run to the next;
// the parent terminates the thread to cancel it or when it exceeds its time budget.
import { parentPort } from "node:worker_threads";
import { InputError } from "../../errors.ts";
import { METHODS } from "../../methods/index.ts";
import { runMethod } from "../run-method.ts";
import type { KindInputs, RunKind } from "../kinds/index.ts";
import type { SerializedError, ThreadJob, ThreadMessage } from "./protocol.ts";

const port = parentPort;
if (!port) throw new Error("thread-main must run in a worker thread");
const post = (message: ThreadMessage) => port.postMessage(message);

function serialize(error: unknown): SerializedError {
  if (error instanceof InputError) return { name: error.name, message: error.detail, location: { ...error.location } };
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: "Error", message: String(error) };
}

async function run(job: ThreadJob): Promise<void> {
  try {
    const method = METHODS.require(job.methodId);
    const checkpoints = new Map(Object.entries(job.checkpoints));
    const result = await runMethod(method, job.input as KindInputs[RunKind], job.params, {
      seed: job.seed,
      onProgress: (event) => post({ type: "progress", event }),
      checkpoints: {
        get: (key) => checkpoints.get(key),
        put: (key, value) => {
          checkpoints.set(key, value);
          post({ type: "checkpoint", key, value });
        },
      },
    });
    post({ type: "result", result });
  } catch (error) {
    post({ type: "error", error: serialize(error) });
  }
}

port.once("message", (job: ThreadJob) => void run(job));
post({ type: "ready" });
