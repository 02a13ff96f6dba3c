// Result of a CLASSIFY run: pooled test scores (accuracy, per-class F1, integrated F1, ROC AUC),
// the confusion matrix and ROC curves, predictions, noise robustness and the CNN's grid table.
import type { ClassifyResult } from "@exprlab/core";
import { builder } from "../../builder.ts";
import { envelopeFields } from "./envelope.ts";

type P = ClassifyResult["payload"];
type M = P["metrics"];

const ClassScoreRef = builder.objectRef<M["perClass"][number]>("ClassScore").implement({
  fields: (t) => ({
    class: t.exposeString("class"),
    precision: t.exposeFloat("precision"),
    recall: t.exposeFloat("recall"),
    f1: t.exposeFloat("f1"),
    desirability: t.exposeFloat("desirability", { nullable: true, description: "Harrington desirability of the class's F1." }),
    support: t.exposeInt("support", { description: "Test samples of the class." }),
  }),
});

const ConfusionRef = builder.objectRef<M["confusion"]>("ConfusionMatrix").implement({
  description: "Rows: true class; columns: predicted class (same order as classes).",
  fields: (t) => ({
    classes: t.exposeStringList("classes"),
    counts: t.field({ type: t.listRef(t.listRef("Int")), description: "Counts: row = true class, column = predicted class.", resolve: (c) => c.matrix }),
  }),
});

const RocPointRef = builder.objectRef<M["roc"][number]["points"][number]>("RocPoint").implement({
  fields: (t) => ({ fpr: t.exposeFloat("fpr"), tpr: t.exposeFloat("tpr") }),
});
const RocCurveRef = builder.objectRef<M["roc"][number]>("RocCurve").implement({
  description: "One-vs-rest ROC curve of a class.",
  fields: (t) => ({
    class: t.exposeString("class"),
    auc: t.exposeFloat("auc", { nullable: true }),
    points: t.field({ type: [RocPointRef], resolve: (r) => r.points }),
  }),
});

const ClassMetricsRef = builder.objectRef<M>("ClassificationMetrics").implement({
  fields: (t) => ({
    accuracy: t.exposeFloat("accuracy"),
    macroF1: t.exposeFloat("macroF1"),
    integratedF1: t.exposeFloat("integratedF1", { description: "Harrington's overall desirability of the per-class F1s." }),
    rocAuc: t.exposeFloat("rocAuc", { nullable: true, description: "Macro one-vs-rest ROC AUC." }),
    samples: t.exposeInt("samples", { description: "Test predictions scored." }),
    perClass: t.field({ type: [ClassScoreRef], resolve: (m) => m.perClass }),
    confusion: t.field({ type: ConfusionRef, resolve: (m) => m.confusion }),
    roc: t.field({ type: [RocCurveRef], resolve: (m) => m.roc }),
  }),
});

export const ClassCountRef = builder.objectRef<P["classBalance"][number]>("ClassCount").implement({
  fields: (t) => ({ class: t.exposeString("class"), count: t.exposeInt("count"), fraction: t.exposeFloat("fraction") }),
});

const PredictionRef = builder.objectRef<P["predictions"][number]>("SamplePrediction").implement({
  fields: (t) => ({
    sample: t.exposeString("sample"),
    truth: t.exposeString("truth"),
    predicted: t.exposeString("predicted"),
    probabilities: t.exposeFloatList("probabilities", { description: "Per class, in confusion.classes order." }),
  }),
});

type Noise = NonNullable<P["robustness"]>[number];
const SummaryRef = builder.objectRef<Noise["accuracy"]>("MeanVariance").implement({
  fields: (t) => ({ mean: t.exposeFloat("mean"), variance: t.exposeFloat("variance") }),
});
const NoiseRef = builder.objectRef<Noise>("NoiseRobustness").implement({
  description: "Scores with Gaussian noise (level x each gene's training sd) added to the test samples.",
  fields: (t) => ({
    level: t.exposeFloat("level"),
    repeats: t.exposeInt("repeats"),
    accuracy: t.field({ type: SummaryRef, resolve: (n) => n.accuracy }),
    integratedF1: t.field({ type: SummaryRef, resolve: (n) => n.integratedF1 }),
    rocAuc: t.field({ type: SummaryRef, nullable: true, resolve: (n) => n.rocAuc }),
  }),
});

type Grid = NonNullable<P["grid"]>[number];
const GridRowRef = builder.objectRef<Grid["rows"][number]>("GridSearchRow").implement({
  fields: (t) => ({
    step: t.exposeInt("step"),
    group: t.exposeString("group", { description: "Hyperparameter group tuned at this step." }),
    value: t.string({ resolve: (r) => String(r.value) }),
    config: t.field({ type: "JSON", resolve: (r) => r.config }),
    integratedF1: t.exposeFloat("integratedF1"),
    accuracy: t.exposeFloat("accuracy"),
    valLoss: t.exposeFloat("valLoss", { nullable: true }),
    epochs: t.exposeInt("epochs"),
    chosen: t.exposeBoolean("chosen"),
  }),
});
const GridRef = builder.objectRef<Grid>("GridSearch").implement({
  description: "The 1D-CNN's ordered grid search on one split: one hyperparameter group at a time, in the published order.",
  fields: (t) => ({
    split: t.exposeInt("split"),
    order: t.exposeStringList("order"),
    best: t.field({ type: "JSON", resolve: (g) => g.best }),
    rows: t.field({ type: [GridRowRef], resolve: (g) => g.rows }),
  }),
});

export const ClassifyRunResultRef = builder.objectRef<ClassifyResult>("ClassifyRunResult").implement({
  description: "Result of a CLASSIFY run: every sample predicted by a model that never saw it.",
  fields: (t) => ({
    ...envelopeFields(t),
    classes: t.stringList({ resolve: (r) => r.payload.input.classes }),
    labelledSamples: t.int({ resolve: (r) => r.payload.input.labelledSamples }),
    unlabelledSamples: t.int({ resolve: (r) => r.payload.input.unlabelledSamples }),
    classBalance: t.field({ type: [ClassCountRef], resolve: (r) => r.payload.classBalance }),
    featureMode: t.string({ resolve: (r) => r.payload.features.mode }),
    featureGenes: t.stringList({ description: "Genes the first split's model used (selected on its training samples).", resolve: (r) => r.payload.features.genes }),
    evaluation: t.string({ resolve: (r) => (r.payload.evaluation.scheme === "cv" ? `${r.payload.evaluation.folds}-fold cross-validation` : `hold-out, ${Math.round((r.payload.evaluation.testFraction ?? 0) * 100)}% test`) }),
    metrics: t.field({ type: ClassMetricsRef, resolve: (r) => r.payload.metrics }),
    predictions: t.field({ type: [PredictionRef], resolve: (r) => r.payload.predictions }),
    robustness: t.field({ type: [NoiseRef], nullable: true, resolve: (r) => r.payload.robustness }),
    grid: t.field({ type: [GridRef], nullable: true, resolve: (r) => r.payload.grid }),
  }),
});
