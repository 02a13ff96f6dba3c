// Synthetic datasets with their truth, from the UI or a script: core's planted designs (the
// temporal ones of `exprlab synth` and Prelic-style constant, additive and multiplicative
// biclusters), imported through the ordinary importer, the truth saved alongside.
import { PassThrough } from "node:stream";
import { DESIGNS, generateDesign, InputError, truthFromGroundTruth, writeMatrixCsv, type DesignOptions } from "@exprlab/core";
import type { Dataset, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../../auth/authorize.ts";
import type { Caller } from "../../auth/caller.ts";
import { badInput, limitExceeded } from "../../errors.ts";
import { importDataset } from "../../import/import-dataset.ts";
import { saveTruth } from "./dataset-truth.ts";

/**
 * Cells a synthetic dataset may have. Generated in the request (about 1 s per 2 million cells
 * here), so the cap keeps the API's event loop free for everyone else: 20,000 genes x 100.
 */
export const MAX_SYNTHETIC_CELLS = 2_000_000;

export interface SyntheticArgs {
  teamId: string;
  design: string;
  name?: string | null;
  options: DesignOptions;
}

export async function createSyntheticDataset(prisma: PrismaClient, caller: Caller, args: SyntheticArgs): Promise<Dataset> {
  await requireTeamRole(caller, args.teamId, "MEMBER");
  if (!(DESIGNS as readonly string[]).includes(args.design)) throw badInput("design", `unknown design; one of ${DESIGNS.join(", ")}`);
  const genes = args.options.genes ?? 1000;
  const conditions = args.options.conditions ?? 20;
  if (genes * conditions > MAX_SYNTHETIC_CELLS) throw limitExceeded("cells", `${genes} x ${conditions} is over the ${MAX_SYNTHETIC_CELLS.toLocaleString("en")} cells of a synthetic dataset`);
  let made;
  try {
    made = generateDesign(args.design, args.options);
  } catch (error) {
    if (error instanceof InputError) throw badInput(error.location.field ?? "options", error.detail);
    throw error;
  }
  const { matrix, truth } = made;
  const csv = new PassThrough();
  void writeMatrixCsv(matrix, csv).then(() => csv.end(), (e: unknown) => csv.destroy(e as Error));
  const timed = matrix.conditions.every((c) => c.time !== undefined);
  const dataset = await importDataset({
    prisma,
    caller,
    teamId: args.teamId,
    name: args.name?.trim() || `Synthetic ${args.design} (${matrix.genes.length} x ${matrix.conditions.length}, seed ${args.options.seed ?? 1})`,
    description: `Planted design "${args.design}" from core's generator with ${truth.biclusters.length} planted biclusters (truth saved with the dataset): ${JSON.stringify(args.options)}.`,
    kind: timed ? "TIME_COURSE" : "SAMPLES",
    filename: `synthetic-${args.design}.csv`,
    stream: csv,
  });
  await saveTruth(prisma, dataset.id, truthFromGroundTruth(truth, matrix, "planted"));
  return dataset;
}
