// The ceiling of step 6 on a planted design (issue 9; not part of the tests): the planted gene
// groups themselves handed to the refinement, as if the clustering were perfect. Prints the
// consensus score with the pattern model (membership "model", the default) and with the groups'
// genes kept ("cluster"), each refined bicluster's size, conditions and significance statistic,
// and how many genes of each planted group it holds; then the statistic of biclusters refined from
// k-means clusters of one gene-shuffled copy (what the null of the significance test sees).
//   npx tsx bench/refine-from-truth.ts [design] [K of the null clustering, default: planted] [--max-lag L]
import { refineClusters } from "../src/bicluster/index.ts";
import { zscoredBackground } from "../src/bicluster/likelihood.ts";
import { statistic } from "../src/bicluster/significance.ts";
import { KMeans } from "../src/cluster/index.ts";
import { consensusScore } from "../src/metrics/index.ts";
import { preprocessForClustering } from "../src/methods/shared/gene-cluster-steps.ts";
import { extractionParams, kParams, preprocessParams } from "../src/methods/shared/gene-cluster-params.ts";
import { createRng } from "../src/random.ts";
import { generateDesign } from "../src/synth/index.ts";
import { z } from "zod";
import { SUITE } from "./quality-suite.ts";

const name = process.argv[2] ?? "temporal-8";
const entry = SUITE.find((s) => s.name === name);
if (!entry) throw new Error(`unknown suite design ${name} (one of ${SUITE.map((s) => s.name).join(", ")})`);
const { matrix, truth } = generateDesign(entry.design, { ...entry.options, seed: 1 });
const params = z.object({ ...preprocessParams, ...kParams, ...extractionParams }).parse({});
const pre = preprocessForClustering(matrix, params, 1);
const { n, T } = pre;
const timed = matrix.conditions.every((c) => c.time !== undefined);
const mode = timed ? "auto" : "subset";
const lagAt = process.argv.indexOf("--max-lag");
const maxLag = lagAt >= 0 ? Number(process.argv[lagAt + 1]) : 0;
const groups: [number, number[]][] = truth.biclusters.map((b, i) => [i, b.genes]);
const range = (c: number[]) => (c.length ? `${c.length} conditions ${c[0]}..${c.at(-1)}` : "no conditions");
console.log(`${name}: ${n} genes x ${T} conditions; planted: ${truth.biclusters.map((b) => `${b.genes.length} x ${range(b.conditions)}`).join("; ")}`);
for (const membership of ["model", "cluster"] as const) {
  const refined = refineClusters(pre.values, T, groups, { mode, minConditions: params.minConditions, overlap: params.overlap, membership, maxLag });
  console.log(`membership ${membership}: consensus ${consensusScore(refined, truth.biclusters).toFixed(3)}`);
  for (const b of refined) {
    const held = new Set(b.genes);
    const from = truth.biclusters.map((t, i) => `${i}:${t.genes.filter((g) => held.has(g)).length}`).join(" ");
    console.log(`  ${String(b.genes.length).padStart(4)} genes x ${range(b.conditions)}, statistic ${statistic(b, n).toFixed(2)}; planted genes held ${from}`);
  }
}
const K = process.argv[3] && !process.argv[3].startsWith("--") ? Number(process.argv[3]) : truth.biclusters.length;
const rng = createRng(100);
const shuffled = new Float64Array(pre.values.length);
for (let i = 0; i < n; i++) {
  const p = rng.sample(T, T);
  for (let j = 0; j < T; j++) shuffled[i * T + j] = pre.values[i * T + p[j]!]!;
}
const labels = new KMeans({ k: K, seed: 7, nInit: 1, nullCentroid: new Array<number>(T).fill(0) }).fit(shuffled, T).labels;
const nullGroups = new Map<number, number[]>();
labels.forEach((l, g) => {
  if (l >= 0) (nullGroups.get(l) ?? nullGroups.set(l, []).get(l)!).push(g);
});
const nullBics = refineClusters(shuffled, T, [...nullGroups.entries()].filter(([, g]) => g.length >= 5), { mode, minConditions: params.minConditions, maxLag, background: zscoredBackground(shuffled, T) });
console.log(`null (one gene-shuffled copy, K = ${K}): ${nullBics.map((b) => `${b.genes.length} x ${b.conditions.length} statistic ${statistic(b, n).toFixed(2)}`).join("; ")}`);
