// LSTM-SVM biclustering, end to end:
//   preprocess (impute, z-score) -> LSTM forecaster trained on a seeded sample of genes -> embed
//   every gene -> k-means (given K or automatic K by the gap-statistic elbow; flat-profile null centroid for
//   background genes) -> SVM refinement -> outer loop [LSTM fine-tune with the refined labels ->
//   re-embed -> k-means warm-started from the current clusters -> SVM] until the assignments stop
//   changing -> biclusters (conditions by mean squared residue) -> scores.
// The baseline "kmeans" method runs the same code with the LSTM and the SVM switched off.
import { extractBiclusters } from "../bicluster/index.ts";
import { chooseK, clusterMeans, KMeans, SvmRefiner, type ChooseKResult, type SvmRefineReport } from "../cluster/index.ts";
import { CancelledError, InputError } from "../errors.ts";
import { LstmEncoder, selectBackend, subsetSequences, toSequences, type BackendInfo, type LstmFitReport } from "../lstm/index.ts";
import { silhouette, stageTimer } from "../metrics/index.ts";
import { preprocess } from "../preprocess/index.ts";
import { createRng } from "../random.ts";
import type { ExpressionMatrix, ProgressCallback, StageName } from "../types.ts";
import { buildFeatures, type Features } from "./features.ts";
import { parseParams, type LstmSvmParams, type LstmSvmParamsInput } from "./params.ts";
import { progressTracker, type Segment } from "./progress.ts";
import type { BiclusterResult } from "./result.ts";

export interface RunOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
}

export const INPUT_MAPPING =
  "each gene's normalised profile of T points is one sequence of T steps with 1 feature; the LSTM " +
  "forecasts step t+1 from steps 1..t; inputDim is the longest training window (T <= inputDim + 1: " +
  "whole profiles; longer: one seeded window of inputDim + 1 points per gene and epoch); the embedding " +
  "is the final hidden state after the whole profile";

interface Switches {
  method: string;
  lstm: boolean;
  svm: boolean;
}

function check(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

function plan(p: LstmSvmParams, s: Switches): Segment[] {
  const seg: Segment[] = [{ stage: "preprocess", weight: 2 }];
  if (s.lstm) seg.push({ stage: "lstm-train", weight: 40 }, { stage: "embed", weight: 3 });
  seg.push({ stage: "kmeans", weight: 6 });
  if (s.svm) seg.push({ stage: "svm-refine", weight: 10 });
  if (s.lstm || s.svm) {
    for (let o = 0; o < p.maxOuterIterations; o++) {
      if (s.lstm) seg.push({ stage: "lstm-finetune", weight: 5 }, { stage: "embed", weight: 2 });
      seg.push({ stage: "kmeans", weight: 2 });
      if (s.svm) seg.push({ stage: "svm-refine", weight: 6 });
    }
  }
  seg.push({ stage: "bicluster", weight: 8 }, { stage: "score", weight: 1 });
  return seg;
}

/** Renumbers cluster ids to 0..K'-1 in order of first appearance; -1 stays. */
function compactLabels(labels: Int32Array): { labels: Int32Array; k: number } {
  const map = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l < 0) {
      out[i] = -1;
      continue;
    }
    if (!map.has(l)) map.set(l, map.size);
    out[i] = map.get(l)!;
  }
  return { labels: out, k: map.size };
}

export async function runPipeline(
  matrix: ExpressionMatrix,
  paramsInput: LstmSvmParamsInput | undefined,
  options: RunOptions,
  switches: Switches,
): Promise<BiclusterResult> {
  const p = parseParams(paramsInput);
  const { signal } = options;
  const useLstm = switches.lstm && p.features !== "profile";
  const sw = { ...switches, lstm: useLstm };
  const progress = progressTracker(plan(p, sw), options.onProgress);
  const timer = stageTimer<StageName>();
  const rng = createRng(p.seed);
  check(signal);

  // Preprocess.
  progress.enter("preprocess");
  const pre = timer.measure("preprocess", () =>
    preprocess(matrix, {
      transform: p.transform,
      impute: p.impute,
      seed: p.seed,
      zscore: true,
      ...(p.topVariance !== undefined ? { topVariance: p.topVariance } : {}),
    }),
  );
  const values = pre.matrix.values;
  const T = pre.matrix.conditions.length;
  const n = pre.matrix.genes.length;
  if (n < 10) throw new InputError(`only ${n} genes left after preprocessing; at least 10 are needed`);
  if (T < 3) throw new InputError(`at least 3 conditions are needed, got ${T}`);
  progress.update(1);
  check(signal);

  let backend: BackendInfo | null = null;
  let encoder: LstmEncoder | null = null;
  const fineTunes: LstmFitReport[] = [];
  let fitReport: LstmFitReport | null = null;
  const svmReports: SvmRefineReport[] = [];
  const seqs = useLstm ? toSequences(values, n, T) : null;
  const trainIdx = n > p.maxTrainSequences ? rng.fork("lstm-sample").sample(n, p.maxTrainSequences).sort((a, b) => a - b) : null;
  const trainSeqs = seqs && trainIdx ? subsetSequences(seqs, trainIdx) : seqs;

  const embedAll = async (): Promise<Features> => {
    if (!encoder || !seqs) return buildFeatures(values, T, null, "profile", p.embeddingWeight);
    progress.enter("embed");
    timer.start("embed");
    try {
      const data = await encoder.embed(seqs, { signal, onProgress: (f) => progress.update(f) });
      const flat = await encoder.embed({ data: new Float32Array(T), n: 1, length: T });
      return buildFeatures(values, T, { data, dim: encoder.dim, flat }, p.features, p.embeddingWeight);
    } finally {
      timer.stop("embed");
    }
  };

  try {
    if (useLstm && trainSeqs) {
      backend = await selectBackend(p.backend);
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
        seed: p.seed,
        backend: backend.name,
      });
      progress.enter("lstm-train");
      const enc = encoder;
      fitReport = await timer.measure("lstm-train", () =>
        enc.fit(trainSeqs, {
          signal,
          onEpoch: (e) => progress.update(e.epoch / e.epochs, `epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)}`),
        }),
      );
    }
    let features = await embedAll();
    check(signal);

    // Initial clusters.
    progress.enter("kmeans");
    const nullCentroid = p.background ? { nullCentroid: features.nullVector } : {};
    let chosen: ChooseKResult;
    timer.start("kmeans");
    try {
      if (p.k === "auto") {
        chosen = chooseK(features.data, features.dim, {
          kMin: p.kMin,
          kMax: Math.min(p.kMax, n - 1),
          seed: p.seed,
          nInit: p.kmeansRestarts,
          // K is scanned on the profile block (see ChooseKOptions.scanColumns), then fitted on all features
          ...(features.dim > T && p.features === "both" ? { scanColumns: { start: features.dim - T, size: T } } : {}),
          signal,
          onProgress: (f) => progress.update(f),
          ...nullCentroid,
        });
      } else {
        if (p.k >= n) throw new InputError(`k = ${p.k} must be smaller than the number of genes (${n})`, { field: "k" });
        const fit = new KMeans({ k: p.k, seed: p.seed, nInit: p.kmeansRestarts, ...nullCentroid }).fit(features.data, features.dim);
        chosen = { k: p.k, fit, scores: [], reason: `K = ${p.k} was given` };
      }
    } finally {
      timer.stop("kmeans");
    }
    let labels = chosen.fit.labels;
    const backgroundGenes = labels.reduce((a, l) => a + (l < 0 ? 1 : 0), 0);

    const refiner = new SvmRefiner({
      gamma: p.svmGamma,
      cost: p.svmCost,
      folds: p.svmFolds,
      maxIterations: Math.max(1, p.svmMaxIterations),
      maxPerCluster: Math.max(p.svmMaxPerCluster, p.svmFolds),
      confidence: p.svmConfidence,
      backgroundClass: p.background,
      seed: p.seed,
    });
    const refine = async (round: number) => {
      if (!sw.svm || p.svmMaxIterations === 0) return;
      progress.enter("svm-refine");
      const res = await timer.measure("svm-refine", () =>
        new SvmRefiner({ ...refiner.options, seed: p.seed + round }).refine(features.data, features.dim, labels, {
          signal,
          onProgress: (f) => progress.update(f),
        }),
      );
      labels = res.labels;
      svmReports.push(res.report);
    };
    await refine(0);

    // Outer loop: re-apply the LSTM with the refined clusters, re-cluster, refine.
    const changed: number[] = [];
    let converged = false;
    let outer = 0;
    const loops = useLstm || sw.svm ? p.maxOuterIterations : 0;
    for (let o = 1; o <= loops; o++) {
      check(signal);
      // Ids of this round = compacted current labels; warm-started k-means keeps their order and
      // the SVM keeps ids, so "changed" below compares like with like.
      const before = compactLabels(labels).labels;
      labels = before;
      if (encoder && trainSeqs) {
        progress.enter("lstm-finetune");
        const enc = encoder;
        const trainLabels = trainIdx ? Int32Array.from(trainIdx, (i) => labels[i]!) : labels;
        const rep = await timer.measure("lstm-finetune", () =>
          enc.fineTune(trainSeqs, trainLabels, { signal, onEpoch: (e) => progress.update(e.epoch / e.epochs) }),
        );
        fineTunes.push(rep);
        features = await embedAll();
      }
      progress.enter("kmeans");
      const k = before.reduce((a, l) => Math.max(a, l + 1), 0);
      const means = clusterMeans(features.data, features.dim, before, k).filter((c): c is number[] => c !== null);
      if (means.length >= 1) {
        const fit = timer.measure("kmeans", () =>
          new KMeans({
            k: means.length,
            seed: p.seed,
            initialCentroids: means,
            ...(p.background ? { nullCentroid: features.nullVector } : {}),
          }).fit(features.data, features.dim),
        );
        labels = fit.labels;
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

    // Biclusters.
    check(signal);
    const final = compactLabels(labels);
    progress.enter("bicluster");
    const contiguous = p.contiguous === "auto" ? pre.matrix.conditions.every((c) => c.time !== undefined) : p.contiguous;
    const found = timer.measure("bicluster", () =>
      extractBiclusters(
        { values, nConditions: T, labels: final.labels, embeddings: { data: features.data, dim: features.dim } },
        { rng: rng.fork("bicluster"), contiguous, criterion: p.conditionCriterion, permutations: p.permutations, signal, onProgress: (f) => progress.update(f) },
      ),
    );

    // Scores, and mapping back to input indices.
    progress.enter("score");
    timer.start("score");
    const sil = silhouette(features.data, features.dim, final.labels, { rng: rng.fork("silhouette"), sampleSize: 2000 }).mean;
    const kept = pre.keptGenes;
    const biclusters = found.map((b) => ({ ...b, genes: b.genes.map((g) => kept[g]!) }));
    const inputLabels = new Array<number>(matrix.genes.length).fill(-1);
    for (let i = 0; i < n; i++) inputLabels[kept[i]!] = final.labels[i]!;
    const assigned = final.labels.reduce((a, l) => a + (l >= 0 ? 1 : 0), 0);
    const msrs = biclusters.map((b) => b.msr).filter((v) => Number.isFinite(v));
    const pv = biclusters.map((b) => b.pValue).filter((v): v is number => v !== null).sort((a, b) => a - b);
    timer.stop("score");
    const timings: Record<string, number> = { ...timer.seconds() };
    timings.total = timer.total();
    progress.done();

    return {
      schemaVersion: 1,
      method: switches.method,
      params: { ...p },
      seed: p.seed,
      backend: backend ? { name: backend.name, requested: backend.requested, attempts: backend.attempts } : null,
      input: {
        genes: matrix.genes.length,
        conditions: matrix.conditions.length,
        geneIds: [...matrix.genes],
        conditionIds: matrix.conditions.map((c) => c.id),
        timed: matrix.conditions.every((c) => c.time !== undefined),
      },
      preprocess: { report: { ...pre.report }, keptGenes: n },
      lstm:
        encoder && fitReport
          ? { inputMapping: INPUT_MAPPING, features: p.features, embeddingDim: encoder.dim, fit: fitReport, fineTune: fineTunes }
          : null,
      kmeans: {
        k: chosen.k,
        auto: p.k === "auto",
        scores: chosen.scores,
        reason: chosen.reason,
        background: p.background,
        backgroundGenes,
      },
      svm: svmReports,
      outer: { iterations: outer, changed, converged },
      timings,
      metrics: {
        silhouette: sil,
        msrMean: msrs.length ? msrs.reduce((a, b) => a + b, 0) / msrs.length : null,
        pValueMedian: pv.length ? pv[Math.floor((pv.length - 1) / 2)]! : null,
        biclusters: biclusters.length,
        assignedGenes: assigned,
        unassignedGenes: matrix.genes.length - assigned,
      },
      biclusters,
      labels: inputLabels,
    };
  } finally {
    encoder?.dispose();
  }
}

/** The LSTM-SVM hybrid (see the file comment). Resolves with a result valid under biclusterResultSchema. */
export function runLstmSvm(matrix: ExpressionMatrix, params?: LstmSvmParamsInput, options: RunOptions = {}): Promise<BiclusterResult> {
  return runPipeline(matrix, params, options, { method: "lstm-svm", lstm: true, svm: true });
}

/** Baseline: k-means on the normalised profiles (same background rule and bicluster extraction). */
export function runKmeansBaseline(matrix: ExpressionMatrix, params?: LstmSvmParamsInput, options: RunOptions = {}): Promise<BiclusterResult> {
  return runPipeline(matrix, { ...params, features: "profile" }, options, { method: "kmeans", lstm: false, svm: false });
}
