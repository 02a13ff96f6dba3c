// The comparison protocol of the REGRESS kind: rows with a missing target or feature are dropped;
// a seeded 80/20 train/test split; features standardised with the training rows' means and sds;
// each regressor is cross-validated on the training part (k folds), refitted on the whole training
// part and scored on the test part (R2, MSE, RMSE), with permutation importance on the test part.
// The mean of the training targets is the baseline every model should beat.
import type { RunContext } from "../analysis/context.ts";
import { InputError } from "../errors.ts";
import { chooseFeatures, type FeatureChoice } from "./leakage.ts";
import { permutationImportance, regressionScores, type FeatureImportance, type RegressionScores } from "./metrics.ts";
import { createRegressor, REGRESSOR_LABELS, type RegressorName, type RegressorOptions } from "./regressors.ts";
import type { NumericTable } from "./table.ts";

export interface CompareOptions {
  models: RegressorName[];
  testFraction: number;
  folds: number;
  importanceRepeats: number;
  /** Feature columns to use instead of the automatic choice (may leak: then warned). */
  features?: string[] | undefined;
  /** Columns to leave out of the automatic choice. */
  exclude?: string[] | undefined;
  regressor: Partial<RegressorOptions>;
}

export interface ModelResult {
  name: RegressorName;
  label: string;
  metrics: RegressionScores;
  cv: { folds: number; r2: { mean: number; sd: number }; rmse: { mean: number; sd: number } };
  importance: FeatureImportance[];
  /** Predictions for the test rows, in CompareResult.test order (parity plots). */
  predicted: number[];
}

export interface CompareResult {
  /** The held-out rows: their ids and actual target values. */
  test: { rows: string[]; actual: number[] };
  choice: FeatureChoice;
  rows: { total: number; used: number; dropped: number; train: number; test: number };
  baseline: RegressionScores;
  models: ModelResult[];
  seconds: Record<string, number>;
}

interface ModelCheckpoint {
  result: ModelResult;
  seconds: number;
}

const meanSd = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, sd };
};

export async function compareRegressors(table: NumericTable, target: string, o: CompareOptions, ctx: RunContext): Promise<CompareResult> {
  ctx.enter("prepare");
  const ti = table.columns.indexOf(target);
  if (ti < 0) throw new InputError(`no column "${target}" to predict; numeric columns: ${table.columns.join(", ")}`, { field: "target" });
  const choice = chooseFeatures(table.columns, target, o.features, o.exclude);
  for (const f of choice.features) {
    if (!table.columns.includes(f)) throw new InputError(`no feature column "${f}"; numeric columns: ${table.columns.join(", ")}`, { field: "features" });
  }
  if (choice.features.length === 0) {
    throw new InputError(`no legitimate feature is left to predict ${target} (excluded: ${choice.excluded.map((e) => e.column).join(", ")}); add columns or name features`, { field: "features" });
  }
  for (const c of choice.leaking) ctx.warn(`feature ${c} is derived from (or determines) the target ${target}: its scores are inflated by leakage`);
  const fi = choice.features.map((f) => table.columns.indexOf(f));
  const C = table.columns.length;
  const X: number[][] = [];
  const Y: number[] = [];
  const ids: string[] = [];
  for (let r = 0; r < table.rows.length; r++) {
    const yv = table.values[r * C + ti]!;
    const row = fi.map((c) => table.values[r * C + c]!);
    if (!Number.isFinite(yv) || row.some((v) => !Number.isFinite(v))) continue;
    X.push(row);
    Y.push(yv);
    ids.push(table.rows[r]!);
  }
  const n = X.length;
  if (n < 10) throw new InputError(`only ${n} rows have the target and every feature: need at least 10`, { field: "table" });
  const order = ctx.rng.fork("split").shuffle(Array.from({ length: n }, (_, i) => i));
  const nTest = Math.max(2, Math.round(o.testFraction * n));
  const test = order.slice(0, nTest).sort((a, b) => a - b);
  const train = order.slice(nTest).sort((a, b) => a - b);
  // Standardise with the training rows only.
  const d = fi.length;
  const mu = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const i of train) for (let j = 0; j < d; j++) mu[j]! += X[i]![j]!;
  for (let j = 0; j < d; j++) mu[j]! /= train.length;
  for (const i of train) for (let j = 0; j < d; j++) sd[j]! += (X[i]![j]! - mu[j]!) ** 2;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]! / Math.max(1, train.length - 1)) || 1;
  const z = (i: number) => X[i]!.map((v, j) => (v - mu[j]!) / sd[j]!);
  const xTrain = train.map(z);
  const yTrain = train.map((i) => Y[i]!);
  const xTest = test.map(z);
  const yTest = test.map((i) => Y[i]!);
  const trainMean = yTrain.reduce((a, b) => a + b, 0) / yTrain.length;
  const baseline = regressionScores(yTest, yTest.map(() => trainMean));
  const foldOf = ctx.rng.fork("folds").shuffle(Array.from({ length: train.length }, (_, a) => a % o.folds));
  const models: ModelResult[] = [];
  const seconds: Record<string, number> = {};
  const regressorOptions = { ...o.regressor, seed: ctx.seed };
  for (const [m, name] of o.models.entries()) {
    ctx.enter("fit");
    const saved = ctx.checkpoints.get(`model-${name}`) as ModelCheckpoint | undefined;
    if (saved) {
      models.push(saved.result);
      seconds[name] = saved.seconds;
      ctx.resumed("fit");
      continue;
    }
    const t0 = performance.now();
    const foldR2: number[] = [];
    const foldRmse: number[] = [];
    for (let f = 0; f < o.folds; f++) {
      ctx.throwIfCancelled();
      const fitIdx = xTrain.flatMap((_, a) => (foldOf[a] === f ? [] : [a]));
      const valIdx = xTrain.flatMap((_, a) => (foldOf[a] === f ? [a] : []));
      if (valIdx.length === 0) continue;
      const model = createRegressor(name, regressorOptions);
      try {
        await model.fit(fitIdx.map((a) => xTrain[a]!), fitIdx.map((a) => yTrain[a]!));
        const s = regressionScores(valIdx.map((a) => yTrain[a]!), model.predict(valIdx.map((a) => xTrain[a]!)));
        foldR2.push(s.r2);
        foldRmse.push(s.rmse);
      } finally {
        model.dispose();
      }
      ctx.progress((m + (f + 1) / (o.folds + 2)) / o.models.length, `${REGRESSOR_LABELS[name]}: fold ${f + 1}/${o.folds}`);
    }
    ctx.throwIfCancelled();
    const model = createRegressor(name, regressorOptions);
    let result: ModelResult;
    try {
      await model.fit(xTrain, yTrain);
      const predicted = model.predict(xTest);
      const metrics = regressionScores(yTest, predicted);
      const importance = permutationImportance((x) => model.predict(x), xTest, yTest, choice.features, o.importanceRepeats, ctx.rng.fork(`importance-${name}`));
      result = {
        name,
        label: REGRESSOR_LABELS[name],
        metrics,
        cv: { folds: foldR2.length, r2: meanSd(foldR2), rmse: meanSd(foldRmse) },
        importance,
        predicted: Array.from(predicted),
      };
    } finally {
      model.dispose();
    }
    seconds[name] = (performance.now() - t0) / 1000;
    ctx.checkpoints.put(`model-${name}`, { result, seconds: seconds[name] } satisfies ModelCheckpoint);
    models.push(result);
    ctx.progress((m + 1) / o.models.length);
  }
  return {
    choice,
    rows: { total: table.rows.length, used: n, dropped: table.rows.length - n, train: train.length, test: test.length },
    test: { rows: test.map((i) => ids[i]!), actual: yTest },
    baseline,
    models,
    seconds,
  };
}
