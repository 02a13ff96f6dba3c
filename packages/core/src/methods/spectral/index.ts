// Spectral biclustering (Kluger et al. 2003): a checkerboard of gene clusters x condition
// clusters from the singular vectors of the normalised matrix. Searches the transformed values
// (its normalisations need non-negative data, so it does not see the z-scored matrix); each
// block of the checkerboard is a bicluster, scored on the z-scored matrix like every method's.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { InputError } from "../../errors.ts";
import { payloadFromBiclusters, preprocessUnscaled } from "../shared/bicluster-list.ts";
import { baseMemoryMb, PERMUTATION_CELL } from "../shared/gene-cluster-cost.ts";
import { extractionParams, preprocessParams } from "../shared/gene-cluster-params.ts";
import { checkerboardBlocks, spectralBiclustering } from "./algorithm.ts";

const params = z.object({
  k: z
    .number()
    .int()
    .min(2)
    .max(50)
    .default(3)
    .meta({ label: "Gene clusters", help: "Number of gene (row) clusters of the checkerboard (scikit-learn: 3).", group: "main" }),
  columnClusters: z
    .number()
    .int()
    .min(2)
    .max(50)
    .default(3)
    .meta({ label: "Condition clusters", help: "Number of condition (column) clusters of the checkerboard (scikit-learn: 3).", group: "main" }),
  normalisation: z
    .enum(["bistochastic", "scale", "log"])
    .default("bistochastic")
    .meta({ label: "Normalisation", help: "bistochastic (rows and columns rescaled to constant sums), scale (once), or log interactions.", group: "main" }),
  components: z
    .number()
    .int()
    .min(1)
    .max(30)
    .default(6)
    .meta({ label: "Singular vectors", help: "Singular vector pairs examined (after the trivial first; scikit-learn: 6).", group: "advanced" }),
  best: z
    .number()
    .int()
    .min(1)
    .max(30)
    .default(3)
    .meta({ label: "Best singular vectors", help: "Vectors closest to piecewise constant, on which the data is projected (scikit-learn: 3).", group: "advanced" }),
  kmeansRestarts: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .meta({ label: "k-means restarts", help: "k-means++ restarts of every k-means of the method (scikit-learn: 10).", group: "advanced" }),
  ...preprocessParams,
  permutations: extractionParams.permutations,
});

type Params = z.output<typeof params>;

function cost(shape: { rows: number; columns: number }, p: Params) {
  const n = Math.min(shape.rows, p.topVariance ?? shape.rows);
  const m = shape.columns;
  const svd = n * m * m * 2e-8;
  const bistochastic = p.normalisation === "bistochastic" ? 200 * n * m * 5e-9 : 0;
  const kmeans = p.kmeansRestarts * (p.components * 2 + 2) * n * 30 * p.k * 2e-9;
  const pvalues = p.k * p.columnClusters * p.permutations * (n / p.k) * (m / p.columnClusters) * PERMUTATION_CELL;
  return { seconds: 1 + (n * m) / 2e6 + svd + bistochastic + kmeans + pvalues, memoryMb: baseMemoryMb({ rows: n, columns: m }, m) + (n * m * 8 * 4) / 1e6 };
}

export const spectralMethod = defineMethod({
  id: "spectral",
  kind: "BICLUSTER",
  label: "Spectral biclustering",
  description: "Kluger's spectral biclustering: normalise, SVD, cluster genes and conditions on the singular vectors closest to piecewise constant; each checkerboard block is a bicluster.",
  reference:
    "Kluger Y, Basri R, Chang JT, Gerstein M (2003) Spectral biclustering of microarray data: coclustering genes and conditions. Genome Research 13:703-716 (as scikit-learn's SpectralBiclustering).",
  params,
  stages: [
    { id: "preprocess", label: "Preprocessing" },
    { id: "spectral", label: "Normalising, SVD and clustering" },
    { id: "score", label: "Scoring biclusters" },
  ],
  plan: () => [
    { stage: "preprocess", weight: 1 },
    { stage: "spectral", weight: 3 },
    { stage: "score", weight: 2 },
  ],
  validate: (p) => {
    if (p.best > p.components) throw new InputError(`best (${p.best}) must not exceed components (${p.components})`, { field: "best" });
  },
  estimate: cost,
  checkParams: { k: 2, columnClusters: 2, components: 3, best: 2, kmeansRestarts: 3, permutations: 19 },
  async run({ matrix }, p, ctx) {
    ctx.enter("preprocess");
    const { pre, raw } = preprocessUnscaled(matrix, p, ctx.seed);
    ctx.progress(1);

    ctx.enter("spectral");
    const fit = spectralBiclustering(raw, pre.n, pre.T, {
      rowClusters: p.k,
      colClusters: p.columnClusters,
      normalisation: p.normalisation,
      components: p.components,
      best: p.best,
      nInit: p.kmeansRestarts,
      seed: ctx.rng.fork("spectral").seed32(),
    });
    if (fit.shift !== 0) ctx.warn(`values were shifted by ${fit.shift.toPrecision(3)} before the ${p.normalisation} normalisation, which needs ${p.normalisation === "log" ? "values >= 1" : "non-negative values"}.`);
    ctx.progress(1);

    const blocks = checkerboardBlocks(fit, p.k, p.columnClusters);
    const scored = payloadFromBiclusters(matrix, pre, blocks, p, ctx);
    const geneCluster = new Array<number>(matrix.genes.length).fill(-1);
    fit.rowLabels.forEach((l, i) => (geneCluster[pre.keptGenes[i]!] = l));
    return {
      ...scored,
      kChoice: null,
      details: {
        geneClusters: geneCluster,
        conditionClusters: Array.from(fit.colLabels),
        blocks: blocks.map((b) => ({ geneCluster: b.rowCluster, conditionCluster: b.colCluster })),
        bestLeftVectors: fit.bestLeft,
        bestRightVectors: fit.bestRight,
        shift: fit.shift,
        bistochasticIterations: fit.bistochasticIterations,
      },
    };
  },
});
