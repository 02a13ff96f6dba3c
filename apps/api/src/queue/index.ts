// The run queue: the Run table as the job queue (claims, leases, fair share) and LISTEN/NOTIFY wake-ups.
export { claimNextRun } from "./claim.ts";
export type { ClaimedRun, Owner } from "./claim.ts";
export { createRunNotifier, listenForRuns, RUN_CANCEL_CHANNEL, RUN_QUEUED_CHANNEL } from "./notify.ts";
export type { ListenHandlers, QueueListener, RunEnqueuer } from "./notify.ts";
export { defaultWorkerConcurrency, FAST_TEST_QUEUE_SETTINGS, queueSettingsSchema, resolveQueueSettings } from "./settings.ts";
export type { QueueSettings, QueueSettingsInput } from "./settings.ts";
export { queueSettingsFromEnv } from "./from-env.ts";
