// Plaid biclustering (Lazzeroni & Owen 2002; binary least squares with pruning and a
// permutation test per layer, Turner et al. 2005, as R's biclust::BCPlaid): the method of the
// registry that targets overlapping structures, since layers add up where they overlap. By
// default it fits the same per-gene z-scored matrix as every other method (standardize off: the
// transformed values, with their background layer, as biclust does); scored like every method.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { payloadFromBiclusters, preprocessForSearch } from "../shared/bicluster-list.ts";
import { baseMemoryMb, PERMUTATION_CELL } from "../shared/gene-cluster-cost.ts";
import { extractionParams, preprocessParams } from "../shared/gene-cluster-params.ts";
import { plaid, type PlaidLayer } from "./algorithm.ts";

const params = z.object({
  k: z
    .number()
    .int()
    .min(1)
    .max(50)
    .default(10)
    .meta({ label: "Maximum number of layers", help: "Most biclusters (layers) fitted; the search stops sooner at the first layer that fails the permutation test.", group: "main" }),
  model: z
    .enum(["m+a+b", "m+a", "m+b", "m"])
    .default("m+a+b")
    .meta({ label: "Layer model", help: "Effects of each layer: mean + gene + condition effects (default), fewer, or a constant layer (m).", group: "main" }),
  background: z
    .boolean()
    .default(true)
    .meta({ label: "Background layer", help: "Fit and subtract mean + gene + condition effects of the whole matrix first.", group: "advanced" }),
  rowRelease: z
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .meta({ label: "Gene release threshold", help: "A gene stays in a layer when the layer explains more than this share of its variation there (biclust: 0.7).", group: "advanced" }),
  colRelease: z
    .number()
    .min(0)
    .max(1)
    .default(0.7)
    .meta({ label: "Condition release threshold", help: "A condition stays in a layer when the layer explains more than this share of its variation there (biclust: 0.7).", group: "advanced" }),
  shuffle: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(3)
    .meta({ label: "Permuted layers", help: "A layer is kept only when it beats this many layers fitted to permuted data (0: keep every layer).", group: "advanced" }),
  iterStartup: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(5)
    .meta({ label: "Start-up iterations", help: "Lloyd iterations of the two-cluster k-means that proposes a layer's first genes and conditions.", group: "advanced" }),
  iterLayer: z
    .number()
    .int()
    .min(1)
    .max(100)
    .default(10)
    .meta({ label: "Layer iterations", help: "Membership update rounds per layer; as many pruning rounds follow.", group: "advanced" }),
  standardize: z
    .boolean()
    .default(true)
    .meta({ label: "Z-score genes first", help: "Fit the per-gene z-scored matrix every other method sees; off: the transformed values as they are.", group: "advanced" }),
  ...preprocessParams,
  permutations: extractionParams.permutations,
});

type Params = z.output<typeof params>;

interface SearchCheckpoint {
  layers: PlaidLayer[];
  stopped: string | null;
}

/** Per layer: (shuffle + 1) searches of ~2 x iterLayer passes over the matrix (each pass ~3 sweeps). */
function cost(shape: { rows: number; columns: number }, p: Params) {
  const n = Math.min(shape.rows, p.topVariance ?? shape.rows);
  const m = shape.columns;
  const perLayer = (p.shuffle + 1) * (2 * p.iterLayer + p.iterStartup) * 3 * n * m * 3e-9;
  const pvalues = p.k * p.permutations * (n / 10) * m * PERMUTATION_CELL;
  return { seconds: 1 + (n * m) / 2e6 + p.k * perLayer + pvalues, memoryMb: baseMemoryMb({ rows: n, columns: m }, m) };
}

export const plaidMethod = defineMethod({
  id: "plaid",
  kind: "BICLUSTER",
  label: "Plaid",
  description: "Plaid model: additive layers (mean + gene + condition effects) with binary memberships, pruned and kept only when they beat permuted data; layers may overlap.",
  reference:
    "Lazzeroni L, Owen A (2002) Plaid models for gene expression data. Statistica Sinica 12:61-86; Turner H, Bailey T, Krzanowski W (2005) Improved biclustering of microarray data demonstrated through systematic performance tests. CSDA 48:235-254 (biclust::BCPlaid).",
  params,
  stages: [
    { id: "preprocess", label: "Preprocessing" },
    { id: "search", label: "Fitting plaid layers" },
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
    const saved = ctx.checkpoints.get("search") as SearchCheckpoint | undefined;
    let layers: PlaidLayer[];
    let stopped: string;
    if (saved?.stopped) {
      ({ layers } = saved);
      stopped = saved.stopped;
      ctx.resumed("search");
    } else {
      if (saved) ctx.resumed("search");
      const fit = plaid(
        searched,
        pre.n,
        pre.T,
        {
          maxLayers: p.k,
          model: p.model,
          background: p.background,
          rowRelease: p.rowRelease,
          colRelease: p.colRelease,
          shuffle: p.shuffle,
          iterStartup: p.iterStartup,
          iterLayer: p.iterLayer,
          rng: ctx.rng.fork("search"),
          signal: ctx.signal,
          onProgress: (layer, f) => ctx.progress((layer + f) / p.k, `layer ${layer + 1}`),
          onLayer: (sofar) => ctx.checkpoints.put("search", { layers: sofar, stopped: null } satisfies SearchCheckpoint),
        },
        saved?.layers ?? [],
      );
      ({ layers, stopped } = fit);
      ctx.checkpoints.put("search", { layers, stopped } satisfies SearchCheckpoint);
    }
    if (layers.length === 0) ctx.warn("no layer beat the permuted data: no bicluster found.");

    const scored = payloadFromBiclusters(matrix, pre, layers.map((l) => ({ genes: l.rows, conditions: l.cols })), p, ctx);
    return {
      ...scored,
      kChoice: null,
      details: {
        stopped,
        layers: layers.map((l) => ({
          genes: l.rows.length,
          conditions: l.cols.length,
          mu: l.mu,
          ss: l.ss,
          permutedSs: l.permutedSs,
          converged: l.converged,
          genesReleased: l.rowsReleased,
          conditionsReleased: l.colsReleased,
        })),
      },
    };
  },
});
