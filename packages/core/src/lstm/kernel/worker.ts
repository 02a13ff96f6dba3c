// A kernel worker thread: its own kernel instance computes the gradient of some shards of each
// batch (or the forward pass of some rows) and hands the results back through the shared buffer.
import { parentPort } from "node:worker_threads";
import { KernelInstance } from "./instance.ts";
import { forwardChunks } from "./bulk.ts";
import { bulkViews, partRange, sharedViews, type SharedSizes, type SharedViews, type WorkerReply, type WorkerRequest } from "./shared-buffers.ts";

const port = parentPort!;
let instance: KernelInstance | null = null;
let views: SharedViews | null = null;
let sizes: SharedSizes | null = null;

function handle(msg: WorkerRequest): void {
  if (msg.op === "init") {
    instance = new KernelInstance(msg.module);
    return;
  }
  if (!instance) throw new Error("kernel worker not initialised");
  if (msg.op === "configure") {
    instance.configure(msg.shape, msg.rows, msg.len, msg.steps);
    sizes = msg.sizes;
    views = sharedViews(msg.buffer, msg.sizes);
    return;
  }
  if (!views || !sizes) throw new Error("kernel worker not configured");
  instance.params().set(views.params);
  if (msg.op === "gradient") {
    const { B, L } = msg;
    instance.input(B * L).set(views.x.subarray(0, B * L));
    instance.labels(B).set(views.labels.subarray(0, B));
    for (const s of msg.shards) {
      const [r0, r1] = partRange(B, s, msg.of);
      const r = instance.gradient(L, r0, r1, s, msg.mseScale, msg.labelScale, msg.useLabels);
      views.grads.set(instance.shardGradient(s), s * sizes.params);
      views.losses[2 * s] = r.sse;
      views.losses[2 * s + 1] = r.ce;
    }
    return;
  }
  if (msg.op === "forwardBulk") {
    forwardChunks(instance, bulkViews(msg.buffer, msg.capacity, msg.L, sizes.units), msg.rows, msg.L, msg.flags, msg.chunk);
    return;
  }
  const { L, a, b, flags } = msg;
  const n = b - a;
  instance.input(n * L).set(views.x.subarray(a * L, b * L));
  instance.forward(L, 0, n, flags);
  views.out.set(instance.output(n), a * sizes.units);
  views.rowErrors.set(instance.rowErrors(n), a);
  if (L > 1) views.forecasts.set(instance.forecasts(n * (L - 1)), a * (L - 1));
}

port.on("message", (msg: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    handle(msg);
    reply = { ok: true };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
