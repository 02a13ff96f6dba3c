// Timing and retry policy of the run queue. One place, so that the API (enqueue), the workers and
// the tests agree. Production defaults favour few writes; tests pass small values so that a killed
// worker's run comes back within a few seconds.
import { z } from "zod";

export const queueSettingsSchema = z.object({
  /**
   * Lease of a running job in seconds (pg-boss expireInSeconds). A worker renews it every
   * `heartbeatSeconds`; a job whose lease is not renewed (killed worker) is failed by pg-boss
   * maintenance and retried by another worker. Default 120.
   */
  leaseSeconds: z.number().int().min(2).max(23 * 3600).default(120),
  /** How often a worker renews its leases, writes Run.heartbeatAt and polls cancelRequested. Default 15. */
  heartbeatSeconds: z.number().min(0.2).default(15),
  /** Deliveries after the first (pg-boss retryLimit); a run is attempted at most retryLimit + 1 times. Default 3. */
  retryLimit: z.number().int().min(0).max(100).default(3),
  /** Seconds before a failed delivery is retried (pg-boss retryDelay, with backoff). Default 5. */
  retryDelaySeconds: z.number().int().min(0).default(5),
  /** Exponential backoff between retries. Default true. */
  retryBackoff: z.boolean().default(true),
  /** How often an idle worker asks for work (pg-boss polling, >= 0.5). Default 2. */
  pollingSeconds: z.number().min(0.5).default(2),
  /** How often pg-boss maintenance looks for expired leases (one instance does it at a time). Default 15. */
  maintenanceSeconds: z.number().int().min(1).default(15),
  /** pg-boss schema in the database. Default "pgboss". */
  schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default("pgboss"),
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

/** Small values for integration tests: a dead worker's job is back in the queue within ~5 s. */
export const FAST_TEST_QUEUE_SETTINGS: QueueSettingsInput = {
  leaseSeconds: 4,
  heartbeatSeconds: 0.5,
  retryLimit: 3,
  retryDelaySeconds: 0,
  retryBackoff: false,
  pollingSeconds: 0.5,
  maintenanceSeconds: 1,
};
