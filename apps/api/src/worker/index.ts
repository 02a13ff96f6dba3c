// The analysis worker: claims runs from the queue and runs them in engine threads.
export { startWorker, newWorkerId } from "./worker.ts";
export type { RunningWorker, StartWorkerOptions } from "./worker.ts";
export { executeRun } from "./execute-run.ts";
export type { Outcome } from "./execute-run.ts";
export { loadMatrix } from "./kinds/index.ts";
export { takeOverShutdownSignals } from "../process/shutdown-signals.ts";
