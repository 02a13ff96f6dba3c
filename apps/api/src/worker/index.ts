// The analysis worker: queue consumer and the run-analysis handler.
export { startWorker, newWorkerId } from "./worker.ts";
export type { RunningWorker, StartWorkerOptions } from "./worker.ts";
export { createRunAnalysisHandler, runAnalysis, claimRun, loadMatrix, failAbandonedRun } from "./run-analysis.ts";
export type { RunAnalysisDeps } from "./run-analysis.ts";
export { takeOverShutdownSignals } from "../process/shutdown-signals.ts";
