// Cost of the default components (issue 9 round 2): k-means baseline and LSTM-SVM on planted
// designs with one component switched at a time; prints seconds per stage and consensus.
//   npx tsx bench/cost.ts [--designs temporal-20,temporal-30] [--seeds 2] [--methods kmeans,lstm-svm]
import { runMethod } from "../src/analysis/index.ts";
import { consensusScore } from "../src/metrics/index.ts";
import { METHODS } from "../src/methods/index.ts";
import { generateDesign } from "../src/synth/index.ts";
import { SUITE } from "./quality-suite.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const designs = (flag("designs") ?? "temporal-20,temporal-30").split(",");
const seeds = Number(flag("seeds") ?? 2);
const methods = (flag("methods") ?? "kmeans").split(",");
const variants: Record<string, Record<string, unknown>> = JSON.parse(
  flag("variants") ??
    JSON.stringify({
      defaults: {},
      "starts 1": { clusteringStarts: 1 },
      "no p-values": { permutations: 0 },
      "no node addition": { overlap: false },
      "bare (1 start, no p, no addition)": { clusteringStarts: 1, permutations: 0, overlap: false },
    }),
);
const kMode = flag("k") ?? "given";

for (const name of designs) {
  const entry = SUITE.find((s) => s.name === name);
  if (!entry) throw new Error(`no design ${name}`);
  const { matrix, truth } = generateDesign(entry.design, { ...entry.options, seed: 1 });
  for (const method of methods) {
    for (const [label, extra] of Object.entries(variants)) {
      const secs: number[] = [];
      const cons: number[] = [];
      const stages = new Map<string, number>();
      for (let s = 1; s <= seeds; s++) {
        const k = kMode === "auto" ? "auto" : truth.biclusters.length;
        const res = await runMethod<"BICLUSTER">(METHODS.require(method), { matrix }, { k, ...extra }, { seed: s });
        secs.push(res.totalSeconds);
        cons.push(consensusScore(res.payload.biclusters, truth.biclusters));
        for (const st of res.stages) stages.set(st.id, (stages.get(st.id) ?? 0) + st.seconds / seeds);
      }
      const m = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      console.log(
        `${name.padEnd(12)} ${method.padEnd(8)} ${label.padEnd(36)} ${m(secs).toFixed(2)} s  consensus ${m(cons).toFixed(3)} [${cons.map((c) => c.toFixed(3)).join(" ")}]  ` +
          [...stages].map(([id, v]) => `${id} ${v.toFixed(2)}`).join(", "),
      );
    }
  }
}
