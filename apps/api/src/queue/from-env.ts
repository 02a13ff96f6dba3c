// Queue settings from the validated environment (src/env.ts): only the variables that are set
// override the queue's defaults.
import type { Env } from "../env.ts";
import type { QueueSettingsInput } from "./settings.ts";

export function queueSettingsFromEnv(env: Env): QueueSettingsInput {
  const settings: QueueSettingsInput = {};
  if (env.QUEUE_LEASE_SECONDS !== undefined) settings.leaseSeconds = env.QUEUE_LEASE_SECONDS;
  if (env.QUEUE_HEARTBEAT_SECONDS !== undefined) settings.heartbeatSeconds = env.QUEUE_HEARTBEAT_SECONDS;
  if (env.QUEUE_RETRY_LIMIT !== undefined) settings.retryLimit = env.QUEUE_RETRY_LIMIT;
  if (env.QUEUE_RETRY_DELAY_SECONDS !== undefined) settings.retryDelaySeconds = env.QUEUE_RETRY_DELAY_SECONDS;
  if (env.QUEUE_POLL_SECONDS !== undefined) settings.pollingSeconds = env.QUEUE_POLL_SECONDS;
  if (env.TEAM_MAX_RUNNING !== undefined) settings.teamMaxRunning = env.TEAM_MAX_RUNNING;
  if (env.TEAM_MAX_QUEUED !== undefined) settings.teamMaxQueued = env.TEAM_MAX_QUEUED;
  if (env.RUN_MAX_SECONDS !== undefined) settings.runMaxSeconds = env.RUN_MAX_SECONDS;
  if (env.RUN_MAX_MEMORY_MB !== undefined) settings.runMaxMemoryMb = env.RUN_MAX_MEMORY_MB;
  // A short lease needs a heartbeat well inside it.
  if (settings.leaseSeconds !== undefined && settings.heartbeatSeconds === undefined) {
    settings.heartbeatSeconds = Math.min(5, settings.leaseSeconds / 4);
  }
  return settings;
}
