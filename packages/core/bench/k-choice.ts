// Automatic K compared on the planted suite (issue 9, item 6; not part of the tests): the gap
// elbow, the highest mean silhouette, the highest mixture BIC, the highest stability (chooseK's
// criteria), and the gap checked against the biclusters (the methods' rule, checkKByBiclusters).
// Profile features with the flat-profile null centroid, as in the no-LSTM pipeline; K from 2 to 10
// (the methods' defaults). Per design and criterion: the K chosen on each seed, how often it is the
// planted K, and the consensus score of the biclusters step 6 makes of that K's clustering.
//   npx tsx bench/k-choice.ts [--designs a,b] [--seeds 5]
import { z } from "zod";
import { createRunContext } from "../src/analysis/context.ts";
import { chooseK, type ChooseKResult } from "../src/cluster/index.ts";
import { consensusScore } from "../src/metrics/index.ts";
import { extractionParams, kParams, preprocessParams } from "../src/methods/shared/gene-cluster-params.ts";
import { biclustersOfFit, checkKByBiclusters, preprocessForClustering, profileFeatures, startRefineOptions } from "../src/methods/shared/gene-cluster-steps.ts";
import { generateDesign } from "../src/synth/index.ts";
import { SUITE } from "./quality-suite.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const designs = flag("designs")?.split(",");
const seeds = Number(flag("seeds") ?? 5);
const params = z.object({ ...preprocessParams, ...kParams, ...extractionParams }).parse({ k: "auto" });
const CRITERIA = ["gap", "silhouette", "bic", "stability", "gap+check"] as const;

const totals = new Map<string, { hits: number; runs: number; consensus: number }>(CRITERIA.map((c) => [c, { hits: 0, runs: 0, consensus: 0 }]));
console.log(`# automatic K on the planted suite, data seed 1, ${seeds} seeds: K per seed, planted-K hits, mean consensus of step 6 at that K`);
for (const entry of SUITE.filter((s) => !designs || designs.includes(s.name))) {
  const { matrix, truth } = generateDesign(entry.design, { ...entry.options, seed: 1 });
  const pre = preprocessForClustering(matrix, params, 1);
  const features = profileFeatures(pre);
  const planted = truth.biclusters.length;
  const line: string[] = [];
  for (const criterion of CRITERIA) {
    const ks: number[] = [];
    let consensus = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const ctx = createRunContext({ seed, stages: [{ id: "kmeans", label: "k" }], plan: [] }).ctx;
      const base = { kMin: params.kMin, kMax: params.kMax, seed, nInit: params.kmeansRestarts, nullCentroid: features.nullVector };
      let res: ChooseKResult = chooseK(features.data, features.dim, { ...base, criterion: criterion === "gap+check" ? "gap" : criterion });
      if (criterion === "gap+check") res = checkKByBiclusters(features, pre, res, params, seed, ctx);
      const bics = biclustersOfFit(res.fit, pre, { ...startRefineOptions(pre, params, ctx), maxBiclusters: res.k });
      ks.push(res.k);
      consensus += consensusScore(bics, truth.biclusters) / seeds;
    }
    const hits = ks.filter((k) => k === planted).length;
    const t = totals.get(criterion)!;
    t.hits += hits;
    t.runs += seeds;
    t.consensus += consensus;
    line.push(`${criterion} K ${ks.join("/")} (${hits}/${seeds}) ${consensus.toFixed(3)}`);
  }
  console.log(`${entry.name.padEnd(22)} planted ${planted}: ${line.join(" | ")}`);
}
const n = SUITE.filter((s) => !designs || designs.includes(s.name)).length;
console.log(`all designs: ${CRITERIA.map((c) => `${c} planted K ${totals.get(c)!.hits}/${totals.get(c)!.runs}, mean consensus ${(totals.get(c)!.consensus / n).toFixed(3)}`).join(" | ")}`);
