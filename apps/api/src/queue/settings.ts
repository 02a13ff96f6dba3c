// Timing, retry, fairness and resource policy of the run queue. One place, so that the API
// (cost checks), the workers and the tests agree. Tests pass small values so that a killed
// worker's run comes back within seconds.
import { availableParallelism } from "node:os";
import { z } from "zod";

export const queueSettingsSchema = z.object({
  /**
   * Lease of a running run in seconds: a worker writes the run's heartbeat every
   * `heartbeatSeconds`; a run whose heartbeat is older than the lease (its worker died) is claimed
   * again by another worker. Default 60.
   */
  leaseSeconds: z.number().min(2).max(3600).default(60),
  /** How often a worker writes heartbeats and reads cancel requests. Default 5. */
  heartbeatSeconds: z.number().min(0.2).default(5),
  /** Attempts after the first; a run is tried at most retryLimit + 1 times. Default 3. */
  retryLimit: z.number().int().min(0).max(100).default(3),
  /** Seconds before a released run is claimed again (doubled per attempt with backoff). Default 5. */
  retryDelaySeconds: z.number().min(0).default(5),
  retryBackoff: z.boolean().default(true),
  /** How often an idle worker looks for runs when no notification arrives. Default 2. */
  pollingSeconds: z.number().min(0.2).default(2),
  /** Runs of one team running at once across all workers (the rest wait their turn). Default 2. */
  teamMaxRunning: z.number().int().min(1).max(1000).default(2),
  /** Runs one team may have waiting; more are refused (LIMIT_EXCEEDED). Default 50. */
  teamMaxQueued: z.number().int().min(1).max(100_000).default(50),
  /** Wall-clock budget of one run in seconds: over it the run fails and the worker carries on. Default 3600. */
  runMaxSeconds: z.number().min(1).max(7 * 24 * 3600).default(3600),
  /** JS heap cap of one run's engine thread in MB. Default 4096. */
  runMaxMemoryMb: z.number().int().min(8).max(1_000_000).default(4096),
});

export type QueueSettings = z.infer<typeof queueSettingsSchema>;
export type QueueSettingsInput = z.input<typeof queueSettingsSchema>;

export function resolveQueueSettings(input: QueueSettingsInput = {}): QueueSettings {
  const settings = queueSettingsSchema.parse(input);
  if (settings.heartbeatSeconds * 2 > settings.leaseSeconds) {
    throw new Error(
      `queue settings: heartbeatSeconds (${settings.heartbeatSeconds}) must be at most half of leaseSeconds (${settings.leaseSeconds})`,
    );
  }
  return settings;
}

/** Runs per worker process by default: one core is left to the API, PostgreSQL and the web app. */
export function defaultWorkerConcurrency(): number {
  return Math.max(1, availableParallelism() - 1);
}

/** Small values for integration tests: a dead worker's run is back within ~5 s. */
export const FAST_TEST_QUEUE_SETTINGS: QueueSettingsInput = {
  leaseSeconds: 4,
  heartbeatSeconds: 0.5,
  retryLimit: 3,
  retryDelaySeconds: 0,
  retryBackoff: false,
  pollingSeconds: 0.5,
};
