// The chunk loop of a bulk forward pass, run by the main thread and every worker on the same
// shared buffer (see BulkViews): take the next chunk, run it, write its rows' results. Rows are
// independent, so the results do not depend on which thread ran which chunk.
import type { KernelInstance } from "./instance.ts";
import type { BulkViews } from "./shared-buffers.ts";

export function forwardChunks(instance: KernelInstance, v: BulkViews, n: number, L: number, flags: number, chunk: number): void {
  const up = instance.paddedUnits;
  for (;;) {
    const a = Atomics.add(v.counter, 0, 1) * chunk;
    if (a >= n) return;
    const b = Math.min(n, a + chunk);
    const m = b - a;
    instance.input(m * L).set(v.x.subarray(a * L, b * L));
    instance.forward(L, 0, m, flags);
    v.out.set(instance.output(m), a * up);
    v.rowErrors.set(instance.rowErrors(m), a);
    if (L > 1) v.forecasts.set(instance.forecasts(m * (L - 1)), a * (L - 1));
  }
}
