// Slices of a dataset's matrix, decoded from DatasetRow bytes (float32 per condition).
import { sliceRow, type PrismaClient } from "@exprlab/db";
import type { Caller } from "../auth/caller.ts";
import { badInput } from "../errors.ts";
import type { WorkBudget } from "../graphql/work-budget.ts";
import { datasetConditions, getDatasetOrThrow, type ConditionInfo } from "./get-dataset-or-throw.ts";

/** At most this many values (genes x conditions) per slice. */
export const MAX_SLICE_VALUES = 250_000;
export const MAX_SLICE_GENES = 1_000;

export interface MatrixSlice {
  datasetId: string;
  genes: string[];
  geneIndices: number[];
  conditions: ConditionInfo[];
  /** Row-major genes x conditions; null = missing. */
  values: (number | null)[][];
}

export interface MatrixSliceArgs {
  datasetId: string;
  /** First gene (row index), default 0; ignored when `genes` is given. */
  geneOffset?: number | null;
  /** Number of genes, default 50; ignored when `genes` is given. */
  geneLimit?: number | null;
  /** First condition (inclusive), default 0. */
  conditionStart?: number | null;
  /** Last condition (exclusive), default all. */
  conditionEnd?: number | null;
  /** Genes by name (in this order); unknown names are BAD_USER_INPUT. */
  genes?: string[] | null;
}

export function toNullable(values: ArrayLike<number>): (number | null)[] {
  const out = new Array<number | null>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = Number.isFinite(v) ? v : null;
  }
  return out;
}

export async function readMatrixSlice(prisma: PrismaClient, caller: Caller, args: MatrixSliceArgs, work?: WorkBudget): Promise<MatrixSlice> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  const start = args.conditionStart ?? 0;
  const end = args.conditionEnd ?? dataset.conditionCount;
  if (!Number.isInteger(start) || start < 0 || start > dataset.conditionCount) {
    throw badInput("conditionStart", `must be between 0 and ${dataset.conditionCount}`);
  }
  if (!Number.isInteger(end) || end < start || end > dataset.conditionCount) {
    throw badInput("conditionEnd", `must be between conditionStart and ${dataset.conditionCount}`);
  }
  let rows: { index: number; gene: string; values: Uint8Array }[];
  if (args.genes && args.genes.length > 0) {
    if (args.genes.length > MAX_SLICE_GENES) throw badInput("genes", `at most ${MAX_SLICE_GENES} genes`);
    work?.chargeCells(args.genes.length * (end - start), "matrix slice");
    const found = await prisma.datasetRow.findMany({
      where: { datasetId: dataset.id, dataset: { teamId: dataset.teamId }, gene: { in: args.genes } },
      select: { index: true, gene: true, values: true },
    });
    const byGene = new Map(found.map((r) => [r.gene, r]));
    const missing = args.genes.filter((g) => !byGene.has(g));
    if (missing.length > 0) throw badInput("genes", `not in this dataset: ${missing.slice(0, 5).join(", ")}`);
    rows = args.genes.map((g) => byGene.get(g) as (typeof found)[number]);
  } else {
    const offset = args.geneOffset ?? 0;
    const limit = args.geneLimit ?? 50;
    if (!Number.isInteger(offset) || offset < 0 || offset > dataset.geneCount) {
      throw badInput("geneOffset", `must be between 0 and the dataset's gene count (${dataset.geneCount})`);
    }
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SLICE_GENES) throw badInput("geneLimit", `must be between 1 and ${MAX_SLICE_GENES}`);
    if (limit * (end - start) > MAX_SLICE_VALUES) {
      throw badInput("geneLimit", `a slice has at most ${MAX_SLICE_VALUES} values; ask for fewer genes or conditions`);
    }
    work?.chargeCells(Math.min(limit, dataset.geneCount - offset) * (end - start), "matrix slice");
    rows = await prisma.datasetRow.findMany({
      where: { datasetId: dataset.id, dataset: { teamId: dataset.teamId }, index: { gte: offset, lt: offset + limit } },
      orderBy: { index: "asc" },
      select: { index: true, gene: true, values: true },
    });
  }
  if (rows.length * (end - start) > MAX_SLICE_VALUES) {
    throw badInput("geneLimit", `a slice has at most ${MAX_SLICE_VALUES} values; ask for fewer genes or conditions`);
  }
  return {
    datasetId: dataset.id,
    genes: rows.map((r) => r.gene),
    geneIndices: rows.map((r) => r.index),
    conditions: datasetConditions(dataset).slice(start, end),
    values: rows.map((r) => toNullable(sliceRow(r.values, start, end))),
  };
}
