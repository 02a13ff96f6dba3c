// Cheng-Church biclustering (Cheng & Church 2000): delta-biclusters of low mean squared residue,
// found one at a time by node deletion and addition, each masked with random values before the
// next search. By default it searches the same preprocessed, per-gene z-scored matrix as every
// other method (standardize off: the transformed values, as biclust does); delta is by default
// relative to the searched matrix's MSR, so one setting fits any data scale. Biclusters are
// scored on the z-scored matrix either way, like every other method's.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { payloadFromBiclusters, preprocessForSearch } from "../shared/bicluster-list.ts";
import { baseMemoryMb, PERMUTATION_CELL } from "../shared/gene-cluster-cost.ts";
import { extractionParams, preprocessParams } from "../shared/gene-cluster-params.ts";
import { chengChurch, matrixMsr, type ChengChurchBicluster } from "./algorithm.ts";

const params = z.object({
  k: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .meta({ label: "Number of biclusters", help: "Biclusters to find (the search stops sooner when no delta-bicluster remains).", group: "main" }),
  delta: z
    .number()
    .positive()
    .max(1000)
    .default(0.5)
    .meta({ label: "MSR threshold (delta)", help: "Largest mean squared residue of a bicluster, relative to the matrix's MSR or absolute (see delta scale).", group: "main" }),
  deltaScale: z
    .enum(["relative", "absolute"])
    .default("relative")
    .meta({ label: "Delta scale", help: "relative: delta times the MSR of the whole searched matrix (z-scored by default); absolute: delta as given.", group: "advanced" }),
  alpha: z
    .number()
    .min(1.01)
    .max(10)
    .default(1.2)
    .meta({ label: "Multiple-deletion alpha", help: "Rows/columns with a residue above alpha x MSR are deleted together (paper: 1.2).", group: "advanced" }),
  invertedRows: z
    .boolean()
    .default(true)
    .meta({ label: "Add inverted rows", help: "Node addition may add genes whose mirror-image profile fits the bicluster (paper: yes).", group: "advanced" }),
  multipleDeletionMin: z
    .number()
    .int()
    .min(2)
    .max(100_000)
    .default(100)
    .meta({ label: "Multiple-deletion minimum", help: "Multiple node deletion runs along a dimension only while it has more nodes than this (paper: 100).", group: "advanced" }),
  standardize: z
    .boolean()
    .default(true)
    .meta({ label: "Z-score genes first", help: "Search the per-gene z-scored matrix every other method sees; off: the transformed values as they are.", group: "advanced" }),
  ...preprocessParams,
  permutations: extractionParams.permutations,
});

type Params = z.output<typeof params>;

interface SearchCheckpoint {
  found: ChengChurchBicluster[];
  complete: boolean;
}

/** Seconds: ~30 passes over the matrix per bicluster (deletion and addition), single deletion from ~100 rows. */
function cost(shape: { rows: number; columns: number }, p: Params) {
  const n = Math.min(shape.rows, p.topVariance ?? shape.rows);
  const m = shape.columns;
  const perBicluster = (30 * n * m + 100 * 100 * m) * 4e-9;
  const pvalues = p.k * p.permutations * (n / 10) * m * PERMUTATION_CELL;
  return { seconds: 1 + (n * m) / 2e6 + p.k * perBicluster + pvalues, memoryMb: baseMemoryMb({ rows: n, columns: m }, m) };
}

export const chengChurchMethod = defineMethod({
  id: "cheng-church",
  kind: "BICLUSTER",
  label: "Cheng-Church",
  description: "Cheng & Church delta-biclusters: node deletion until the mean squared residue is below delta, node addition, then masking with random values before the next.",
  reference: "Cheng Y, Church GM (2000) Biclustering of expression data. Proc. ISMB 8:93-103.",
  params,
  stages: [
    { id: "preprocess", label: "Preprocessing" },
    { id: "search", label: "Searching delta-biclusters" },
    { id: "score", label: "Scoring biclusters" },
  ],
  plan: () => [
    { stage: "preprocess", weight: 1 },
    { stage: "search", weight: 8 },
    { stage: "score", weight: 1 },
  ],
  estimate: cost,
  checkParams: { k: 3, permutations: 19 },
  async run({ matrix }, p, ctx) {
    ctx.enter("preprocess");
    const { pre, searched } = preprocessForSearch(matrix, p, ctx.seed, p.standardize);
    ctx.progress(1);

    ctx.enter("search");
    const whole = matrixMsr(searched, pre.n, pre.T);
    const delta = p.deltaScale === "relative" ? p.delta * whole : p.delta;
    const saved = ctx.checkpoints.get("search") as SearchCheckpoint | undefined;
    let found: ChengChurchBicluster[];
    if (saved?.complete) {
      found = saved.found;
      ctx.resumed("search");
    } else {
      if (saved) ctx.resumed("search");
      found = chengChurch(
        searched,
        pre.n,
        pre.T,
        {
          delta,
          alpha: p.alpha,
          count: p.k,
          multipleDeletionMin: p.multipleDeletionMin,
          invertedRows: p.invertedRows,
          rng: ctx.rng.fork("search"),
          signal: ctx.signal,
          onBicluster: (sofar) => {
            ctx.checkpoints.put("search", { found: sofar, complete: false } satisfies SearchCheckpoint);
            ctx.progress(sofar.length / p.k, `${sofar.length} of ${p.k} biclusters`);
          },
        },
        saved?.found ?? [],
      );
      ctx.checkpoints.put("search", { found, complete: true } satisfies SearchCheckpoint);
    }
    if (found.length < p.k) ctx.warn(`${found.length} of ${p.k} biclusters found: no further bicluster with MSR <= delta (${delta.toPrecision(3)}).`);

    const scored = payloadFromBiclusters(matrix, pre, found.map((b) => ({ genes: b.rows, conditions: b.cols })), p, ctx);
    return {
      ...scored,
      kChoice: null,
      details: {
        delta,
        matrixMsr: whole,
        searchMsr: found.map((b) => b.msr),
        invertedGenes: found.map((b) => b.invertedRows.map((g) => pre.keptGenes[g]!)),
      },
    };
  },
});
