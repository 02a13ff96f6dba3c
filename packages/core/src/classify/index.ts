// Public exports of src/classify: labels, splits, the train-only feature pipeline, metrics, the
// classifiers and the evaluation protocol of the CLASSIFY kind.
export { classBalance, labelsFromSheet } from "./labels.ts";
export type { AlignedLabels, ClassCount } from "./labels.ts";
export { stratifiedHoldout, stratifiedKFold } from "./split.ts";
export { FEATURE_DEFAULTS, FeaturePipeline, parseFeatureSet, sampleRows } from "./features.ts";
export type { FeaturePipelineOptions, FeatureSet, FeatureState, SampleData } from "./features.ts";
export { argmaxRows, classificationMetrics, rocAuc, rocPoints } from "./metrics.ts";
export type { ClassificationMetrics, PerClassScore, RocCurve } from "./metrics.ts";
export type { Classifier, ClassifierFitReport, FitControl, TrainingSet } from "./model.ts";
export { SVM_CLASSIFIER_DEFAULTS, SvmClassifier } from "./svm-classifier.ts";
export type { SvmClassifierOptions } from "./svm-classifier.ts";
export { CONV_ACTIVATIONS, DENSE_ACTIVATIONS, geneWindows, NETWORK_TRAINING_DEFAULTS, NeuralClassifier, OUTPUT_ACTIVATIONS } from "./network.ts";
export type { Cnn1dConfig, CnnBilstmConfig, NetworkFitReport, NetworkSpec, NetworkTrainingOptions, NeuralClassifierJson } from "./network.ts";
export { CNN1D_START, GRID_ORDER, gridSize, orderedGridSearch } from "./grid-search.ts";
export type { Cnn1dGrid, GridGroup, GridRow, GridSearchResult } from "./grid-search.ts";
export { evaluateClassifier, NOISE_LEVELS } from "./evaluate.ts";
export type { EvaluationOptions, EvaluationResult, ModelTrainer, RobustnessLevel } from "./evaluate.ts";
