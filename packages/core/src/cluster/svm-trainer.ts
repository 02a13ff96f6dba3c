// Trains the refinement's cross-prediction models (C-SVC, RBF, no probability estimates) on the
// main thread and one worker thread at once. Such training draws no random numbers, so a model is
// the same whichever libsvm instance trains it: results do not depend on the thread count.
// (The probability pass stays on the main thread: libsvm's Platt scaling shuffles with C rand(),
// whose state lives in the instance.)
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { SvmClass } from "libsvm-js/wasm";

/** What prediction needs of a trained model (see rbf-predictor.ts). */
export interface TrainedModel {
  /** libsvm's serialized model. */
  text: string;
  /** Indices of the support vectors in the training rows, in model order. */
  svIndices: number[];
}

export interface TrainRequest {
  id: number;
  rows: Float64Array;
  dim: number;
  labels: Int32Array;
  gamma: number;
  cost: number;
}

export type TrainReply = { id: number; ok: true; model: TrainedModel } | { id: number; ok: false; error: string };

/** Trains one model with `SVM` on `rows` (row-major, dim each). */
export function trainModel(SVM: SvmClass, rows: Float64Array, dim: number, labels: Int32Array, gamma: number, cost: number): TrainedModel {
  const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.RBF, gamma, cost, probabilityEstimates: false, quiet: true });
  try {
    const samples = Array.from({ length: labels.length }, (_, i) => Array.from(rows.subarray(i * dim, (i + 1) * dim)));
    svm.train(samples, Array.from(labels));
    return { text: svm.serializeModel(), svIndices: svm.getSVIndices() };
  } finally {
    svm.free();
  }
}

/** Threads for `threads` = 0 (auto): min(2, available parallelism). */
export const defaultSvmThreads = (): number => Math.max(1, Math.min(2, availableParallelism()));

// One worker per process, shared by all refiners (requests are matched to replies by id) and
// unref'd so it never keeps the process alive.
let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (m: TrainedModel) => void; reject: (e: Error) => void }>();

function trainingWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./svm-train-worker-entry.mjs", import.meta.url));
  w.on("message", (reply: TrainReply) => {
    const p = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) w.unref();
    if (!p) return;
    if (reply.ok) p.resolve(reply.model);
    else p.reject(new Error(`svm training worker: ${reply.error}`));
  });
  const fail = (err: Error) => {
    worker = null;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  w.on("error", fail);
  w.on("exit", (code) => fail(new Error(`svm training worker exited (code ${code})`)));
  // Referenced only while requests are pending, so an idle worker never keeps the process alive
  // (unref after the listeners: adding a "message" listener refs the port again).
  w.unref();
  worker = w;
  return w;
}

export interface TrainJob {
  rows: Float64Array;
  labels: Int32Array;
}

/**
 * Trains one model per job, jobs 1, 3, 5, ... on the worker (threads > 1) while the main thread
 * trains 0, 2, 4, ...; resolves with the models in job order.
 */
export async function trainAll(SVM: SvmClass, jobs: TrainJob[], dim: number, gamma: number, cost: number, threads: number): Promise<TrainedModel[]> {
  const out: (TrainedModel | Promise<TrainedModel>)[] = new Array(jobs.length);
  if (threads > 1 && jobs.length > 1) {
    const w = trainingWorker();
    for (let j = 1; j < jobs.length; j += 2) {
      const id = nextId++;
      const job = jobs[j]!;
      out[j] = new Promise<TrainedModel>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref();
        const req: TrainRequest = { id, rows: job.rows, dim, labels: job.labels, gamma, cost };
        w.postMessage(req);
      });
    }
  }
  for (let j = 0; j < jobs.length; j++) {
    if (out[j] === undefined) out[j] = trainModel(SVM, jobs[j]!.rows, dim, jobs[j]!.labels, gamma, cost);
  }
  return Promise.all(out);
}
