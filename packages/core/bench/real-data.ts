// A real time course through a bicluster method (issue 9): sizes, conditions, flags, q-values.
//   Rscript bench/data/export-hsmm.R /tmp/hsmm.csv && npx tsx bench/real-data.ts /tmp/hsmm.csv [method] [k]
import { readFileSync } from "node:fs";
import { runMethod } from "../src/analysis/index.ts";
import { readMatrix } from "../src/io/index.ts";
import { METHODS } from "../src/methods/index.ts";

async function main(): Promise<void> {
  const [path = "/tmp/hsmm.csv", method = "kmeans", k = "auto"] = process.argv.slice(2);
  const { matrix } = await readMatrix(path);
  const times = new Map(
    readFileSync(path.replace(/\.csv$/, "-times.csv"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(",") as [string, string]),
  );
  for (const c of matrix.conditions) {
    const t = times.get(c.id);
    if (t !== undefined) c.time = Number(t);
  }
  const params = { k: k === "auto" ? "auto" : Number(k), ...(method === "lstm-svm" ? { epochs: 10, maxOuterIterations: 1 } : {}) };
  const res = await runMethod<"BICLUSTER">(METHODS.require(method), { matrix }, params, { seed: 1 });
  const p = res.payload;
  const n = p.preprocess.keptGenes;
  console.log(`${method}: ${matrix.genes.length} genes x ${matrix.conditions.length} conditions, K = ${p.kChoice?.k} (${p.kChoice?.criterion}), ${res.totalSeconds.toFixed(1)} s`);
  console.log(`stages: ${res.stages.map((s) => `${s.id} ${s.seconds.toFixed(1)}`).join(", ")}`);
  for (const b of p.biclusters) {
    const conds = b.conditions.map((j) => matrix.conditions[j]!.id);
    console.log(
      `${String(b.genes.length).padStart(5)} genes (${((100 * b.genes.length) / n).toFixed(0)}%) x ${String(b.conditions.length).padStart(2)} conditions ` +
        `p ${b.pValue?.toFixed(3)}${b.pValueAtFloor ? " (floor)" : ""} q ${b.qValue?.toFixed(3)}  flags: ${(b.flags ?? []).map((f) => f.reason).join("; ") || "none"}\n      ${conds.join(" ")}`,
    );
  }
  const unflaggedHalf = p.biclusters.filter((b) => (b.flags ?? []).length === 0 && b.genes.length > n / 2).length;
  console.log(`unflagged biclusters holding more than half of the genes: ${unflaggedHalf}; overlapping pairs: ${p.overlaps?.length ?? 0}; starts agreement ${JSON.stringify(p.details.starts)}`);
}

await main();
