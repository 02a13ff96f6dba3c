// How to read a bicluster's empirical p-value honestly: with P random submatrices the smallest
// attainable p is 1/(P+1), so a value at that floor means "< 1/(P+1)", not that exact number.
// The floor comes from the run's `permutations` parameter. q-values (BH across the run's
// biclusters) are read from the row when the engine stores them, and are null until then.
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
    description: "The smallest p-value the run could report: 1/(permutations + 1). A p-value equal to it means < this.",
    resolve: async (b, _a, ctx) => pValueFloor(await ctx.loaders.run.load(b.runId)),
  }),
);

builder.objectField(BiclusterRef, "pValueAtFloor", (t) =>
  t.boolean({
    description: "True when the p-value is the floor: no random submatrix was as coherent (read it as < pValueFloor).",
    resolve: async (b, _a, ctx) => atFloor(b.pValue, pValueFloor(await ctx.loaders.run.load(b.runId))),
  }),
);

builder.objectField(BiclusterRef, "qValue", (t) =>
  t.float({
    nullable: true,
    description: "Benjamini-Hochberg q-value of the p-value across the run's biclusters, when the engine reports it (null otherwise).",
    resolve: (b) => {
      const q = (b as Bicluster & { qValue?: unknown }).qValue;
      return typeof q === "number" && Number.isFinite(q) ? q : null;
    },
  }),
);
