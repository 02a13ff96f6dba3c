import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { exampleClassifyInput, KINDS } from "../../analysis/kinds/index.ts";
import { parseMethodParams } from "../../analysis/registry.ts";
import { runMethod } from "../../analysis/run-method.ts";
import { gridSize } from "../../classify/grid-search.ts";
import { InputError } from "../../errors.ts";
import { cnnBilstm } from "../cnn-bilstm/index.ts";
import { cnn1d, cnn1dGrid } from "./index.ts";
import type { Cnn1dParams } from "./params.ts";

describe("cnn1d method", () => {
  it("defaults to the published search space; the estimate scales with the grid a lab keeps", () => {
    const full = parseMethodParams(cnn1d, {}) as Cnn1dParams;
    expect(gridSize(cnn1dGrid(full))).toBe(1 + 3 + 4 + 5 + 1 + 3 + 2 + 3);
    const tiny = parseMethodParams(cnn1d, { outputActivations: ["softmax"], denseActivations: ["relu"], convActivations: ["relu"], poolSizes: ["2"], denseSizes: ["64"], kernelSizes: ["3"], filterCounts: ["8", "16"] }) as Cnn1dParams;
    expect(gridSize(cnn1dGrid(tiny))).toBe(2);
    const shape = { rows: 500, columns: 128 };
    const a = cnn1d.estimate!(shape, full).seconds;
    const b = cnn1d.estimate!(shape, tiny).seconds;
    expect(a / b).toBeGreaterThan(5);
    expect(() => parseMethodParams(cnn1d, { outputActivations: ["tanh"] })).toThrow(InputError);
    expect(() => parseMethodParams(cnn1d, { filterCounts: [] })).toThrow(InputError);
  });

  it("leaks no tensors over a whole run (grid search, final model, noise test)", async () => {
    const input = exampleClassifyInput(2);
    const before = tf.memory().numTensors;
    const r = await runMethod<"CLASSIFY">(cnn1d, input, cnn1d.checkParams, { seed: 3 });
    expect(r.payload.grid![0]!.rows.length).toBe(9); // one row per value of each group: 2+1+2+1+1+1+1
    expect(r.payload.robustness).toHaveLength(4);
    await runMethod<"CLASSIFY">(cnnBilstm, input, cnnBilstm.checkParams, { seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    expect(KINDS.CLASSIFY.shape(input)).toEqual({ rows: 24, columns: 34 });
  });
});
