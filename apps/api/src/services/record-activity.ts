// Appends an event to a team's activity feed. Used by the API's services and by the importer and
// worker (dataset.imported, run.succeeded, run.failed, run.canceled).
import type { Prisma } from "@exprlab/db";
import type { Db } from "./db.ts";

export type ActivityType =
  | "dataset.imported"
  | "dataset.deleted"
  | "run.created"
  | "run.succeeded"
  | "run.failed"
  | "run.canceled"
  | "annotation.updated"
  | "comment.created"
  | "member.joined"
  | "dataset.conditionsUpdated"
  | "geneSets.imported"
  | "geneSets.deleted";

export interface ActivityInput {
  teamId: string;
  actorId: string | null;
  type: ActivityType;
  subjectType: "Dataset" | "Run" | "Bicluster" | "Annotation" | "Comment" | "Team" | "Gene" | "GeneSetLibrary";
  subjectId: string;
  summary: string;
  data?: Prisma.InputJsonValue;
}

export async function recordActivity(db: Db, event: ActivityInput): Promise<void> {
  await db.activityEvent.create({ data: event });
}
