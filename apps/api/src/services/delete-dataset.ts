import type { Dataset, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { notFound } from "../errors.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { recordActivity } from "./record-activity.ts";

/** Deletes a dataset with its rows, runs and biclusters (MEMBER+). */
export async function deleteDataset(prisma: PrismaClient, caller: Caller, id: string): Promise<Dataset> {
  const dataset = await getDatasetOrThrow(prisma, caller, id);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.dataset.deleteMany({ where: { id: dataset.id, teamId: dataset.teamId } });
    if (count !== 1) throw notFound("Dataset");
    await recordActivity(tx, {
      teamId: dataset.teamId,
      actorId: caller.userId,
      type: "dataset.deleted",
      subjectType: "Dataset",
      subjectId: dataset.id,
      summary: `${caller.name} deleted dataset ${dataset.name}`,
    });
    return dataset;
  });
}
