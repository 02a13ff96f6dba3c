// Planted-suite scorer (issue 9): every design of the suite, K given and K automatic, several
// seeds per setting; prints consensus (mean, min, max and min/max over seeds), gene F1, condition
// F1, biclusters found, flags and seconds. Not part of the tests.
//   npx tsx bench/quality.ts [--designs a,b] [--methods kmeans,lstm-svm,...] [--seeds 5]
//                            [--k given,auto] [--json out.json] [--epochs 10] [--params '{"permutations":0}']
// Methods: any registered BICLUSTER method id, plus the ablations "lstm-only" (LSTM-SVM without
// the SVM) and "no-lstm" (LSTM-SVM without the LSTM: profile features, SVM on), and
// "lstm-svm-mean" / "lstm-only-mean" (the same with mean-pooled hidden states as the embedding).
import { writeFileSync } from "node:fs";
import { runMethod } from "../src/analysis/index.ts";
import { consensusScore, matchedScores } from "../src/metrics/index.ts";
import { METHODS } from "../src/methods/index.ts";
import { generateDesign, type GroundTruth } from "../src/synth/index.ts";
import { SUITE } from "./quality-suite.ts";
import type { ExpressionMatrix } from "../src/types.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const designs = flag("designs")?.split(",");
const methods = (flag("methods") ?? "kmeans").split(",");
const seeds = Number(flag("seeds") ?? 5);
const kModes = (flag("k") ?? "given,auto").split(",");
const epochs = Number(flag("epochs") ?? 10);
const jsonOut = flag("json");
const dataSeed = Number(flag("data-seed") ?? 1);
/** Extra parameters for every method call (e.g. permutations 0: p-values do not change the biclusters). */
const extra = JSON.parse(flag("params") ?? "{}") as Record<string, unknown>;

function methodCall(method: string, k: number | "auto"): { id: string; params: Record<string, unknown> } {
  const lstm = { epochs, fineTuneEpochs: 2, maxOuterIterations: 1 };
  if (method === "lstm-only") return { id: "lstm-svm", params: { k, ...lstm, svmMaxIterations: 0 } };
  if (method === "no-lstm") return { id: "lstm-svm", params: { k, features: "profile" } };
  if (method === "lstm-svm") return { id: "lstm-svm", params: { k, ...lstm } };
  if (method === "lstm-svm-mean") return { id: "lstm-svm", params: { k, ...lstm, pooling: "mean" } };
  if (method === "lstm-only-mean") return { id: "lstm-svm", params: { k, ...lstm, pooling: "mean", svmMaxIterations: 0 } };
  return { id: method, params: { k } };
}

/** Mean over planted biclusters of the condition F1 against the found bicluster sharing most genes. */
function conditionF1(found: { genes: number[]; conditions: number[] }[], truth: GroundTruth): number {
  if (found.length === 0) return 0;
  let total = 0;
  for (const t of truth.biclusters) {
    const tg = new Set(t.genes);
    let best = found[0]!;
    let bestShared = -1;
    for (const f of found) {
      const shared = f.genes.reduce((a, g) => a + (tg.has(g) ? 1 : 0), 0);
      if (shared > bestShared) {
        bestShared = shared;
        best = f;
      }
    }
    const tc = new Set(t.conditions);
    const hit = best.conditions.reduce((a, j) => a + (tc.has(j) ? 1 : 0), 0);
    total += hit === 0 ? 0 : (2 * hit) / (best.conditions.length + t.conditions.length);
  }
  return total / truth.biclusters.length;
}

interface Row {
  suite: string;
  method: string;
  k: string;
  consensus: number[];
  geneF1: number[];
  condF1: number[];
  found: number[];
  flagged: number[];
  seconds: number[];
}

async function runOne(matrix: ExpressionMatrix, truth: GroundTruth, method: string, k: number | "auto", seed: number) {
  const call = methodCall(method, k);
  const res = await runMethod<"BICLUSTER">(METHODS.require(call.id), { matrix }, { ...call.params, ...extra }, { seed });
  const p = res.payload;
  const flagged = p.biclusters.filter((b) => ((b as { flags?: unknown[] }).flags ?? []).length > 0).length;
  return {
    consensus: consensusScore(p.biclusters, truth.biclusters),
    geneF1: matchedScores(truth.labels, p.labels, { unassignedIsBackground: true }).f1,
    condF1: conditionF1(p.biclusters, truth),
    found: p.biclusters.length,
    flagged,
    seconds: res.totalSeconds,
  };
}

const f3 = (x: number) => x.toFixed(3);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  const rows: Row[] = [];
  console.log(`# planted suite: ${seeds} method seeds on data seed ${dataSeed}; consensus mean [min..max] (min/max), gene F1, condition F1, found (flagged), s/run`);
  for (const entry of SUITE.filter((s) => !designs || designs.includes(s.name))) {
    const { matrix, truth } = generateDesign(entry.design, { ...entry.options, seed: dataSeed });
    for (const method of methods) {
      for (const kMode of kModes) {
        const k = kMode === "auto" ? "auto" : truth.biclusters.length;
        const row: Row = { suite: entry.name, method, k: kMode, consensus: [], geneF1: [], condF1: [], found: [], flagged: [], seconds: [] };
        for (let s = 1; s <= seeds; s++) {
          const r = await runOne(matrix, truth, method, k, s);
          row.consensus.push(r.consensus);
          row.geneF1.push(r.geneF1);
          row.condF1.push(r.condF1);
          row.found.push(r.found);
          row.flagged.push(r.flagged);
          row.seconds.push(r.seconds);
        }
        rows.push(row);
        const lo = Math.min(...row.consensus);
        const hi = Math.max(...row.consensus);
        console.log(
          `${entry.name.padEnd(22)} ${method.padEnd(9)} K ${kMode.padEnd(5)} consensus ${f3(mean(row.consensus))} [${f3(lo)}..${f3(hi)}] (${f3(hi > 0 ? lo / hi : 0)})` +
            `  geneF1 ${f3(mean(row.geneF1))}  condF1 ${f3(mean(row.condF1))}  found ${row.found.join("/")} (${row.flagged.join("/")})  ${mean(row.seconds).toFixed(1)} s`,
        );
        if (jsonOut) writeFileSync(jsonOut, JSON.stringify(rows, null, 1));
      }
    }
  }
}

await main();
