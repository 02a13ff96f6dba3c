// Wake-ups over PostgreSQL LISTEN/NOTIFY: the API says "a run is waiting" or "cancel run X", idle
// workers claim at once instead of at their next poll, and the worker running X stops it within
// moments. Notifications are only a hint: workers also poll, so a lost one delays, never loses.
import pg from "pg";
import type { PrismaClient } from "@exprlab/db";

export const RUN_QUEUED_CHANNEL = "exprlab_run_queued";
export const RUN_CANCEL_CHANNEL = "exprlab_run_cancel";

/** What the API needs from the queue. */
export interface RunEnqueuer {
  /** Tells the workers that `runId` is waiting (the QUEUED row is the job). */
  enqueue(runId: string): Promise<void>;
  /** Tells the worker running `runId` to stop it (cancelRequested is already set). */
  cancel(runId: string): Promise<void>;
}

/** Notifications sent through the API's Prisma client (delivered when its transaction commits). */
export function createRunNotifier(prisma: Pick<PrismaClient, "$executeRaw">): RunEnqueuer {
  return {
    enqueue: async (runId) => {
      await prisma.$executeRaw`SELECT pg_notify(${RUN_QUEUED_CHANNEL}, ${runId})`;
    },
    cancel: async (runId) => {
      await prisma.$executeRaw`SELECT pg_notify(${RUN_CANCEL_CHANNEL}, ${runId})`;
    },
  };
}

export interface QueueListener {
  close(): Promise<void>;
}

export interface ListenHandlers {
  onQueued(runId: string): void;
  onCancel(runId: string): void;
  onError?(error: unknown): void;
}

/** A dedicated connection LISTENing on both channels; reconnects after errors (1 s, 2 s, ... 30 s). */
export async function listenForRuns(databaseUrl: string, handlers: ListenHandlers): Promise<QueueListener> {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 1000;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: databaseUrl, application_name: "exprlab-worker-listen" });
    c.on("notification", (n) => {
      if (n.channel === RUN_QUEUED_CHANNEL) handlers.onQueued(n.payload ?? "");
      else if (n.channel === RUN_CANCEL_CHANNEL && n.payload) handlers.onCancel(n.payload);
    });
    c.on("error", (error) => {
      handlers.onError?.(error);
      scheduleReconnect();
    });
    c.on("end", () => scheduleReconnect());
    await c.connect();
    await c.query(`LISTEN ${RUN_QUEUED_CHANNEL}; LISTEN ${RUN_CANCEL_CHANNEL}`);
    client = c;
    delay = 1000;
  };
  const scheduleReconnect = () => {
    if (closed || retry) return;
    const old = client;
    client = null;
    void old?.end().catch(() => {});
    retry = setTimeout(() => {
      retry = undefined;
      connect().catch((error: unknown) => {
        handlers.onError?.(error);
        delay = Math.min(delay * 2, 30_000);
        scheduleReconnect();
      });
    }, delay);
  };

  await connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
