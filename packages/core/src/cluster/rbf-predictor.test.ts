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

  it("gives each row's margin over its own class: 0 when predicted there, the pairwise decision value otherwise", async () => {
    const SVM = await loadSvm();
    const dim = 5;
    const { data, labels } = clusters(400, dim, 3, 9);
    const rows = Array.from({ length: 400 }, (_, i) => Array.from(data.subarray(i * dim, (i + 1) * dim)));
    const fit = Array.from({ length: 200 }, (_, i) => 2 * i);
    const svm = new SVM({ type: SVM.SVM_TYPES.C_SVC, kernel: SVM.KERNEL_TYPES.RBF, gamma: 0.2, cost: 1, quiet: true });
    try {
      svm.train(fit.map((i) => rows[i]!), fit.map((i) => labels[i]!));
      const model = denseRbfModel({ text: svm.serializeModel(), svIndices: svm.getSVIndices() }, data, dim, fit, 0.2);
      const test = Array.from({ length: 200 }, (_, i) => 2 * i + 1);
      const plain = model.predict(test);
      const own = (a: number) => labels[test[a]!]!;
      const { labels: got, margin } = model.predictMargin(test, own);
      expect(Array.from(got)).toEqual(Array.from(plain));
      let elsewhere = 0;
      test.forEach((_, a) => {
        if (got[a] === own(a)) expect(margin[a]).toBe(0);
        else {
          elsewhere++;
          // The winner beat the own class in their pairwise vote unless it won on other pairs.
          expect(Number.isFinite(margin[a]!)).toBe(true);
        }
      });
      expect(elsewhere).toBeGreaterThan(0); // noisy clusters: some rows are predicted elsewhere
      // Margins of rows predicted elsewhere are mostly positive (their winner beat their own class).
      const positive = test.filter((_, a) => got[a] !== own(a) && margin[a]! > 0).length;
      expect(positive / elsewhere).toBeGreaterThan(0.8);
      // A class the model does not know: +Infinity.
      expect(model.predictMargin([test[0]!], () => 99).margin[0]).toBe(Number.POSITIVE_INFINITY);
    } finally {
      svm.free();
    }
  });
});
