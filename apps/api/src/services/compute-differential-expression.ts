// Differential expression between two groups of a dataset's samples (limma's moderated t-test in
// core), saved as a new DE-table dataset of the same team so that it can be browsed, exported and
// given to the regressors. Bounded: computed in the request, so its size is capped.
import { PassThrough } from "node:stream";
import { moderatedTTest, TOP_TABLE_COLUMNS, writeMatrixCsv, InputError, type ExpressionMatrix } from "@exprlab/core";
import type { Dataset, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../auth/authorize.ts";
import type { Caller } from "../auth/caller.ts";
import { badInput, limitExceeded } from "../errors.ts";
import { importDataset } from "../import/import-dataset.ts";
import { loadMatrix } from "../worker/kinds/bicluster.ts";
import { getDatasetOrThrow } from "./get-dataset-or-throw.ts";
import { classLabels, conditionColumns } from "./run-input.ts";

/**
 * Cells (genes x samples) a request may test. limma is linear in them and computed in the request,
 * so the cap keeps the API's event loop free for others (measured ~0.5 s for 5 million here):
 * 20,000 genes x 250 samples; larger tables: `exprlab de` on the command line.
 */
export const MAX_DE_CELLS = 5_000_000;

export interface DeArgs {
  datasetId: string;
  labelColumn: string;
  /** logFC = mean(second) - mean(first). */
  groups: [string, string];
  name?: string | null;
}

export async function computeDifferentialExpression(prisma: PrismaClient, caller: Caller, args: DeArgs): Promise<Dataset> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  if (dataset.kind === "DE_TABLE") throw badInput("datasetId", "is a DE table already: choose an expression matrix");
  const cells = dataset.geneCount * dataset.conditionCount;
  if (cells > MAX_DE_CELLS) {
    throw limitExceeded("cells", `${dataset.geneCount} genes x ${dataset.conditionCount} samples is over the ${MAX_DE_CELLS.toLocaleString("en")} cells tested at once; keep fewer genes.`);
  }
  const conditions = dataset.conditions as unknown as ExpressionMatrix["conditions"];
  if (!conditionColumns(conditions).includes(args.labelColumn)) {
    throw badInput("labelColumn", `no column "${args.labelColumn}" in the sample metadata; available: ${conditionColumns(conditions).join(", ") || "none (import a sample sheet)"}`);
  }
  const matrix = await loadMatrix(prisma, dataset.id);
  let result;
  try {
    result = moderatedTTest(matrix, classLabels(matrix.conditions, args.labelColumn), args.groups);
  } catch (error) {
    if (error instanceof InputError) throw badInput(error.location.field === "groups" ? "groups" : "labelColumn", error.detail);
    throw error;
  }
  const table: ExpressionMatrix = {
    genes: result.rows.map((r) => r.gene),
    conditions: TOP_TABLE_COLUMNS.map((c) => ({ id: c })),
    values: Float64Array.from(result.rows.flatMap((r) => TOP_TABLE_COLUMNS.map((c) => r[c]))),
  };
  const csv = new PassThrough();
  void writeMatrixCsv(table, csv).then(() => csv.end(), (e: unknown) => csv.destroy(e as Error));
  const [first, second] = args.groups;
  const g = result.groups;
  return importDataset({
    prisma,
    caller,
    teamId: dataset.teamId,
    name: args.name?.trim() || `${dataset.name}: ${second} vs ${first}`,
    description:
      `limma moderated t-test of ${second} (${g.nSecond} samples) against ${first} (${g.nFirst}) on "${args.labelColumn}" of ${dataset.name}; ` +
      `logFC = mean(${second}) - mean(${first}); prior df ${result.dfPrior.toFixed(2)}, prior variance ${result.s2Prior.toPrecision(3)}. ` +
      "Values are stored as float32: p-values below ~1e-38 read as 0.",
    kind: "DE_TABLE",
    filename: `${dataset.name}-de.csv`,
    stream: csv,
  });
}
