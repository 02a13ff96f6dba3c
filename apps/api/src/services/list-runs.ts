import type { PrismaClient, Run, RunKind, RunStatus } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { paginate, type Connection, type PageArgs } from "./pagination.ts";

export interface RunFilters {
  teamId?: string | null;
  datasetId?: string | null;
  status?: RunStatus | null;
  kind?: RunKind | null;
  method?: string | null;
  createdById?: string | null;
  /** Member runs of a benchmark; without it, only top-level runs are listed. */
  parentId?: string | null;
}

/** Runs of a team or of a dataset (one of the two is required), newest first, with filters. */
export async function listRuns(prisma: PrismaClient, caller: Caller, args: PageArgs & RunFilters): Promise<Connection<Run>> {
  let teamId: string;
  if (args.datasetId) teamId = (await getDatasetOrThrow(prisma, caller, args.datasetId)).teamId;
  else if (args.teamId) teamId = (await requireTeamRole(caller, args.teamId, "VIEWER")).teamId;
  else throw badInput("teamId", "teamId or datasetId is required");
  const where = {
    teamId: { in: [teamId] },
    ...(args.datasetId ? { datasetId: args.datasetId } : {}),
    ...(args.status ? { status: args.status } : {}),
    ...(args.kind ? { kind: args.kind } : {}),
    ...(args.method ? { method: args.method } : {}),
    ...(args.createdById ? { createdById: args.createdById } : {}),
    parentId: args.parentId ?? null,
  };
  return paginate({
    args,
    sortField: "createdAt",
    direction: "desc",
    find: async ({ cursorWhere, orderBy, take }) =>
      (await prisma.run.findMany({ where: { AND: [where, cursorWhere] }, orderBy, take, omit: { result: true } })) as Run[],
    count: () => prisma.run.count({ where }),
  });
}
