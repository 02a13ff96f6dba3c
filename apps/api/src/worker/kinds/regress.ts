// Run kind REGRESS in the worker: a DE-table dataset (genes x statistics) as core's numeric table
// and the column to predict; the result is the envelope itself.
import type { RegressPayload } from "@exprlab/core";
import { runInputSchemas } from "../../services/run-input.ts";
import { loadMatrix } from "./bicluster.ts";
import type { KindHandler } from "./types.ts";

export const regressKind: KindHandler<"REGRESS"> = {
  async loadInput(prisma, run) {
    const { target } = runInputSchemas.REGRESS.parse(run.input);
    const matrix = await loadMatrix(prisma, run.datasetId);
    return { table: { rows: matrix.genes, columns: matrix.conditions.map((c) => c.id), values: matrix.values }, target };
  },
  async writeResult(_tx, _run, _input, result) {
    const p = result.payload as RegressPayload;
    const best = p.models.find((m) => m.name === p.best);
    return { stored: result, summary: `best ${best?.label ?? p.best}, test R² ${best ? best.metrics.r2.toFixed(3) : "–"}` };
  },
};
