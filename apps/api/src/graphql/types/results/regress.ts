// Result of a REGRESS run: six regressors compared on held-out rows of a DE table (R2, MSE, RMSE,
// CV on the training rows, permutation importance, test predictions for parity plots).
import type { RegressResult } from "@exprlab/core";
import { builder } from "../../builder.ts";
import { envelopeFields } from "./envelope.ts";

type P = RegressResult["payload"];
type Model = P["models"][number];

const ScoresRef = builder.objectRef<P["baseline"]>("RegressionScores").implement({
  fields: (t) => ({ r2: t.exposeFloat("r2"), mse: t.exposeFloat("mse"), rmse: t.exposeFloat("rmse") }),
});

const MeanSdRef = builder.objectRef<Model["cv"]["r2"]>("MeanSd").implement({
  fields: (t) => ({ mean: t.exposeFloat("mean"), sd: t.exposeFloat("sd") }),
});

const ImportanceRef = builder.objectRef<Model["importance"][number]>("FeatureImportance").implement({
  description: "Permutation importance: drop of the test R2 when the feature is shuffled (mean and sd over repeats).",
  fields: (t) => ({ feature: t.exposeString("feature"), mean: t.exposeFloat("mean"), sd: t.exposeFloat("sd") }),
});

const ExcludedRef = builder.objectRef<P["input"]["excluded"][number]>("ExcludedColumn").implement({
  fields: (t) => ({ column: t.exposeString("column"), reason: t.exposeString("reason") }),
});

const RegressorRef = builder.objectRef<Model>("RegressorResult").implement({
  fields: (t) => ({
    name: t.exposeString("name"),
    label: t.exposeString("label"),
    metrics: t.field({ type: ScoresRef, description: "On the held-out test rows.", resolve: (m) => m.metrics }),
    cvFolds: t.int({ resolve: (m) => m.cv.folds }),
    cvR2: t.field({ type: MeanSdRef, resolve: (m) => m.cv.r2 }),
    cvRmse: t.field({ type: MeanSdRef, resolve: (m) => m.cv.rmse }),
    importance: t.field({ type: [ImportanceRef], resolve: (m) => m.importance }),
    predicted: t.exposeFloatList("predicted", { description: "Test predictions, aligned with RegressRunResult.testRows." }),
  }),
});

export const RegressRunResultRef = builder.objectRef<RegressResult>("RegressRunResult").implement({
  description: "Result of a REGRESS run on a DE table.",
  fields: (t) => ({
    ...envelopeFields(t),
    target: t.string({ resolve: (r) => r.payload.input.target }),
    features: t.stringList({ resolve: (r) => r.payload.input.features }),
    excluded: t.field({ type: [ExcludedRef], description: "Columns kept out of the features, with the reason (leakage rules).", resolve: (r) => r.payload.input.excluded }),
    leaking: t.stringList({ resolve: (r) => r.payload.input.leaking }),
    rows: t.int({ resolve: (r) => r.payload.input.usedRows }),
    trainRows: t.int({ resolve: (r) => r.payload.split.train }),
    testRows: t.stringList({ description: "Row ids (genes) of the held-out test rows.", resolve: (r) => r.payload.test.rows }),
    testActual: t.floatList({ resolve: (r) => r.payload.test.actual }),
    baseline: t.field({ type: ScoresRef, description: "Predicting the training mean for every test row.", resolve: (r) => r.payload.baseline }),
    models: t.field({ type: [RegressorRef], resolve: (r) => r.payload.models }),
    best: t.string({ description: "Model with the highest test R2.", resolve: (r) => r.payload.best }),
  }),
});
