// Exports of a run's biclusters, built from rows loaded through team-scoped services: CSV (one
// line per bicluster member, the gene's values over every condition of the dataset), JSON (the
// run, the conditions with their metadata and every bicluster with its genes and values over its
// own conditions) and GMT (one gene set per bicluster). CSV goes through core's one writer
// (RFC 4180 quoting, formula-like text escaped). Generators yield the text in pieces so a large
// run streams instead of being built in memory.
import { toCsvRows, type CsvValue } from "@exprlab/core/csv";
import type { ConditionInfo } from "../services/get-dataset-or-throw.ts";
import { float32Text } from "./float-text.ts";

export interface ExportBicluster {
  id: string;
  index: number;
  conditions: number[];
  msr: number;
  silhouette: number | null;
  pValue: number | null;
  genes: { gene: string; geneIndex: number; silhouette: number | null; status: string | null }[];
}

export interface RunExportData {
  run: { id: string; title: string; method: string; seed: number; params: unknown; createdAt: Date; finishedAt: Date | null };
  dataset: { id: string; name: string };
  conditions: ConditionInfo[];
  biclusters: ExportBicluster[];
  /** Values of a gene (by dataset row index) over all conditions, float32. */
  valuesOf: (geneIndex: number) => Float32Array | undefined;
}

const num = (v: number | null): CsvValue => (v === null || !Number.isFinite(v) ? null : v);
/** A stored value as a number with float32's shortest decimal form (NaN when missing: written NA). */
const f32 = (v: number | undefined): number => (v === undefined || !Number.isFinite(v) ? Number.NaN : Number(float32Text(v)));

export function* runCsv(data: RunExportData): Generator<string> {
  const header: CsvValue[] = ["bicluster", "gene", "gene_index", "gene_silhouette", "annotation_status", "bicluster_conditions", ...data.conditions.map((c) => c.id)];
  yield toCsvRows([header]);
  for (const b of data.biclusters) {
    const conds = b.conditions.map((j) => data.conditions[j]?.id ?? String(j)).join(";");
    const lines: CsvValue[][] = b.genes.map((g) => {
      const values = data.valuesOf(g.geneIndex);
      return [`bicluster-${b.index + 1}`, g.gene, g.geneIndex, num(g.silhouette), g.status, conds, ...data.conditions.map((_, j) => f32(values?.[j]))];
    });
    yield toCsvRows(lines);
  }
}

function conditionJson(c: ConditionInfo): Record<string, unknown> {
  return {
    index: c.index,
    id: c.id,
    ...(c.time !== null ? { time: c.time } : {}),
    ...(c.timeUnit ? { timeUnit: c.timeUnit } : {}),
    ...(c.label !== null ? { label: c.label } : {}),
    ...(c.group ? { group: c.group } : {}),
    ...(c.replicate ? { replicate: c.replicate } : {}),
    ...(c.subject ? { subject: c.subject } : {}),
    ...(Object.keys(c.fields).length ? { fields: c.fields } : {}),
  };
}

export function* runJson(data: RunExportData): Generator<string> {
  const head = {
    format: "exprlab-run",
    version: 1,
    run: { ...data.run, createdAt: data.run.createdAt.toISOString(), finishedAt: data.run.finishedAt?.toISOString() ?? null },
    dataset: data.dataset,
    conditions: data.conditions.map(conditionJson),
  };
  const text = JSON.stringify(head);
  yield `${text.slice(0, -1)},"biclusters":[`;
  let first = true;
  for (const b of data.biclusters) {
    const item = {
      id: b.id,
      index: b.index,
      name: `bicluster-${b.index + 1}`,
      msr: b.msr,
      silhouette: b.silhouette,
      pValue: b.pValue,
      conditions: b.conditions,
      conditionIds: b.conditions.map((j) => data.conditions[j]?.id ?? String(j)),
      genes: b.genes.map((g) => {
        const values = data.valuesOf(g.geneIndex);
        return {
          gene: g.gene,
          geneIndex: g.geneIndex,
          silhouette: g.silhouette,
          annotationStatus: g.status,
          // Over the bicluster's conditions, in its order; null = missing.
          values: b.conditions.map((j) => {
            const v = f32(values?.[j]);
            return Number.isNaN(v) ? null : v;
          }),
        };
      }),
    };
    yield (first ? "" : ",") + JSON.stringify(item);
    first = false;
  }
  yield "]}\n";
}

const clean = (s: string): string => s.replace(/[\t\r\n]+/g, " ").trim();

export function* runGmt(data: RunExportData): Generator<string> {
  for (const b of data.biclusters) {
    const name = clean(`${data.run.title}_bicluster_${b.index + 1}`).replace(/\s+/g, "_");
    const description = clean(`ExprLab ${data.dataset.name}: ${b.genes.length} genes x ${b.conditions.length} conditions; MSR ${b.msr.toPrecision(4)}`);
    yield [name, description, ...b.genes.map((g) => clean(g.gene))].join("\t") + "\n";
  }
}

/** A bicluster's submatrix: its genes x its conditions, raw values (an importable matrix CSV). */
export function* submatrixCsv(conditions: ConditionInfo[], b: ExportBicluster, valuesOf: RunExportData["valuesOf"]): Generator<string> {
  yield toCsvRows([["gene", ...b.conditions.map((j) => conditions[j]?.id ?? String(j))]]);
  yield toCsvRows(
    b.genes.map((g) => {
      const values = valuesOf(g.geneIndex);
      return [g.gene, ...b.conditions.map((j) => f32(values?.[j]))];
    }),
  );
}
