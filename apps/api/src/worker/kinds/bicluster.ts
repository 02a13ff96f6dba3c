// Run kind BICLUSTER in the worker: its input is the dataset's matrix; its result is stored as
// Bicluster rows (genes queryable by gene) plus the result envelope without those rows.
import type { BiclusterResult, ExpressionMatrix } from "@exprlab/core";
import { decodeRow, type Prisma } from "@exprlab/db";
import type { PrismaClient } from "@exprlab/db";
import type { KindHandler } from "./types.ts";

/** Rows loaded per query when reading a dataset's matrix. */
const LOAD_BATCH = 2_000;
/** Bicluster genes inserted per statement. */
const GENE_BATCH = 5_000;

/** Reads a dataset's rows (in index order, in batches) into core's ExpressionMatrix. */
export async function loadMatrix(prisma: PrismaClient, datasetId: string): Promise<ExpressionMatrix> {
  const dataset = await prisma.dataset.findUniqueOrThrow({
    where: { id: datasetId },
    select: { geneCount: true, conditionCount: true, conditions: true },
  });
  const width = dataset.conditionCount;
  const values = new Float64Array(dataset.geneCount * width);
  const genes: string[] = [];
  let from = 0;
  for (;;) {
    const rows = await prisma.datasetRow.findMany({
      where: { datasetId, index: { gte: from } },
      orderBy: { index: "asc" },
      take: LOAD_BATCH,
      select: { index: true, gene: true, values: true },
    });
    for (const row of rows) {
      if (row.index !== genes.length) throw new Error(`dataset ${datasetId} is missing row ${genes.length}`);
      genes.push(row.gene);
      values.set(decodeRow(row.values), row.index * width);
    }
    if (rows.length < LOAD_BATCH) break;
    from += LOAD_BATCH;
  }
  if (genes.length !== dataset.geneCount) {
    throw new Error(`dataset ${datasetId} has ${genes.length} rows, expected ${dataset.geneCount}`);
  }
  const conditions = (dataset.conditions as { id: string; time?: number; label?: string }[]).map((c) => ({ ...c }));
  return { genes, conditions, values };
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

/** The envelope as stored in Run.result: bicluster rows and the dataset's own ids left out. */
export function storedBiclusterResult(result: BiclusterResult): unknown {
  const { biclusters: _rows, input, ...payload } = result.payload;
  const { geneIds: _g, conditionIds: _c, ...shape } = input;
  return { ...result, payload: { ...payload, input: shape, biclusterCount: result.payload.biclusters.length } };
}

export const biclusterKind: KindHandler<"BICLUSTER"> = {
  loadInput: async (prisma, run) => ({ matrix: await loadMatrix(prisma, run.datasetId) }),
  async writeResult(tx, run, input, result) {
    await tx.bicluster.deleteMany({ where: { runId: run.id } });
    const { biclusters } = result.payload;
    const created = await tx.bicluster.createManyAndReturn({
      data: biclusters.map((b, index) => ({
        runId: run.id,
        teamId: run.teamId,
        index,
        geneCount: b.genes.length,
        conditionCount: b.conditions.length,
        conditions: b.conditions,
        msr: b.msr,
        silhouette: finiteOrNull(b.silhouette),
        pValue: finiteOrNull(b.pValue),
        qValue: finiteOrNull(b.qValue),
        pValueAtFloor: b.pValueAtFloor ?? null,
        evidence: finiteOrNull(b.evidence),
        flags: b.flags ?? [],
        meanProfile: b.meanProfile.map((v) => (Number.isFinite(v) ? v : 0)),
      })),
      select: { id: true, index: true },
    });
    const idByIndex = new Map(created.map((c) => [c.index, c.id]));
    const genes: Prisma.BiclusterGeneCreateManyInput[] = [];
    biclusters.forEach((b, index) => {
      const biclusterId = idByIndex.get(index);
      if (!biclusterId) throw new Error(`bicluster ${index} was not created`);
      b.genes.forEach((geneIndex, k) => {
        const gene = input.matrix.genes[geneIndex];
        if (gene === undefined) throw new Error(`bicluster ${index} names gene index ${geneIndex} outside the dataset`);
        genes.push({ biclusterId, gene, geneIndex, silhouette: finiteOrNull(b.geneSilhouettes?.[k] ?? null), lag: b.geneLags?.[k] ?? null });
      });
    });
    for (let i = 0; i < genes.length; i += GENE_BATCH) {
      await tx.biclusterGene.createMany({ data: genes.slice(i, i + GENE_BATCH) });
    }
    return { stored: storedBiclusterResult(result), summary: `${biclusters.length} biclusters` };
  },
};
