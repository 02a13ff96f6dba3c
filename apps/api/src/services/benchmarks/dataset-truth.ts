// A dataset's known answer (DatasetTruth): planted by the synthetic generator, or uploaded as a
// truth JSON (exprlab synth's format) or a gene,class table. Benchmarks score their members with it.
import { InputError, parseGeneClasses, parseTruth, type BenchmarkTruth } from "@exprlab/core";
import type { Prisma, PrismaClient } from "@exprlab/db";
import { requireTeamRole } from "../../auth/authorize.ts";
import type { Caller } from "../../auth/caller.ts";
import { badInput } from "../../errors.ts";
import { loadMatrix } from "../../worker/kinds/bicluster.ts";
import { getDatasetOrThrow } from "../get-dataset-or-throw.ts";

/** Largest truth upload (a gene,class table of 100,000 genes is ~2 MB). */
export const MAX_TRUTH_BYTES = 4 * 1024 * 1024;

export async function loadTruth(prisma: PrismaClient, datasetId: string): Promise<BenchmarkTruth | null> {
  const row = await prisma.datasetTruth.findUnique({ where: { datasetId } });
  return row ? (row.truth as unknown as BenchmarkTruth) : null;
}

export async function saveTruth(db: Pick<PrismaClient, "datasetTruth">, datasetId: string, truth: BenchmarkTruth): Promise<void> {
  const json = truth as unknown as Prisma.InputJsonValue;
  await db.datasetTruth.upsert({ where: { datasetId }, create: { datasetId, truth: json, source: truth.source }, update: { truth: json, source: truth.source } });
}

/**
 * Sets a dataset's truth (MEMBER+) from text: a truth JSON (planted biclusters) or a gene,class
 * CSV/TSV. Genes are matched by id; errors name the line. Returns the genes the file names that
 * the dataset does not have.
 */
export async function uploadDatasetTruth(prisma: PrismaClient, caller: Caller, args: { datasetId: string; content: string }): Promise<{ truth: BenchmarkTruth; unknownGenes: string[] }> {
  const dataset = await getDatasetOrThrow(prisma, caller, args.datasetId);
  await requireTeamRole(caller, dataset.teamId, "MEMBER");
  if (Buffer.byteLength(args.content) > MAX_TRUTH_BYTES) throw badInput("content", `at most ${MAX_TRUTH_BYTES / 1024 / 1024} MB`);
  const matrix = await loadMatrix(prisma, dataset.id);
  let parsed;
  try {
    parsed = args.content.trimStart().startsWith("{") ? parseTruth(args.content, matrix) : parseGeneClasses(args.content, matrix);
  } catch (error) {
    if (error instanceof InputError) throw badInput("content", error.message, { ...(error.location.line ? { line: error.location.line } : {}) });
    throw error;
  }
  await saveTruth(prisma, dataset.id, parsed.truth);
  return parsed;
}
