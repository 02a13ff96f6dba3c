// A team's verdict on a gene, with optimistic concurrency: a new annotation is created only when
// none exists (expectedVersion null); an edit is the conditional update
// `where teamId, gene, version = expectedVersion`. A lost race is CONFLICT carrying the current
// version (extensions.currentVersion), never a silent overwrite. Every save writes a revision.
import type { Annotation, BiomarkerStatus, PrismaClient } from "@exprlab/db";
import { z } from "zod";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { conflict } from "../errors.ts";
import { isUniqueViolation } from "./db.ts";
import { followersOf, notify, setFollow } from "./notifications.ts";
import { recordActivity } from "./record-activity.ts";
import { parseInput } from "./validate.ts";

const input = z.object({
  teamId: z.string(),
  gene: z.string().trim().min(1, "is required").max(100, "is longer than 100 characters"),
  status: z.enum(["CANDIDATE", "VALIDATED", "REJECTED"]),
  note: z.string().max(10_000, "is longer than 10,000 characters").default(""),
  tags: z
    .array(z.string().trim().min(1, "must not be empty").max(50, "must have at most 50 characters"))
    .max(20, "at most 20 tags")
    .default([])
    .transform((tags) => [...new Set(tags)]),
  evidenceLinks: z
    .array(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2_000))
    .max(20, "at most 20 links")
    .default([]),
  expectedVersion: z.number().int().min(1).nullish(),
});

export interface UpsertAnnotationArgs {
  teamId: string;
  gene: string;
  status: BiomarkerStatus;
  note?: string | null;
  tags?: string[] | null;
  evidenceLinks?: string[] | null;
  /** The version the edit is based on; null/absent to create the gene's first annotation. */
  expectedVersion?: number | null;
}

function staleEdit(current: Annotation | null): Error {
  return conflict(
    current
      ? `Someone else saved this annotation first (now version ${current.version}). Reload and apply your change again.`
      : "This annotation no longer exists. Reload the gene.",
    { currentVersion: current?.version ?? null },
  );
}

export async function upsertAnnotation(prisma: PrismaClient, caller: Caller, args: UpsertAnnotationArgs): Promise<Annotation> {
  const data = parseInput(input, {
    ...args,
    note: args.note ?? undefined,
    tags: args.tags ?? undefined,
    evidenceLinks: args.evidenceLinks ?? undefined,
  });
  await requireTeamRole(caller, data.teamId, "MEMBER");
  const fields = { status: data.status, note: data.note, tags: data.tags, evidenceLinks: data.evidenceLinks, authorId: caller.userId };
  const where = { teamId_gene: { teamId: data.teamId, gene: data.gene } };
  try {
    return await prisma.$transaction(async (tx) => {
      let saved: Annotation;
      if (data.expectedVersion == null) {
        const existing = await tx.annotation.findUnique({ where });
        if (existing) throw staleEdit(existing);
        saved = await tx.annotation.create({ data: { teamId: data.teamId, gene: data.gene, ...fields } });
      } else {
        const { count } = await tx.annotation.updateMany({
          where: { teamId: data.teamId, gene: data.gene, version: data.expectedVersion },
          data: { ...fields, version: { increment: 1 } },
        });
        if (count !== 1) throw staleEdit(await tx.annotation.findUnique({ where }));
        saved = await tx.annotation.findUniqueOrThrow({ where });
      }
      await tx.annotationRevision.create({
        data: { annotationId: saved.id, version: saved.version, status: saved.status, note: saved.note, tags: saved.tags, evidenceLinks: saved.evidenceLinks, authorId: caller.userId },
      });
      await recordActivity(tx, {
        teamId: data.teamId,
        actorId: caller.userId,
        type: "annotation.updated",
        subjectType: "Gene",
        subjectId: data.gene,
        summary: `${caller.name} marked ${data.gene} as ${saved.status.toLowerCase()}`,
        data: { annotationId: saved.id, version: saved.version, status: saved.status },
      });
      // Followers of the gene hear of the change; annotating a gene follows it.
      await notify(
        tx,
        (await followersOf(tx, data.teamId, data.gene)).map((userId) => ({
          userId,
          teamId: data.teamId,
          kind: "ANNOTATION_CHANGED" as const,
          key: `annotation:${saved.id}:${saved.version}`,
          actorId: caller.userId,
          summary: `${caller.name} marked ${data.gene}, which you follow, as ${saved.status.toLowerCase()} (version ${saved.version})`,
          data: { gene: data.gene, annotationId: saved.id, version: saved.version },
        })),
      );
      await setFollow(tx, caller.userId, data.teamId, data.gene, true);
      return saved;
    });
  } catch (error) {
    // Two first annotations of one gene at once: the loser hits the (teamId, gene) unique key.
    if (isUniqueViolation(error)) throw staleEdit(await prisma.annotation.findUnique({ where }));
    throw error;
  }
}
