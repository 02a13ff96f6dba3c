// Gene-set enrichment of biclusters, computed on demand and kept in BiclusterEnrichment: for each
// set of a library, a one-sided hypergeometric test of the bicluster's genes (core's
// enrichPrepared), the universe being the genes of the run's dataset, with BH q-values across the
// sets tested. The library is intersected with a dataset's genes once per (library, dataset) and
// kept in a small in-memory cache, so a whole run costs one preparation plus one pass over the
// library's memberships per bicluster (libraries are capped at import, see import-gene-set-library.ts).
import { enrichPrepared, prepareGeneSets, type EnrichmentTerm, type GeneSet, type PreparedGeneSets } from "@exprlab/core";
import type { Bicluster, BiclusterEnrichment, GeneSetLibrary, Prisma, PrismaClient } from "@exprlab/db";
import { libraryForTeam } from "./gene-set-libraries.ts";

/** Terms kept per (bicluster, library): the most significant ones. */
export const MAX_STORED_TERMS = 100;

/** A stored term (EnrichmentTerm as JSON). */
export type StoredTerm = EnrichmentTerm;

export interface EnrichmentView extends Omit<BiclusterEnrichment, "terms"> {
  terms: StoredTerm[];
  library: GeneSetLibrary;
}

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string);
  }
  delete(key: string): void {
    this.map.delete(key);
  }
}

const librarySets = new Lru<Promise<GeneSet[]>>(3);
const prepared = new Lru<Promise<PreparedGeneSets>>(6);

function cached<V>(cache: Lru<Promise<V>>, key: string, load: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = load();
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

function setsOf(prisma: PrismaClient, libraryId: string): Promise<GeneSet[]> {
  return cached(librarySets, libraryId, async () =>
    (await prisma.geneSet.findMany({ where: { libraryId }, orderBy: { index: "asc" }, select: { name: true, description: true, genes: true } })).map((s) => ({
      name: s.name,
      description: s.description,
      genes: s.genes,
    })),
  );
}

/** The library intersected with the dataset's genes (cached per library and dataset). */
function preparedFor(prisma: PrismaClient, libraryId: string, datasetId: string): Promise<PreparedGeneSets> {
  return cached(prepared, `${libraryId}:${datasetId}`, async () => {
    const [sets, rows] = await Promise.all([
      setsOf(prisma, libraryId),
      prisma.datasetRow.findMany({ where: { datasetId }, orderBy: { index: "asc" }, select: { gene: true } }),
    ]);
    return prepareGeneSets(
      sets,
      rows.map((r) => r.gene),
    );
  });
}

function finite(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function toStored(terms: EnrichmentTerm[]): Prisma.InputJsonValue {
  return terms.slice(0, MAX_STORED_TERMS).map((t) => ({ ...t, foldEnrichment: finite(t.foldEnrichment), qValue: finite(t.qValue) })) as unknown as Prisma.InputJsonValue;
}

function view(row: BiclusterEnrichment, library: GeneSetLibrary): EnrichmentView {
  return { ...row, terms: (Array.isArray(row.terms) ? row.terms : []) as unknown as StoredTerm[], library };
}

/**
 * Enrichment of `biclusters` (all of one run, already loaded through a team-scoped service) in a
 * library usable by their team (default: the built-in GO BP). Missing results are computed with
 * one prepared library and stored; existing ones are read. Returned in the order given.
 */
export async function enrichBiclustersOfRun(
  prisma: PrismaClient,
  run: { id: string; teamId: string; datasetId: string },
  biclusters: readonly Bicluster[],
  libraryId: string | null | undefined,
): Promise<EnrichmentView[]> {
  const library = await libraryForTeam(prisma, run.teamId, libraryId);
  const ids = biclusters.map((b) => b.id);
  const existing = await prisma.biclusterEnrichment.findMany({ where: { libraryId: library.id, biclusterId: { in: ids }, teamId: run.teamId } });
  const have = new Map(existing.map((e) => [e.biclusterId, e]));
  const missing = biclusters.filter((b) => !have.has(b.id));
  if (missing.length > 0) {
    const started = performance.now();
    const sets = await preparedFor(prisma, library.id, run.datasetId);
    const genes = await prisma.biclusterGene.findMany({ where: { biclusterId: { in: missing.map((b) => b.id) } }, select: { biclusterId: true, gene: true } });
    const byBicluster = new Map<string, string[]>();
    for (const g of genes) byBicluster.set(g.biclusterId, [...(byBicluster.get(g.biclusterId) ?? []), g.gene]);
    const rows: Prisma.BiclusterEnrichmentCreateManyInput[] = missing.map((b) => {
      const t0 = performance.now();
      const result = enrichPrepared(byBicluster.get(b.id) ?? [], sets);
      return {
        biclusterId: b.id,
        libraryId: library.id,
        teamId: run.teamId,
        universeSize: result.universeSize,
        queryInUniverse: result.queryInUniverse,
        tested: result.tested,
        terms: toStored(result.terms),
        seconds: (performance.now() - t0) / 1000,
      };
    });
    // The preparation (first use of a library on a dataset) is shared: spread it over the batch.
    const prep = (performance.now() - started) / 1000 - rows.reduce((s, r) => s + r.seconds, 0);
    for (const r of rows) r.seconds += Math.max(0, prep) / rows.length;
    // Two requests computing the same bicluster at once: the second insert is skipped.
    await prisma.biclusterEnrichment.createMany({ data: rows, skipDuplicates: true });
    for (const row of await prisma.biclusterEnrichment.findMany({ where: { libraryId: library.id, biclusterId: { in: missing.map((b) => b.id) } } })) {
      have.set(row.biclusterId, row);
    }
  }
  return biclusters.flatMap((b) => {
    const row = have.get(b.id);
    return row ? [view(row, library)] : [];
  });
}

/** Enrichment of one bicluster (loaded through a team-scoped service). */
export async function enrichBicluster(prisma: PrismaClient, bicluster: Bicluster, libraryId: string | null | undefined): Promise<EnrichmentView> {
  const run = await prisma.run.findFirstOrThrow({ where: { id: bicluster.runId, teamId: bicluster.teamId }, select: { id: true, teamId: true, datasetId: true } });
  const [result] = await enrichBiclustersOfRun(prisma, run, [bicluster], libraryId);
  if (!result) throw new Error(`enrichment of bicluster ${bicluster.id} was not stored`);
  return result;
}
