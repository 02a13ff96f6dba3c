// Over-representation analysis of a gene list (e.g. a bicluster's genes) against a gene-set
// library: one-sided Fisher's exact test (hypergeometric upper tail) per set, with the dataset's
// genes as the universe, and Benjamini-Hochberg q-values across the sets tested.
//
// Universe handling, which decides the p-values: the universe is the distinct genes of the
// dataset. Each set is intersected with it first (K = set genes measured in the dataset), so a
// set larger than the universe, or with genes the platform does not measure, is tested only on
// what could have been drawn. Query genes outside the universe are dropped and reported.
import { InputError } from "../errors.ts";
import { benjaminiHochberg } from "../metrics/multiple-testing.ts";
import type { GeneSet } from "./gmt.ts";
import { hypergeometricUpperTail } from "./hypergeometric.ts";

export interface EnrichmentOptions {
  /** Match gene ids ignoring case ("Tp53" = "TP53"). Default true. */
  ignoreCase?: boolean;
  /** Sets with fewer genes in the universe are not tested. Default 10 (as clusterProfiler). */
  minSetSize?: number;
  /** Sets with more genes in the universe are not tested. Default 500 (as clusterProfiler). */
  maxSetSize?: number;
}

/** A library intersected with one universe, reusable for many gene lists (e.g. every bicluster of a run). */
export interface PreparedGeneSets {
  universe: readonly string[];
  /** Universe position of each normalised gene id. */
  index: Map<string, number>;
  /** Tested sets: the set and its members as universe positions. */
  sets: { set: GeneSet; members: Int32Array }[];
  skipped: { tooSmall: number; tooLarge: number };
  ignoreCase: boolean;
}

export interface EnrichmentTerm {
  name: string;
  description: string;
  /** Genes in the set as given by the library. */
  setSize: number;
  /** K: genes of the set that are in the universe. */
  setSizeInUniverse: number;
  /** k: genes of the set in the query. */
  overlap: number;
  /** The overlapping genes, spelled as in the universe (the dataset), in universe order. */
  overlapGenes: string[];
  /** n K / N: the overlap expected by chance. */
  expected: number;
  /** (k / n) / (K / N): observed over expected. */
  foldEnrichment: number;
  /** P(X >= k), X ~ Hypergeometric(N, K, n). */
  pValue: number;
  /** Benjamini-Hochberg q-value across the sets tested for this query. */
  qValue: number;
}

export interface EnrichmentResult {
  /** All tested sets, by p-value (then name). */
  terms: EnrichmentTerm[];
  /** N: distinct genes of the universe. */
  universeSize: number;
  /** n: distinct query genes found in the universe. */
  queryInUniverse: number;
  /** Query genes not in the universe (not counted). */
  queryNotInUniverse: string[];
  /** Sets tested (the BH family size). */
  tested: number;
  skipped: { tooSmall: number; tooLarge: number };
}

function checkSize(name: string, v: number): void {
  if (!(Number.isInteger(v) && v >= 0) && v !== Number.POSITIVE_INFINITY) {
    throw new InputError(`${name} must be a non-negative integer, got ${v}`, { field: name });
  }
}

/** Intersect every set with the universe once; sets outside [minSetSize, maxSetSize] are not tested. */
export function prepareGeneSets(sets: readonly GeneSet[], universe: readonly string[], options: EnrichmentOptions = {}): PreparedGeneSets {
  const ignoreCase = options.ignoreCase ?? true;
  const minSetSize = options.minSetSize ?? 10;
  const maxSetSize = options.maxSetSize ?? 500;
  checkSize("minSetSize", minSetSize);
  checkSize("maxSetSize", maxSetSize);
  const norm = ignoreCase ? (g: string) => g.toUpperCase() : (g: string) => g;
  const index = new Map<string, number>();
  const distinct: string[] = [];
  for (const g of universe) {
    const key = norm(g);
    if (!index.has(key)) {
      index.set(key, distinct.length);
      distinct.push(g);
    }
  }
  const prepared: PreparedGeneSets = { universe: distinct, index, sets: [], skipped: { tooSmall: 0, tooLarge: 0 }, ignoreCase };
  const seen = new Uint8Array(distinct.length);
  for (const set of sets) {
    const members: number[] = [];
    for (const g of set.genes) {
      const u = index.get(norm(g));
      if (u !== undefined && seen[u] === 0) {
        seen[u] = 1;
        members.push(u);
      }
    }
    for (const u of members) seen[u] = 0;
    if (members.length < Math.max(1, minSetSize)) prepared.skipped.tooSmall++;
    else if (members.length > maxSetSize) prepared.skipped.tooLarge++;
    else prepared.sets.push({ set, members: Int32Array.from(members).sort() });
  }
  return prepared;
}

/** Enrichment of `query` against prepared sets (BH across those sets). */
export function enrichPrepared(query: readonly string[], prepared: PreparedGeneSets): EnrichmentResult {
  const N = prepared.universe.length;
  const inQuery = new Uint8Array(N);
  const notIn: string[] = [];
  let n = 0;
  for (const g of query) {
    const u = prepared.index.get(prepared.ignoreCase ? g.toUpperCase() : g);
    if (u === undefined) notIn.push(g);
    else if (inQuery[u] === 0) {
      inQuery[u] = 1;
      n++;
    }
  }
  const base = { universeSize: N, queryInUniverse: n, queryNotInUniverse: notIn, skipped: { ...prepared.skipped } };
  if (n === 0) return { terms: [], tested: 0, ...base };
  const terms: EnrichmentTerm[] = prepared.sets.map(({ set, members }) => {
    const overlapGenes: string[] = [];
    for (let i = 0; i < members.length; i++) if (inQuery[members[i]!] === 1) overlapGenes.push(prepared.universe[members[i]!]!);
    const K = members.length;
    const k = overlapGenes.length;
    const expected = (n * K) / N;
    return {
      name: set.name,
      description: set.description,
      setSize: set.genes.length,
      setSizeInUniverse: K,
      overlap: k,
      overlapGenes,
      expected,
      foldEnrichment: k / expected,
      pValue: hypergeometricUpperTail(k, N, K, n),
      qValue: Number.NaN,
    };
  });
  const q = benjaminiHochberg(terms.map((t) => t.pValue));
  terms.forEach((t, i) => (t.qValue = q[i]!));
  terms.sort((a, b) => a.pValue - b.pValue || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { terms, tested: terms.length, ...base };
}

/** Enrichment of one gene list against a library, with `universe` = the dataset's genes. */
export function enrichGeneSets(
  query: readonly string[],
  sets: readonly GeneSet[],
  universe: readonly string[],
  options: EnrichmentOptions = {},
): EnrichmentResult {
  return enrichPrepared(query, prepareGeneSets(sets, universe, options));
}

/**
 * Enrichment of every bicluster of a run: the universe is the dataset's genes (`genes`, the
 * matrix's gene ids, which the biclusters index), the library is intersected with it once, and
 * BH q-values are computed per bicluster across the sets tested.
 */
export function enrichBiclusters(
  genes: readonly string[],
  biclusters: readonly { genes: readonly number[] }[],
  sets: readonly GeneSet[],
  options: EnrichmentOptions = {},
): EnrichmentResult[] {
  const prepared = prepareGeneSets(sets, genes, options);
  return biclusters.map((b, k) => {
    const query = b.genes.map((i) => {
      const g = genes[i];
      if (g === undefined) throw new InputError(`bicluster ${k + 1} has gene index ${i}, outside the ${genes.length} genes of the dataset`, { field: "genes" });
      return g;
    });
    return enrichPrepared(query, prepared);
  });
}
