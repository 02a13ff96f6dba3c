import { describe, expect, it } from "vitest";
import { createRng } from "../random.ts";
import { denseRbfModel } from "./rbf-predictor.ts";
import { loadSvm } from "./svm.ts";

/** k noisy clusters in dim dimensions (odd dim: the kernel pads to 4). */
function clusters(n: number, dim: number, k: number, seed: number) {
  const rng = createRng(seed);
  const data = new Float64Array(n * dim);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % k;
    labels.push(c * 3 + 1); // labels need not be 0..k-1
    for (let j = 0; j < dim; j++) data[i * dim + j] = Math.sin(c * 2 + j) + 0.9 * rng.normal();
  }
  return { data, labels };
}

describe("denseRbfModel", () => {
  for (const [k, probability] of [
    [2, false],
    [5, false],
    [2, true],
    [4, true],
  ] as const) {
    it(`predicts as libsvm does (${k} classes${probability ? ", probabilities" : ""})`, async () => {
      const SVM = await loadSvm();
      const dim = 13;
      const { data, labels } = clusters(600, dim, k, k);
      const rows = Array.from({ length: 600 }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
      const fit = Array.from({ length: 300 }, (_, i) => 2 * i);
      const gamma = 1 / dim;
      const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.RBF, gamma, cost: 1, probabilityEstimates: probability, quiet: true });
      try {
        svm.train(fit.map((i) => rows[i]!), fit.map((i) => labels[i]!));
        const model = denseRbfModel({ text: svm.serializeModel(), svIndices: svm.getSVIndices() }, data, dim, fit, gamma);
        const test = Array.from({ length: 300 }, (_, i) => 2 * i + 1);
        if (!probability) {
          const got = model.predict(test);
          expect(Array.from(got)).toEqual(test.map((i) => svm.predictOne(rows[i]!)));
          return;
        }
        const { labels: order, probabilities } = model.predictProbability(test);
        expect(order).toEqual(svm.getLabels());
        test.forEach((i, a) => {
          const ref = svm.predictOneProbability(rows[i]!).estimates;
          ref.forEach((e, c) => expect(probabilities[a * order.length + c]!).toBeCloseTo(e.probability, 5));
        });
      } finally {
        svm.free();
      }
    });
  }
});
