// Regression of DE tables: six regressors compared at predicting logFC or B (or any numeric
// column) from the columns that do not leak it.
import { z } from "zod";
import { defineMethod } from "../../analysis/define.ts";
import { compareRegressors } from "../../regress/compare.ts";
import { REGRESSOR_NAMES } from "../../regress/regressors.ts";

const columnList = (s: string | undefined) =>
  s === undefined || s.trim() === "" ? undefined : s.split(",").map((c) => c.trim()).filter(Boolean);

const params = z.object({
  models: z
    .array(z.enum(REGRESSOR_NAMES))
    .min(1)
    .max(REGRESSOR_NAMES.length)
    .default([...REGRESSOR_NAMES])
    .meta({ label: "Regressors", help: "Linear, decision tree, random forest, gradient boosting, epsilon-SVR, k-nearest neighbours", group: "main" }),
  features: z
    .string()
    .max(2000)
    .optional()
    .meta({ label: "Feature columns", help: "Comma-separated columns to use; empty: every column that does not leak the target", group: "advanced" }),
  exclude: z.string().max(2000).optional().meta({ label: "Excluded columns", help: "Comma-separated columns to leave out of the automatic feature choice", group: "advanced" }),
  testFraction: z.number().min(0.1).max(0.5).default(0.2).meta({ label: "Test fraction", help: "Share of the rows held out for the test scores (80/20 by default)", group: "main" }),
  folds: z.number().int().min(2).max(20).default(5).meta({ label: "CV folds", help: "Folds of the cross-validation on the training rows", group: "advanced" }),
  importanceRepeats: z.number().int().min(1).max(50).default(5).meta({ label: "Importance repeats", help: "Shuffles per feature in the permutation importance", group: "advanced" }),
  maxTreeRows: z.number().int().min(50).max(100000).default(1500).meta({ label: "Rows per tree", help: "Each tree trains on at most this many rows (seeded subsample): CART's split search is quadratic", group: "advanced" }),
  treeDepth: z.number().int().min(1).max(30).default(8).meta({ label: "Decision tree depth", help: "Maximum depth of the single decision tree", group: "advanced" }),
  forestTrees: z.number().int().min(1).max(500).default(30).meta({ label: "Forest trees", help: "Trees of the random forest (bootstrap samples)", group: "advanced" }),
  forestDepth: z.number().int().min(1).max(30).default(10).meta({ label: "Forest tree depth", help: "Maximum depth of the random forest's trees", group: "advanced" }),
  boostingRounds: z.number().int().min(1).max(2000).default(100).meta({ label: "Boosting rounds", help: "Trees of the gradient boosting", group: "advanced" }),
  boostingDepth: z.number().int().min(1).max(10).default(3).meta({ label: "Boosting tree depth", help: "Maximum depth of each boosting tree", group: "advanced" }),
  boostingRate: z.number().min(0.001).max(1).default(0.1).meta({ label: "Boosting learning rate", help: "Shrinkage of each boosting tree's contribution", group: "advanced" }),
  svrCost: z.number().min(1e-4).max(1e4).default(1).meta({ label: "SVR C", help: "Penalty of the epsilon-SVR", group: "advanced" }),
  svrEpsilon: z.number().min(0).max(10).default(0.1).meta({ label: "SVR epsilon", help: "Half-width of the SVR's insensitive tube, in training-sd units of the target", group: "advanced" }),
  knnK: z.number().int().min(1).max(200).default(5).meta({ label: "kNN neighbours", help: "Neighbours averaged by the k-nearest-neighbours regressor", group: "advanced" }),
});

export const deRegression = defineMethod({
  id: "de-regression",
  kind: "REGRESS",
  label: "Regression of DE tables (six regressors)",
  description:
    "Linear regression, decision tree, random forest, gradient boosting, epsilon-SVR and kNN predict a DE table's logFC or B from its non-leaking columns: R2, MSE, RMSE, CV and permutation importance.",
  reference:
    "Six-regressor prediction of logFC and B from limma topTables (seed paper of ExprLab's DE regression); Breiman 2001 (random forests, permutation importance); Friedman 2001/2002 (gradient boosting).",
  params,
  stages: [
    { id: "prepare", label: "Choosing features and splitting rows" },
    { id: "fit", label: "Cross-validating and fitting the regressors" },
  ],
  plan: (p) => [
    { stage: "prepare", weight: 1 },
    ...p.models.map(() => ({ stage: "fit", weight: 10 })),
  ],
  estimate: (shape, p) => {
    const n = shape.rows * (1 - p.testFraction);
    const d = Math.max(1, shape.columns - 1);
    const tr = Math.min(n, p.maxTreeRows);
    // ml-cart: ~0.2 s for a depth-8 tree on 1,000 rows x 5 features, quadratic in rows, linear in features.
    const tree = (rows: number, depth: number) => 0.2 * (rows / 1000) ** 2 * (d / 5) * Math.min(1, depth / 8);
    const per: Record<string, number> = {
      linear: 0.01 + (n * d * d) / 1e8,
      tree: tree(tr, p.treeDepth),
      forest: p.forestTrees * tree(tr, p.forestDepth),
      boosting: p.boostingRounds * tree(Math.min(0.8 * n, p.maxTreeRows), p.boostingDepth),
      svr: (n * n * d) / 5e7,
      knn: (n * Math.log2(n + 1) * d) / 1e6 + (shape.rows * p.knnK * d) / 1e6,
    };
    const seconds = 0.5 + p.models.reduce((a, m) => a + (p.folds + 1) * (per[m] ?? 1), 0);
    return { seconds, memoryMb: 60 + (shape.rows * shape.columns * 8 * 6) / 1e6 };
  },
  checkParams: { folds: 2, importanceRepeats: 2, forestTrees: 4, boostingRounds: 10, maxTreeRows: 100 },
  async run({ table, target }, p, ctx) {
    const r = await compareRegressors(
      table,
      target,
      {
        models: p.models,
        testFraction: p.testFraction,
        folds: p.folds,
        importanceRepeats: p.importanceRepeats,
        features: columnList(p.features),
        exclude: columnList(p.exclude),
        regressor: {
          maxTreeRows: p.maxTreeRows,
          treeDepth: p.treeDepth,
          forestTrees: p.forestTrees,
          forestDepth: p.forestDepth,
          boostingRounds: p.boostingRounds,
          boostingDepth: p.boostingDepth,
          boostingRate: p.boostingRate,
          svrCost: p.svrCost,
          svrEpsilon: p.svrEpsilon,
          knnK: p.knnK,
        },
      },
      ctx,
    );
    const best = [...r.models].sort((a, b) => b.metrics.r2 - a.metrics.r2)[0]!;
    return {
      input: {
        rows: r.rows.total,
        usedRows: r.rows.used,
        droppedRows: r.rows.dropped,
        target,
        features: r.choice.features,
        excluded: r.choice.excluded,
        leaking: r.choice.leaking,
      },
      split: { train: r.rows.train, test: r.rows.test, testFraction: p.testFraction, folds: p.folds },
      baseline: r.baseline,
      models: r.models,
      test: r.test,
      best: best.name,
      details: { seconds: r.seconds },
    };
  },
});
