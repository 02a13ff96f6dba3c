import { describe, expect, it } from "vitest";
import { runMethod } from "../../analysis/run-method.ts";
import { consensusScore, matchedScores } from "../../metrics/index.ts";
import { generateSynthetic } from "../../synth/index.ts";
import { svmBaseline } from "./index.ts";

describe("svm baseline", () => {
  it("refines k-means clusters with the SVM loop (no LSTM) and recovers planted temporal biclusters", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 7, genes: 300, timePoints: 16, biclusters: 3 });
    const res = await runMethod(svmBaseline, { matrix }, { k: 3, permutations: 19, maxOuterIterations: 1 }, { seed: 1 });
    expect(res.method).toBe("svm");
    expect(res.backend).toBeNull();
    expect(res.stages.map((s) => s.id)).toEqual(["preprocess", "kmeans", "svm-refine", "bicluster", "score"]);
    expect(res.payload.details.lstm).toBeNull();
    expect((res.payload.details.svm as unknown[]).length).toBeGreaterThanOrEqual(1);
    expect(consensusScore(res.payload.biclusters, truth.biclusters)).toBeGreaterThan(0.7);
    expect(matchedScores(truth.labels, res.payload.labels, { unassignedIsBackground: true }).f1).toBeGreaterThan(0.8);
  });
});
