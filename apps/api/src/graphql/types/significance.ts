// How to read a bicluster's empirical p-value honestly: with P null biclusters the smallest
// attainable p is 1/(P+1), so a value at that floor means "< 1/(P+1)", not that exact number.
// The floor comes from the run's `permutations` parameter (or the engine's own word when it
// reports one). q-values (BH across the run's biclusters), evidence and quality flags are the
// engine's, stored on the row.
import type { Bicluster, Run } from "@exprlab/db";
import { builder } from "../builder.ts";
import { BiclusterRef } from "./biclusters.ts";

/** 1 / (P + 1) for a run's `permutations` parameter P (null when the run has none or P is 0). */
export function pValueFloor(run: Pick<Run, "params"> | null): number | null {
  const params = run?.params && typeof run.params === "object" && !Array.isArray(run.params) ? (run.params as Record<string, unknown>) : {};
  const p = params.permutations;
  return typeof p === "number" && Number.isInteger(p) && p > 0 ? 1 / (p + 1) : null;
}

export function atFloor(pValue: number | null, floor: number | null): boolean {
  return pValue !== null && floor !== null && pValue <= floor * (1 + 1e-9);
}

builder.objectField(BiclusterRef, "pValueFloor", (t) =>
  t.float({
    nullable: true,
    description:
      "The smallest p-value this bicluster could get: 1/(n + 1) for its n null draws (the engine stops drawing early once decided, so at the floor this is the p-value itself), else 1/(permutations + 1). A p-value equal to it means < this.",
    resolve: async (b, _a, ctx) => (b.pValueAtFloor === true && b.pValue !== null ? b.pValue : pValueFloor(await ctx.loaders.run.load(b.runId))),
  }),
);

builder.objectField(BiclusterRef, "pValueAtFloor", (t) =>
  t.boolean({
    description: "True when the p-value is the floor: no null bicluster was as strong (read it as < pValueFloor).",
    resolve: async (b, _a, ctx) => b.pValueAtFloor ?? atFloor(b.pValue, pValueFloor(await ctx.loaders.run.load(b.runId))),
  }),
);

builder.objectField(BiclusterRef, "qValue", (t) =>
  t.float({
    nullable: true,
    description: "Benjamini-Hochberg q-value of the p-value across the run's biclusters, when the engine reports it (null otherwise).",
    resolve: (b) => (b.qValue !== null && Number.isFinite(b.qValue) ? b.qValue : null),
  }),
);

builder.objectField(BiclusterRef, "evidence", (t) =>
  t.float({
    nullable: true,
    description: "Penalised log-likelihood gain of the bicluster over a patternless block (nats), when the method reports it.",
    resolve: (b) => (b.evidence !== null && Number.isFinite(b.evidence) ? b.evidence : null),
  }),
);

interface Flag {
  code: string;
  reason: string;
}
const BiclusterFlagRef = builder.objectRef<Flag>("BiclusterFlag").implement({
  description: "A reason to read a bicluster with care (e.g. one-condition: one condition carries most of the pattern).",
  fields: (t) => ({
    code: t.exposeString("code", { description: "Stable code: one-condition, low-variance, ..." }),
    reason: t.exposeString("reason", { description: "A sentence for people, naming the condition or the figure." }),
  }),
});

/** Flags as stored (JSON written by the worker from core's validated result). */
function flagsOf(b: Bicluster): Flag[] {
  if (!Array.isArray(b.flags)) return [];
  const flags: Flag[] = [];
  for (const f of b.flags as unknown[]) {
    const o = f as Record<string, unknown> | null;
    if (o !== null && typeof o === "object" && typeof o.code === "string" && typeof o.reason === "string") flags.push({ code: o.code, reason: o.reason });
  }
  return flags;
}

builder.objectField(BiclusterRef, "flags", (t) =>
  t.field({ type: [BiclusterFlagRef], description: "Quality flags raised by the engine ([] when none).", resolve: (b) => flagsOf(b) }),
);
