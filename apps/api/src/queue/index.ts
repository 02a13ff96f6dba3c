// The run queue (pg-boss): enqueue from the API, consume in workers.
export {
  createRunQueue,
  JobAbortedError,
  RUN_QUEUE,
  RUN_DEAD_LETTER_QUEUE,
  runJobPayloadSchema,
} from "./run-queue.ts";
export type {
  CreateRunQueueOptions,
  JobAbortReason,
  RunJob,
  RunJobHandler,
  RunJobPayload,
  RunQueue,
  StopOptions,
  WorkOptions,
} from "./run-queue.ts";
export { FAST_TEST_QUEUE_SETTINGS, queueSettingsSchema, resolveQueueSettings } from "./settings.ts";
export type { QueueSettings, QueueSettingsInput } from "./settings.ts";
export { queueSettingsFromEnv } from "./from-env.ts";
