import { runMethod } from "/work/wt/quality/packages/core/src/analysis/index.ts";
import { METHODS } from "/work/wt/quality/packages/core/src/methods/index.ts";
import { generateDesign } from "/work/wt/quality/packages/core/src/synth/index.ts";
const [design, extra] = [process.argv[2] ?? "temporal", process.argv[3] ?? "{}"];
const { matrix } = generateDesign(design, { genes: 2000, conditions: 30, biclusters: 8, genesPerBicluster: 120, seed: 1 });
async function main() { const res = await runMethod<"BICLUSTER">(METHODS.require("kmeans"), { matrix }, { k: 8, ...JSON.parse(extra) }, { seed: 1 });
console.log(res.stages.map((s) => `${s.id} ${s.seconds.toFixed(2)}`).join(", "), "total", res.totalSeconds.toFixed(2));
console.log(res.payload.biclusters.map((b) => `${b.genes.length}x${b.conditions.length} p=${b.pValue?.toFixed(3)} q=${b.qValue?.toFixed(3)} floor=${b.pValueAtFloor} flags=${b.flags?.map((f) => f.code).join("+")}`).join("\n"));
console.log(JSON.stringify(res.payload.details.starts)); }
main();
