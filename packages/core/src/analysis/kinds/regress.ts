// Run kind REGRESS: regressors compared at predicting one numeric column of a genes x columns
// table (a limma topTable: logFC, AveExpr, t, P.Value, adj.P.Val, B, plus any extra numeric
// columns) from the columns that do not leak it (src/regress/leakage.ts).
import { z } from "zod";
import { createRng } from "../../random.ts";
import type { NumericTable } from "../../regress/table.ts";

export interface RegressRunInput {
  table: NumericTable;
  /** Column to predict, e.g. "logFC" or "B". */
  target: string;
}

const num = z.number();
const scores = z.object({ r2: num, mse: num, rmse: num });
const meanSd = z.object({ mean: num, sd: num });

export const regressPayloadSchema = z.object({
  input: z.object({
    rows: z.number().int(),
    usedRows: z.number().int(),
    droppedRows: z.number().int(),
    target: z.string(),
    features: z.array(z.string()),
    /** Columns kept out of the features, with the reason (leakage rules or the user's choice). */
    excluded: z.array(z.object({ column: z.string(), reason: z.string() })),
    /** Features the user named although they leak the target. */
    leaking: z.array(z.string()),
  }),
  split: z.object({ train: z.number().int(), test: z.number().int(), testFraction: num, folds: z.number().int() }),
  /** Predicting the training mean for every test row: R2 <= 0 by construction (up to the split). */
  baseline: scores,
  models: z.array(
    z.object({
      name: z.string(),
      label: z.string(),
      /** On the held-out test rows. */
      metrics: scores,
      /** k-fold cross-validation on the training rows. */
      cv: z.object({ folds: z.number().int(), r2: meanSd, rmse: meanSd }),
      /** Permutation importance on the test rows: mean and sd of the R2 drop. */
      importance: z.array(z.object({ feature: z.string(), mean: num, sd: num })),
      /** Predictions of the test rows, aligned with `test` (parity plots). */
      predicted: z.array(num),
    }),
  ),
  /** The held-out test rows (row ids and actual target values). */
  test: z.object({ rows: z.array(z.string()), actual: z.array(num) }),
  /** Name of the model with the highest test R2. */
  best: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export type RegressPayload = z.infer<typeof regressPayloadSchema>;

/** 160 genes: B depends on logFC (through |logFC|) and AveExpr; t, P.Value and adj.P.Val leak it. */
export function exampleRegressInput(seed: number): RegressRunInput {
  const rng = createRng(seed).fork("example-regress");
  const columns = ["logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B", "extra"];
  const n = 160;
  const values = new Float64Array(n * columns.length);
  for (let i = 0; i < n; i++) {
    const logFC = rng.normal() * 1.5;
    const ave = 4 + 4 * rng.next();
    const se = 0.3 + 0.1 * rng.next();
    const t = logFC / se;
    const p = Math.min(1, Math.exp(-0.7 * Math.abs(t)));
    const B = -4 + 0.5 * t * t * 0.2 + 0.1 * ave;
    values.set([logFC, ave, t, p, Math.min(1, p * 3), B, rng.normal()], i * columns.length);
  }
  return { table: { rows: Array.from({ length: n }, (_, i) => `g${i + 1}`), columns, values }, target: "B" };
}
