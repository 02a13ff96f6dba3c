// LSTM-SVM biclustering, end to end:
//   preprocess (impute, z-score) -> LSTM forecaster trained on a seeded sample of genes -> embed
//   every gene -> k-means (given K or automatic K by the gap-statistic elbow; flat-profile null
//   centroid for background genes) -> SVM refinement -> outer loop [LSTM fine-tune with the refined
//   labels -> re-embed -> k-means warm-started from the current clusters -> SVM] until the
//   assignments stop changing -> biclusters (conditions, scores).
// Switches turn the LSTM or the SVM off, so baselines (k-means + SVM without LSTM) run this code.
// Checkpoints: the trained LSTM and the initial clusters are saved, so a retried run resumes.
import type { RunContext } from "../../analysis/context.ts";
import type { BiclusterPayload } from "../../analysis/kinds/bicluster.ts";
import { clusterMeans, KMeans, SvmRefiner, type ChooseKResult, type SvmRefineReport } from "../../cluster/index.ts";
import { LstmEncoder, selectBackend, subsetSequences, toSequences, type LstmEncoderJson, type LstmFitReport } from "../../lstm/index.ts";
import type { ExpressionMatrix } from "../../types.ts";
import {
  bestOfStarts,
  biclustersFromGeneClusters,
  compactLabels,
  initialClusters,
  kChoiceOf,
  preprocessForClustering,
  type ClusterFeatures,
  type StartsReport,
} from "../shared/gene-cluster-steps.ts";
import { buildFeatures } from "./features.ts";
import type { LstmSvmParams } from "./params.ts";

export const INPUT_MAPPING =
  "each gene's normalised profile of T points is one sequence of T steps with 1 feature; the LSTM " +
  "forecasts step t+1 from steps 1..t; inputDim is the longest training window (T <= inputDim + 1: " +
  "whole profiles; longer: one seeded window of inputDim + 1 points per gene and epoch); the embedding " +
  "is the final hidden state after the whole profile";

export interface PipelineSwitches {
  lstm: boolean;
  svm: boolean;
}

export const PIPELINE_STAGES = [
  { id: "preprocess", label: "Preprocessing" },
  { id: "lstm-train", label: "Training the LSTM" },
  { id: "embed", label: "Embedding gene profiles" },
  { id: "kmeans", label: "Clustering (k-means)" },
  { id: "svm-refine", label: "Refining clusters (SVM)" },
  { id: "lstm-finetune", label: "Fine-tuning the LSTM" },
  { id: "bicluster", label: "Selecting conditions" },
  { id: "score", label: "Scoring biclusters" },
] as const;

/** Expected share of time per stage (measured on the bench's medium dataset). */
export function pipelinePlan(p: LstmSvmParams, s: PipelineSwitches): { stage: string; weight: number }[] {
  const lstm = s.lstm && p.features !== "profile";
  const seg = [{ stage: "preprocess", weight: 2 }];
  if (lstm) seg.push({ stage: "lstm-train", weight: 40 }, { stage: "embed", weight: 3 });
  seg.push({ stage: "kmeans", weight: 6 });
  if (s.svm) seg.push({ stage: "svm-refine", weight: 10 });
  if (lstm || s.svm) {
    for (let o = 0; o < p.maxOuterIterations; o++) {
      if (lstm) seg.push({ stage: "lstm-finetune", weight: 5 }, { stage: "embed", weight: 2 });
      seg.push({ stage: "kmeans", weight: 2 });
      if (s.svm) seg.push({ stage: "svm-refine", weight: 6 });
    }
  }
  seg.push({ stage: "bicluster", weight: 8 }, { stage: "score", weight: 1 });
  return seg;
}

interface LstmCheckpoint {
  model: LstmEncoderJson;
  report: LstmFitReport;
}

interface KMeansCheckpoint {
  k: number;
  centroids: number[][];
  scores: ChooseKResult["scores"];
  reason: string;
  inertia: number;
  iterations: number;
  converged: boolean;
  starts: StartsReport | null;
}

export async function runPipeline(
  matrix: ExpressionMatrix,
  p: LstmSvmParams,
  ctx: RunContext,
  switches: PipelineSwitches,
): Promise<BiclusterPayload> {
  const useLstm = switches.lstm && p.features !== "profile";
  const seed = ctx.seed;

  ctx.enter("preprocess");
  const pre = preprocessForClustering(matrix, p, seed);
  const { values, n, T } = pre;
  ctx.progress(1);

  let encoder: LstmEncoder | null = null;
  const fineTunes: LstmFitReport[] = [];
  let fitReport: LstmFitReport | null = null;
  const svmReports: SvmRefineReport[] = [];
  const seqs = useLstm ? toSequences(values, n, T) : null;
  const trainIdx = n > p.maxTrainSequences ? ctx.rng.fork("lstm-sample").sample(n, p.maxTrainSequences).sort((a, b) => a - b) : null;
  const trainSeqs = seqs && trainIdx ? subsetSequences(seqs, trainIdx) : seqs;

  const embedAll = async (): Promise<ClusterFeatures> => {
    if (!encoder || !seqs) return buildFeatures(values, T, null, "profile", p.embeddingWeight);
    ctx.enter("embed");
    const data = await encoder.embed(seqs, { signal: ctx.signal, onProgress: (f) => ctx.progress(f) });
    const flat = await encoder.embed({ data: new Float32Array(T), n: 1, length: T });
    return buildFeatures(values, T, { data, dim: encoder.dim, flat }, p.features, p.embeddingWeight);
  };

  try {
    if (useLstm && trainSeqs) {
      const backend = await selectBackend(p.backend);
      ctx.setBackend({ name: backend.name, requested: backend.requested, attempts: backend.attempts });
      const saved = ctx.checkpoints.get("lstm-train") as LstmCheckpoint | undefined;
      ctx.enter("lstm-train");
      if (saved) {
        encoder = LstmEncoder.load(saved.model);
        fitReport = saved.report;
        ctx.resumed("lstm-train");
      } else {
        encoder = new LstmEncoder({
          units: p.units,
          epochs: p.epochs,
          learningRate: p.learningRate,
          inputDim: p.inputDim,
          batchSize: p.batchSize,
          validationSplit: p.validationSplit,
          patience: p.patience,
          fineTuneEpochs: p.fineTuneEpochs,
          labelWeight: p.labelWeight,
          pooling: p.pooling,
          seed,
          backend: backend.name,
        });
        fitReport = await encoder.fit(trainSeqs, {
          signal: ctx.signal,
          onEpoch: (e) => ctx.progress(e.epoch / e.epochs, `epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)}`),
        });
        ctx.checkpoints.put("lstm-train", { model: encoder.toJSON(), report: fitReport } satisfies LstmCheckpoint);
      }
    }
    let features = await embedAll();

    // Initial clusters (K scanned on the profile block, see ChooseKOptions.scanColumns).
    ctx.enter("kmeans");
    const savedK = ctx.checkpoints.get("kmeans") as KMeansCheckpoint | undefined;
    let chosen: ChooseKResult;
    let startsReport: StartsReport | null = null;
    if (savedK) {
      const km = KMeans.load({
        name: "KMeans",
        version: 1,
        options: { k: savedK.k, seed, nInit: 1, maxIterations: 100, tolerance: 1e-6, restartSample: 3000, ...(p.background ? { nullCentroid: features.nullVector } : {}) },
        centroids: savedK.centroids,
      });
      const fit = { labels: km.predict(features.data, features.dim), centroids: savedK.centroids, inertia: savedK.inertia, iterations: savedK.iterations, converged: savedK.converged };
      chosen = { k: savedK.k, fit, scores: savedK.scores, reason: savedK.reason };
      startsReport = savedK.starts;
      ctx.resumed("kmeans");
    } else {
      const scan = features.dim > T && p.features === "both" ? { start: features.dim - T, size: T } : undefined;
      const initial = initialClusters(features, pre, p, seed, ctx, scan);
      chosen = initial;
      if (p.clusteringStarts > 1 && p.conditionCriterion === "likelihood") {
        const multi = bestOfStarts(features, pre, initial.fit, p, seed, ctx, p.clusteringStarts, initial.refined);
        chosen = { k: initial.k, scores: initial.scores, reason: initial.reason, fit: multi.fit };
        startsReport = multi.report;
      }
      ctx.checkpoints.put("kmeans", {
        k: chosen.k,
        centroids: chosen.fit.centroids,
        scores: chosen.scores,
        reason: chosen.reason,
        inertia: chosen.fit.inertia,
        iterations: chosen.fit.iterations,
        converged: chosen.fit.converged,
        starts: startsReport,
      } satisfies KMeansCheckpoint);
    }
    let labels = chosen.fit.labels;
    const backgroundGenes = labels.reduce((a, l) => a + (l < 0 ? 1 : 0), 0);

    const refinerOptions = {
      gamma: p.svmGamma,
      cost: p.svmCost,
      folds: p.svmFolds,
      maxIterations: Math.max(1, p.svmMaxIterations),
      maxPerCluster: Math.max(p.svmMaxPerCluster, p.svmFolds),
      confidence: p.svmConfidence,
      margin: p.svmMargin,
      backgroundClass: p.background,
    };
    const refine = async (round: number) => {
      if (!switches.svm || p.svmMaxIterations === 0) return;
      ctx.enter("svm-refine");
      const res = await new SvmRefiner({ ...refinerOptions, seed: seed + round }).refine(features.data, features.dim, labels, {
        signal: ctx.signal,
        onProgress: (f) => ctx.progress(f),
      });
      labels = res.labels;
      svmReports.push(res.report);
    };
    await refine(0);

    // Outer loop: re-apply the LSTM with the refined clusters, re-cluster, refine.
    const changed: number[] = [];
    let converged = false;
    let outer = 0;
    const loops = useLstm || switches.svm ? p.maxOuterIterations : 0;
    for (let o = 1; o <= loops; o++) {
      ctx.throwIfCancelled();
      // Ids of this round = compacted current labels; warm-started k-means keeps their order and
      // the SVM keeps ids, so "changed" below compares like with like.
      const before = compactLabels(labels).labels;
      labels = before;
      if (encoder && trainSeqs) {
        ctx.enter("lstm-finetune");
        const trainLabels = trainIdx ? Int32Array.from(trainIdx, (i) => labels[i]!) : labels;
        fineTunes.push(await encoder.fineTune(trainSeqs, trainLabels, { signal: ctx.signal, onEpoch: (e) => ctx.progress(e.epoch / e.epochs) }));
        features = await embedAll();
      }
      ctx.enter("kmeans");
      const k = before.reduce((a, l) => Math.max(a, l + 1), 0);
      const means = clusterMeans(features.data, features.dim, before, k).filter((c): c is number[] => c !== null);
      if (means.length >= 1) {
        labels = new KMeans({
          k: means.length,
          seed,
          initialCentroids: means,
          ...(p.background ? { nullCentroid: features.nullVector } : {}),
        }).fit(features.data, features.dim).labels;
      }
      await refine(o);
      outer = o;
      let diff = 0;
      for (let i = 0; i < n; i++) if (before[i] !== labels[i]) diff++;
      changed.push(diff / n);
      if (diff / n < p.outerTolerance) {
        converged = true;
        break;
      }
    }

    ctx.throwIfCancelled();
    const extracted = biclustersFromGeneClusters(matrix, pre, labels, features, p, ctx, { background: p.background, k: chosen.k });
    if (p.k !== "auto" && p.k >= 1 && extracted.biclusters.length < p.k) {
      ctx.warn(`${p.k} clusters were asked for; ${extracted.biclusters.length} remained after refinement (small clusters join the background).`);
    }
    return {
      ...extracted,
      kChoice: { ...kChoiceOf(chosen, p.k === "auto") },
      details: {
        backgroundGenes,
        lstm:
          encoder && fitReport
            ? { inputMapping: INPUT_MAPPING, features: p.features, embeddingDim: encoder.dim, fit: fitReport, fineTune: fineTunes }
            : null,
        svm: svmReports,
        outer: { iterations: outer, changed, converged },
        starts: startsReport,
      },
    };
  } finally {
    encoder?.dispose();
  }
}
