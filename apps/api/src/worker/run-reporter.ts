// Progress and heartbeat of a running run, written from the worker's event loop (the engine runs
// in its own thread, so these keep flowing whatever it computes). Each write is conditional on
// ownership and reads cancelRequested back, so a cancel from the API or a lost claim is noticed
// within one heartbeat even if the NOTIFY was missed.
import type { ProgressEvent } from "@exprlab/core";
import type { PrismaClient } from "@exprlab/db";
import type { Owner } from "../queue/claim.ts";

export interface ReporterOptions {
  /** Minimum time between progress writes (ms). */
  progressIntervalMs: number;
  /** Heartbeat interval (ms). */
  heartbeatMs: number;
  onCancelRequested(): void;
  onClaimLost(): void;
  log(message: string): void;
}

export class RunReporter {
  private latest: { progress: number | null; stage: string | null } = { progress: null, stage: null };
  private lastWrite = 0;
  private chain: Promise<void> = Promise.resolve();
  private inFlight = false;
  /** A stage change arrived during a write: write again right after it. */
  private pendingStage = false;
  private stopped = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly owner: Owner,
    private readonly options: ReporterOptions,
  ) {
    this.timer = setInterval(() => {
      if (!this.inFlight) void this.flush();
    }, options.heartbeatMs);
  }

  /** Engine progress: written at most every progressIntervalMs, and at once when the stage changes. */
  progress(event: ProgressEvent): void {
    const overall = event.overall ?? this.latest.progress ?? 0;
    const newStage = event.stage !== this.latest.stage;
    this.latest = { progress: Math.min(1, Math.max(0, overall)), stage: event.stage };
    if (this.inFlight) {
      if (newStage) this.pendingStage = true;
      return;
    }
    if (newStage || Date.now() - this.lastWrite >= this.options.progressIntervalMs) void this.flush();
  }

  /** A worker-side stage (load, save): written at once. */
  async stage(stage: string, overall?: number): Promise<void> {
    this.latest = { progress: overall ?? this.latest.progress, stage };
    await this.flush();
  }

  private flush(): Promise<void> {
    if (this.stopped) return this.chain;
    this.inFlight = true;
    this.lastWrite = Date.now();
    const { progress, stage } = this.latest;
    this.chain = this.chain
      .then(async () => {
        const rows = await this.prisma.$queryRaw<{ cancelRequested: boolean }[]>`
          UPDATE "Run" SET "heartbeatAt" = now(),
            progress = COALESCE(${progress}::float8, progress), stage = COALESCE(${stage}::text, stage)
          WHERE id = ${this.owner.runId} AND "workerId" = ${this.owner.workerId}
            AND attempts = ${this.owner.attempt} AND status = 'RUNNING'
          RETURNING "cancelRequested"`;
        const row = rows[0];
        if (!row) this.options.onClaimLost();
        else if (row.cancelRequested) this.options.onCancelRequested();
      })
      .catch((error: unknown) => this.options.log(`run ${this.owner.runId}: heartbeat failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.inFlight = false;
        if (this.pendingStage) {
          this.pendingStage = false;
          void this.flush();
        }
      });
    return this.chain;
  }

  /** Stops the heartbeat and waits for the last write. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.stopped = true;
    await this.chain;
  }
}
