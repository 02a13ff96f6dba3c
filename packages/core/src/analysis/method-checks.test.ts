// The shared battery every registered method passes (as scikit-learn's estimator checks): a new
// method is tested by registering it. Each check runs the method's own small `checkParams` on
// its kind's example input.
import { describe, expect, it } from "vitest";
import { CancelledError, InputError } from "../errors.ts";
import { METHODS } from "../methods/index.ts";
import type { ProgressEvent } from "../types.ts";
import type { CheckpointStore } from "./context.ts";
import { KINDS, type RunKind } from "./kinds/index.ts";
import { parseMethodParams } from "./registry.ts";
import { runMethod } from "./run-method.ts";

function recordingStore(initial: Map<string, unknown> = new Map()): CheckpointStore & { saved: Map<string, unknown> } {
  const saved = new Map(initial);
  return { saved, get: (k) => saved.get(k), put: (k, v) => void saved.set(k, JSON.parse(JSON.stringify(v)) as unknown) };
}

/** The parts of a payload that must not depend on timing (reports carry seconds); a kind may say which. */
function stable(kind: RunKind, payload: unknown): unknown {
  const spec = KINDS[kind] as { reproducible?: (p: unknown) => unknown };
  if (spec.reproducible) return spec.reproducible(payload);
  const { details: _details, ...rest } = payload as Record<string, unknown>;
  return rest;
}

describe.each(METHODS.methods.map((m) => [m.id, m] as const))("method %s", (_id, method) => {
  const kind = KINDS[method.kind];
  const input = () => kind.example(3);
  const params = method.checkParams ?? {};

  it("declares labelled one-line parameters with valid defaults, and rejects unknown ones", () => {
    const info = METHODS.describe(method.id);
    expect(info.label.length).toBeGreaterThan(3);
    expect(info.description).not.toMatch(/\n/);
    expect(info.reference.length).toBeGreaterThan(10);
    for (const p of info.params) {
      expect(p.help, p.name).not.toMatch(/\n/);
      expect(p.help.length, p.name).toBeGreaterThan(10);
      expect(p.help.length, p.name).toBeLessThan(200);
      expect(["main", "advanced"]).toContain(p.group);
    }
    expect(() => parseMethodParams(method, {})).not.toThrow();
    expect(() => parseMethodParams(method, { notAParameter: 1 })).toThrow(InputError);
    if (method.estimate) {
      // With several kinds, KINDS[method.kind] is a union: its shape() takes this kind's input.
      const shape = (kind.shape as (i: ReturnType<typeof input>) => ReturnType<typeof kind.shape>)(input());
      const est = method.estimate(shape, parseMethodParams(method, {}));
      expect(est.seconds).toBeGreaterThan(0);
      expect(Number.isFinite(est.seconds)).toBe(true);
      expect(est.memoryMb).toBeGreaterThan(0);
    }
  });

  it("runs on the example input with declared stages and monotone progress ending at 1, deterministically", async () => {
    const events: ProgressEvent[] = [];
    const a = await runMethod(method, input(), params, { seed: 11, onProgress: (e) => events.push(e) });
    const declared = new Set(method.stages.map((s) => s.id));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(declared.has(e.stage), e.stage).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.overall!).toBeGreaterThanOrEqual(events[i - 1]!.overall!);
    expect(events.at(-1)!.overall).toBe(1);
    expect(a.stages.length).toBeGreaterThan(0);
    const b = await runMethod(method, input(), params, { seed: 11 });
    expect(stable(method.kind, b.payload)).toEqual(stable(method.kind, a.payload));
  });

  it("resumes from its own checkpoints with the same result", async () => {
    const store = recordingStore();
    const first = await runMethod(method, input(), params, { seed: 5, checkpoints: store });
    const again = await runMethod(method, input(), params, { seed: 5, checkpoints: recordingStore(store.saved) });
    expect(stable(method.kind, again.payload)).toEqual(stable(method.kind, first.payload));
    if (store.saved.size > 0) expect(again.resumed.length).toBeGreaterThan(0);
    expect(first.resumed).toEqual([]);
  });

  it("stops with CancelledError when its signal aborts", async () => {
    const ac = new AbortController();
    const pending = runMethod(method, input(), params, {
      signal: ac.signal,
      onProgress: () => ac.abort(),
    });
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });
});
