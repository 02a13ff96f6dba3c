import type { Annotation, AnnotationRevision, BiomarkerStatus, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { getAnnotationOrThrow } from "./get-annotation-or-throw.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

/** A team's annotations filtered by status, tag and/or gene, most recently updated first. */
export async function listAnnotations(
  prisma: PrismaClient,
  caller: Caller,
  args: PageArgs & { teamId: string; status?: BiomarkerStatus | null; tag?: string | null; gene?: string | null },
): Promise<Connection<Annotation>> {
  await requireTeamRole(caller, args.teamId, "VIEWER");
  const where = {
    teamId: { in: [args.teamId] },
    ...(args.status ? { status: args.status } : {}),
    ...(args.tag ? { tags: { has: args.tag } } : {}),
    ...(args.gene ? { gene: args.gene } : {}),
  };
  return paginate({
    args,
    sortField: "updatedAt",
    direction: "desc",
    find: ({ cursorWhere, orderBy, take }) => prisma.annotation.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.annotation.count({ where }),
  });
}

/** The saved versions of an annotation, newest first. */
export async function listAnnotationRevisions(
  prisma: PrismaClient,
  caller: Caller,
  args: PageArgs & { annotationId: string },
): Promise<Connection<AnnotationRevision>> {
  const annotation = await getAnnotationOrThrow(prisma, caller, args.annotationId);
  const where = { annotationId: annotation.id, annotation: { teamId: annotation.teamId } };
  return paginate({
    args,
    sortField: "version",
    direction: "desc",
    find: ({ cursorWhere, orderBy, take }) => prisma.annotationRevision.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take }),
    count: () => prisma.annotationRevision.count({ where }),
  });
}
