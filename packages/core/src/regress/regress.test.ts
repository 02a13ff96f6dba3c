import { describe, expect, it } from "vitest";
import { createRunContext } from "../analysis/context.ts";
import { runMethod } from "../analysis/run-method.ts";
import { deRegression } from "../methods/de-regression/index.ts";
import { createRng } from "../random.ts";
import { compareRegressors } from "./compare.ts";
import { chooseFeatures } from "./leakage.ts";
import { permutationImportance, regressionScores } from "./metrics.ts";
import { BoostingRegressor, REGRESSOR_DEFAULTS, REGRESSOR_NAMES } from "./regressors.ts";
import { parseTable, type NumericTable } from "./table.ts";

/** y = 2 x1 - x2^2 + 0.5 sin(3 x3) + noise; x4 is irrelevant. */
function syntheticTable(n: number, seed: number): NumericTable {
  const rng = createRng(seed);
  const columns = ["y", "x1", "x2", "x3", "x4"];
  const values = new Float64Array(n * 5);
  for (let i = 0; i < n; i++) {
    const x = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
    const y = 2 * x[0]! - x[1]! ** 2 + 0.5 * Math.sin(3 * x[2]!) + 0.2 * rng.normal();
    values.set([y, ...x], i * 5);
  }
  return { rows: Array.from({ length: n }, (_, i) => `g${i}`), columns, values };
}

const ctxFor = (seed: number) =>
  createRunContext({ seed, stages: [{ id: "prepare", label: "p" }, { id: "fit", label: "f" }], plan: [] }).ctx;

describe("regressors on a table with a known relation", () => {
  it("every regressor beats the mean predictor; the nonlinear ones beat linear regression", async () => {
    const r = await compareRegressors(
      syntheticTable(300, 1),
      "y",
      { models: [...REGRESSOR_NAMES], testFraction: 0.2, folds: 3, importanceRepeats: 3, regressor: { forestTrees: 8, boostingRounds: 50 } },
      ctxFor(2),
    );
    expect(r.baseline.r2).toBeLessThanOrEqual(0.05);
    const byName = Object.fromEntries(r.models.map((m) => [m.name, m]));
    for (const name of REGRESSOR_NAMES) {
      expect(byName[name]!.metrics.r2, name).toBeGreaterThan(r.baseline.r2 + 0.3);
      expect(byName[name]!.metrics.mse, name).toBeLessThan(r.baseline.mse);
      expect(byName[name]!.metrics.rmse).toBeCloseTo(Math.sqrt(byName[name]!.metrics.mse), 12);
      expect(byName[name]!.cv.folds).toBe(3);
    }
    // y has a -x2^2 term: a linear model cannot fit it, boosting and the forest can.
    expect(byName.boosting!.metrics.r2).toBeGreaterThan(byName.linear!.metrics.r2);
    expect(byName.forest!.metrics.r2).toBeGreaterThan(byName.linear!.metrics.r2);
    // permutation importance: x1 and x2 matter, the irrelevant x4 does not
    for (const m of r.models) {
      const imp = Object.fromEntries(m.importance.map((i) => [i.feature, i.mean]));
      expect(imp.x1!, m.name).toBeGreaterThan(imp.x4! + 0.1);
      expect(Math.abs(imp.x4!), m.name).toBeLessThan(0.1);
    }
  });

  it("is deterministic under a seed", async () => {
    const opts = { models: ["forest", "boosting"] as const, testFraction: 0.2, folds: 2, importanceRepeats: 2, regressor: { forestTrees: 5, boostingRounds: 10 } };
    const a = await compareRegressors(syntheticTable(150, 3), "y", { ...opts, models: [...opts.models] }, ctxFor(4));
    const b = await compareRegressors(syntheticTable(150, 3), "y", { ...opts, models: [...opts.models] }, ctxFor(4));
    expect(b.models).toEqual(a.models);
  });

  it("boosting round-trips through JSON", async () => {
    const t = syntheticTable(100, 5);
    const x = Array.from({ length: 100 }, (_, i) => Array.from(t.values.subarray(i * 5 + 1, i * 5 + 5)));
    const y = Array.from({ length: 100 }, (_, i) => t.values[i * 5]!);
    const m = new BoostingRegressor({ ...REGRESSOR_DEFAULTS, boostingRounds: 5 });
    expect(() => m.predict(x)).toThrow(/not fitted/);
    await m.fit(x, y);
    expect(BoostingRegressor.load(JSON.parse(JSON.stringify(m.toJSON())) as ReturnType<BoostingRegressor["toJSON"]>).predict(x)).toEqual(m.predict(x));
  });
});

describe("scores", () => {
  it("R2, MSE and RMSE by hand", () => {
    // truth 1 2 3, predicted 1 2 4: SS_res 1, SS_tot 2 -> R2 0.5, MSE 1/3
    const s = regressionScores([1, 2, 3], [1, 2, 4]);
    expect(s.r2).toBeCloseTo(0.5, 12);
    expect(s.mse).toBeCloseTo(1 / 3, 12);
    expect(s.rmse).toBeCloseTo(Math.sqrt(1 / 3), 12);
  });

  it("permutation importance is zero for a feature the model ignores", () => {
    const x = Array.from({ length: 50 }, (_, i) => [i, (i * 7) % 11]);
    const y = x.map((r) => r[0]!);
    const imp = permutationImportance((rows) => rows.map((r) => r[0]!), x, y, ["a", "b"], 3, createRng(1));
    expect(imp[1]).toEqual({ feature: "b", mean: 0, sd: 0 });
    expect(imp[0]!.mean).toBeGreaterThan(1);
  });
});

describe("leakage rules", () => {
  const cols = ["logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B", "extra"];
  it("predicting logFC keeps only AveExpr and extra columns", () => {
    const c = chooseFeatures(cols, "logFC");
    expect(c.features).toEqual(["AveExpr", "extra"]);
    expect(c.excluded.map((e) => e.column)).toEqual(["t", "P.Value", "adj.P.Val", "B"]);
  });
  it("predicting B drops the |t| family but keeps logFC and AveExpr", () => {
    const c = chooseFeatures(cols, "B");
    expect(c.features).toEqual(["logFC", "AveExpr", "extra"]);
    expect(c.excluded.map((e) => e.column).sort()).toEqual(["P.Value", "adj.P.Val", "t"]);
  });
  it("recognises DESeq2-style names and flags leaking requested features", () => {
    expect(chooseFeatures(["log2FoldChange", "baseMean", "stat", "pvalue", "padj"], "log2FoldChange").features).toEqual(["baseMean"]);
    expect(chooseFeatures(cols, "B", ["logFC", "P.Value"]).leaking).toEqual(["P.Value"]);
  });
  it("a run refuses when nothing legitimate is left, and warns on requested leaks", async () => {
    const table: NumericTable = { rows: ["a", "b"], columns: ["logFC", "t"], values: Float64Array.from([1, 2, 3, 4]) };
    await expect(runMethod(deRegression, { table, target: "logFC" }, {})).rejects.toThrow(/no legitimate feature is left/);
  });
});

describe("tables", () => {
  it("reads a topTable CSV, ignores text columns and names bad lines", () => {
    const { table, ignoredColumns } = parseTable(",symbol,logFC,B\ng1,TP53,1.5,2\ng2,BRCA1,NA,-3\n");
    expect(table.columns).toEqual(["logFC", "B"]);
    expect(ignoredColumns).toEqual(["symbol"]);
    expect(Number.isNaN(table.values[2]!)).toBe(true);
    expect(() => parseTable("gene,logFC,B\ng1,1,2\ng1,3,4\n")).toThrow(/line 3, column 1/);
  });
});
