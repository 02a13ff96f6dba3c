// In-app notifications: a run of yours finished, someone @-mentioned you, the team's annotation
// of a gene you follow changed. Each event notifies a user once (unique (userId, key)). Mentions
// and annotation changes are written by the services that cause them; "run finished" is derived
// from the Run table when the user next looks (syncRunNotifications), so the worker needs no hook
// and a run that finished while nobody was looking is still announced.
import type { Notification, NotificationKind, Prisma, PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import type { Db } from "./db.ts";

/** Runs finished this long ago or less are announced. */
const RUN_WINDOW_DAYS = 14;
const MAX_LIST = 100;

export interface NewNotification {
  userId: string;
  teamId: string;
  kind: NotificationKind;
  key: string;
  actorId: string | null;
  summary: string;
  data?: Prisma.InputJsonValue;
}

/** Writes notifications, skipping ones a user already has (same key) and the actor's own. */
export async function notify(db: Db, items: NewNotification[]): Promise<void> {
  const data = items.filter((n) => n.userId !== n.actorId);
  if (data.length > 0) await db.notification.createMany({ data, skipDuplicates: true });
}

/** Announces the caller's runs that finished recently and have not been announced yet. */
export async function syncRunNotifications(prisma: PrismaClient, caller: Caller, now = new Date()): Promise<void> {
  const since = new Date(now.getTime() - RUN_WINDOW_DAYS * 86_400_000);
  const runs = await prisma.run.findMany({
    where: { createdById: caller.userId, teamId: { in: caller.teamIds }, parentId: null, finishedAt: { gte: since }, status: { in: ["SUCCEEDED", "FAILED", "CANCELED"] } },
    select: { id: true, teamId: true, name: true, method: true, status: true, dataset: { select: { name: true } } },
    orderBy: { finishedAt: "desc" },
    take: 50,
  });
  if (runs.length === 0) return;
  const keys = runs.map((r) => `run:${r.id}`);
  const have = new Set((await prisma.notification.findMany({ where: { userId: caller.userId, key: { in: keys } }, select: { key: true } })).map((n) => n.key));
  const fresh = runs.filter((r) => !have.has(`run:${r.id}`));
  if (fresh.length === 0) return;
  const verb = { SUCCEEDED: "finished", FAILED: "failed", CANCELED: "was cancelled" } as Record<string, string>;
  await notify(
    prisma,
    fresh.map((r) => ({
      userId: caller.userId,
      teamId: r.teamId,
      kind: "RUN_FINISHED" as const,
      key: `run:${r.id}`,
      actorId: null,
      summary: `Your run ${r.name || r.method} on ${r.dataset.name} ${verb[r.status] ?? "finished"}`,
      data: { runId: r.id, status: r.status },
    })),
  );
}

export async function listNotifications(
  prisma: PrismaClient,
  caller: Caller,
  args: { first?: number | null; unreadOnly?: boolean | null },
): Promise<Notification[]> {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > MAX_LIST) throw badInput("first", `must be between 1 and ${MAX_LIST}`);
  await syncRunNotifications(prisma, caller);
  return prisma.notification.findMany({
    where: { userId: caller.userId, teamId: { in: caller.teamIds }, ...(args.unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: first,
  });
}

export async function unreadNotificationCount(prisma: PrismaClient, caller: Caller): Promise<number> {
  await syncRunNotifications(prisma, caller);
  return prisma.notification.count({ where: { userId: caller.userId, teamId: { in: caller.teamIds }, readAt: null } });
}

/** Marks the caller's notifications read (the given ones, or all). Returns how many changed. */
export async function markNotificationsRead(prisma: PrismaClient, caller: Caller, ids: string[] | null | undefined): Promise<number> {
  if (ids && ids.length > MAX_LIST) throw badInput("ids", `at most ${MAX_LIST} at once`);
  const { count } = await prisma.notification.updateMany({
    where: { userId: caller.userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) },
    data: { readAt: new Date() },
  });
  return count;
}

/** Web path a notification opens. */
export function notificationLink(n: Pick<Notification, "kind" | "data" | "teamId">): string | null {
  const d = (n.data && typeof n.data === "object" && !Array.isArray(n.data) ? n.data : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof d[k] === "string" ? (d[k] as string) : null);
  if (str("runId") && n.kind === "RUN_FINISHED") return `/runs/${str("runId")}`;
  if (str("biclusterId")) return `/biclusters/${str("biclusterId")}`;
  if (str("runId")) return `/runs/${str("runId")}`;
  if (str("gene")) return `/genes/${encodeURIComponent(str("gene")!)}?team=${n.teamId}`;
  return null;
}

// ---- following genes ----

export async function isFollowing(db: Db, userId: string, teamId: string, gene: string): Promise<boolean> {
  return (await db.geneFollow.findUnique({ where: { userId_teamId_gene: { userId, teamId, gene } }, select: { gene: true } })) !== null;
}

export async function setFollow(db: Db, userId: string, teamId: string, gene: string, follow: boolean): Promise<void> {
  if (follow) {
    await db.geneFollow.createMany({ data: [{ userId, teamId, gene }], skipDuplicates: true });
  } else {
    await db.geneFollow.deleteMany({ where: { userId, teamId, gene } });
  }
}

/** Followers of a team's gene (to notify of annotation changes). */
export async function followersOf(db: Db, teamId: string, gene: string): Promise<string[]> {
  return (await db.geneFollow.findMany({ where: { teamId, gene }, select: { userId: true } })).map((f) => f.userId);
}
