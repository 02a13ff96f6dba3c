// The main thread's kernel plus (threads - 1) worker threads. A batch is cut into a FIXED number
// of shards, max(2, threads), whatever the thread count: thread w computes shards w, w + threads,
// ...; the main thread sums the shard gradients in shard order and applies Adam. So results do
// not depend on timing, and 1 and 2 threads give bit-identical weights.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { FORWARD, KernelInstance, kernelModule, type AdamStep, type KernelShape } from "./instance.ts";
import { forwardChunks } from "./bulk.ts";
import { allocateBulk, allocateShared, bulkViews, partRange, sharedViews, type SharedSizes, type SharedViews, type WorkerReply, type WorkerRequest } from "./shared-buffers.ts";

/** Threads for `threads` = 0 (auto): min(2, available parallelism). */
export function defaultThreads(): number {
  return Math.max(1, Math.min(2, availableParallelism()));
}

/** Gradient shards per batch for a thread count (fixed for 1 and 2 threads, see the file comment). */
export const shardsFor = (threads: number): number => Math.max(2, threads);

class KernelWorker {
  private readonly worker: Worker;
  private pending: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor() {
    this.worker = new Worker(new URL("./worker-entry.mjs", import.meta.url));
    this.worker.on("message", (reply: WorkerReply) => {
      const p = this.pending;
      this.pending = null;
      this.worker.unref();
      if (!p) return;
      if (reply.ok) p.resolve();
      else p.reject(new Error(`kernel worker: ${reply.error}`));
    });
    const fail = (err: Error) => {
      this.failure = err;
      this.pending?.reject(err);
      this.pending = null;
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`kernel worker exited (code ${code})`)));
    // Referenced only while a request is pending, so an idle worker never keeps the process alive
    // (unref after the listeners: adding a "message" listener refs the port again).
    this.worker.unref();
  }

  request(msg: WorkerRequest): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.pending) return Promise.reject(new Error("kernel worker busy"));
    return new Promise<void>((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.ref();
      this.worker.postMessage(msg);
    });
  }

  terminate(): Promise<number> {
    this.worker.removeAllListeners("exit");
    return this.worker.terminate();
  }
}

export class KernelPool {
  readonly threads: number;
  readonly shards: number;
  readonly main: KernelInstance;
  private workers: KernelWorker[] = [];
  private started: Promise<void> | null = null;
  private shared: { sizes: SharedSizes; views: SharedViews } | null = null;
  private bulk: { buffer: SharedArrayBuffer; capacity: number; L: number; up: number } | null = null;
  private shape: KernelShape | null = null;
  private rows = 0;
  private len = 0;
  private steps = 0;
  /** Bumped by every change of the main instance's configuration; workers are in sync when equal. */
  private generation = 0;
  private workerGeneration = -1;

  constructor(threads: number) {
    this.threads = Math.max(1, Math.floor(threads));
    this.shards = shardsFor(this.threads);
    this.main = new KernelInstance(kernelModule());
  }

  private start(): Promise<void> {
    this.started ??= (async () => {
      const module = kernelModule();
      this.workers = Array.from({ length: this.threads - 1 }, () => new KernelWorker());
      await Promise.all(this.workers.map((w) => w.request({ op: "init", module })));
    })();
    return this.started;
  }

  /**
   * Shapes and capacity of the main instance (synchronous). Capacities only grow; its weights and
   * Adam state survive unless the shape changes. Workers follow at the next configure().
   */
  configureMain(shape: KernelShape, rows: number, len: number, steps: number): void {
    const same = this.shape && this.shape.units === shape.units && this.shape.classes === shape.classes && this.shape.activation === shape.activation;
    if (same && rows <= this.rows && len <= this.len && steps <= this.steps) return;
    if (!same) this.rows = this.len = this.steps = 0;
    this.shape = { ...shape, slots: this.shards };
    this.rows = Math.max(this.rows, rows);
    this.len = Math.max(this.len, len);
    this.steps = Math.max(this.steps, steps);
    this.main.configure(this.shape, this.rows, this.len, this.steps);
    this.generation++;
  }

  /** configureMain, then the same shapes and capacity on every worker and a shared buffer to match. */
  async configure(shape: KernelShape, rows: number, len: number, steps: number): Promise<void> {
    this.configureMain(shape, rows, len, steps);
    if (this.threads === 1 || this.workerGeneration === this.generation) return;
    await this.start();
    const sizes: SharedSizes = { params: this.main.paramCount, rows: this.rows, len: this.len, shards: this.shards, units: this.main.paddedUnits };
    const buffer = allocateShared(sizes);
    this.shared = { sizes, views: sharedViews(buffer, sizes) };
    const msg: WorkerRequest = { op: "configure", shape: this.shape!, rows: this.rows, len: this.len, steps: this.steps, buffer, sizes };
    await Promise.all(this.workers.map((w) => w.request(msg)));
    this.workerGeneration = this.generation;
  }

  private synced(): { sizes: SharedSizes; views: SharedViews } {
    if (!this.shared || this.workerGeneration !== this.generation) throw new Error("kernel workers not configured: call configure() first");
    return this.shared;
  }

  /**
   * One Adam step on the batch x (B x L, row-major) with optional labels: shard gradients on all
   * threads, fixed-order sum, Adam on the first n parameters. Returns the loss sums.
   */
  async trainStep(x: Float32Array, labels: Int32Array | null, B: number, L: number, mseScale: number, labelScale: number, useLabels: boolean, n: number, adam: AdamStep): Promise<{ sse: number; ce: number }> {
    const main = this.main;
    main.input(B * L).set(x.subarray(0, B * L));
    if (labels) main.labels(B).set(labels.subarray(0, B));
    if (this.threads === 1) return main.trainStep(B, L, this.shards, mseScale, labelScale, useLabels, n, adam);
    const { views, sizes } = this.synced();
    views.params.set(main.params());
    views.x.set(x.subarray(0, B * L));
    if (labels) views.labels.set(labels.subarray(0, B));
    const mine = (w: number) => Array.from({ length: this.shards }, (_, s) => s).filter((s) => s % this.threads === w);
    const done = this.workers.map((worker, i) =>
      worker.request({ op: "gradient", B, L, shards: mine(i + 1), of: this.shards, mseScale, labelScale, useLabels }),
    );
    const sse = new Float64Array(this.shards);
    const ce = new Float64Array(this.shards);
    for (const s of mine(0)) {
      const [r0, r1] = partRange(B, s, this.shards);
      const r = main.gradient(L, r0, r1, s, mseScale, labelScale, useLabels);
      sse[s] = r.sse;
      ce[s] = r.ce;
    }
    await Promise.all(done);
    for (let s = 0; s < this.shards; s++) {
      if (s % this.threads === 0) continue;
      main.shardGradient(s).set(views.grads.subarray(s * sizes.params, (s + 1) * sizes.params));
      sse[s] = views.losses[2 * s]!;
      ce[s] = views.losses[2 * s + 1]!;
    }
    main.applyShards(this.shards, n, adam);
    // Same order of addition as the kernel's one-call trainStep.
    let sseSum = 0;
    let ceSum = 0;
    for (let s = 0; s < this.shards; s++) {
      sseSum += sse[s]!;
      ceSum += ce[s]!;
    }
    return { sse: sseSum, ce: ceSum };
  }

  /**
   * Forward pass of the rows of x (rows x L) split across the threads; per-row results do not
   * depend on the split. Returns views valid until the next call: out (rows x paddedUnits),
   * rowErrors, forecasts (rows x (L - 1)).
   */
  async forward(x: Float32Array, rows: number, L: number, flags: number): Promise<{ out: Float32Array; rowErrors: Float64Array; forecasts: Float32Array }> {
    const main = this.main;
    const up = main.paddedUnits;
    if (this.threads === 1 || rows < 8) {
      main.input(rows * L).set(x.subarray(0, rows * L));
      main.forward(L, 0, rows, flags);
      return { out: main.output(rows), rowErrors: main.rowErrors(rows), forecasts: main.forecasts(rows * (L - 1)) };
    }
    const { views } = this.synced();
    views.params.set(main.params());
    views.x.set(x.subarray(0, rows * L));
    const done = this.workers.map((worker, i) => {
      const [a, b] = partRange(rows, i + 1, this.threads);
      return worker.request({ op: "forward", L, a, b, flags });
    });
    const [a, b] = partRange(rows, 0, this.threads);
    main.input((b - a) * L).set(x.subarray(a * L, b * L));
    main.forward(L, 0, b - a, flags);
    views.out.set(main.output(b - a), a * up);
    views.rowErrors.set(main.rowErrors(b - a), a);
    if (L > 1) views.forecasts.set(main.forecasts((b - a) * (L - 1)), a * (L - 1));
    await Promise.all(done);
    return { out: views.out.subarray(0, rows * up), rowErrors: views.rowErrors.subarray(0, rows), forecasts: views.forecasts.subarray(0, rows * (L - 1)) };
  }

  /**
   * Forward pass of all n rows of x (n x L): every thread takes chunks of `chunk` rows (at most
   * the configured rows) until none is left, with one synchronisation at the end (a barrier per
   * chunk made 2 threads slower than 1 on a busy machine: measured). Returns views valid until
   * the next call, as forward().
   */
  async forwardBulk(x: Float32Array, n: number, L: number, flags: number, chunk: number): Promise<{ out: Float32Array; rowErrors: Float64Array; forecasts: Float32Array }> {
    const up = this.main.paddedUnits;
    if (!this.bulk || this.bulk.capacity < n || this.bulk.L !== L || this.bulk.up !== up) {
      this.bulk = { buffer: allocateBulk(n, L, up), capacity: n, L, up };
    }
    const { buffer, capacity } = this.bulk;
    const v = bulkViews(buffer, capacity, L, up);
    v.x.set(x.subarray(0, n * L));
    v.counter[0] = 0;
    let done: Promise<void>[] = [];
    if (this.threads > 1) {
      const { views } = this.synced();
      views.params.set(this.main.params());
      done = this.workers.map((w) => w.request({ op: "forwardBulk", buffer, capacity, rows: n, L, flags, chunk }));
    }
    forwardChunks(this.main, v, n, L, flags, chunk);
    await Promise.all(done);
    return { out: v.out.subarray(0, n * up), rowErrors: v.rowErrors.subarray(0, n), forecasts: v.forecasts.subarray(0, n * (L - 1)) };
  }

  /** Forward on the main thread only (synchronous; for predict). */
  forwardSync(x: Float32Array, rows: number, L: number, flags: number = FORWARD.predictions): { out: Float32Array; rowErrors: Float64Array; forecasts: Float32Array } {
    const main = this.main;
    main.input(rows * L).set(x.subarray(0, rows * L));
    main.forward(L, 0, rows, flags);
    return { out: main.output(rows), rowErrors: main.rowErrors(rows), forecasts: main.forecasts(rows * (L - 1)) };
  }

  async dispose(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.started = null;
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
