// Run kind CLASSIFY in the worker: the dataset's matrix with each sample's class from a column of
// its sample metadata (and an optional gene panel); the result is the envelope itself.
import type { ClassifyPayload } from "@exprlab/core";
import { classLabels, runInputSchemas } from "../../services/run-input.ts";
import { loadMatrix } from "./bicluster.ts";
import type { KindHandler } from "./types.ts";

export const classifyKind: KindHandler<"CLASSIFY"> = {
  async loadInput(prisma, run) {
    const input = runInputSchemas.CLASSIFY.parse(run.input);
    const matrix = await loadMatrix(prisma, run.datasetId);
    return { matrix, labels: classLabels(matrix.conditions, input.labelColumn), ...(input.panel ? { panel: input.panel } : {}) };
  },
  async writeResult(_tx, _run, _input, result) {
    const m = (result.payload as ClassifyPayload).metrics;
    return { stored: result, summary: `accuracy ${m.accuracy.toFixed(3)}, integrated F1 ${m.integratedF1.toFixed(3)}` };
  },
};
