// `npx tsx scripts/bench-queries.ts [genes] [conditions]` (default 20,000 x 1,000): seeds a dataset
// of that size with a run of 30 biclusters into a throwaway PostgreSQL, boots the API and prints
// the latency of typical queries over HTTP. Not part of the tests (takes a minute or two).
import { randomBytes } from "node:crypto";
import { encodeRow } from "@exprlab/db";
import { createTestDatabase, startTestPostgres } from "@exprlab/db/testing";
import { seedRun, signUpUser, startTestApi } from "../src/server/test-support.ts";

const genesN = Number(process.argv[2] ?? 20_000);
const condN = Number(process.argv[3] ?? 1_000);
const server = await startTestPostgres();
const db = await createTestDatabase({ serverUrl: server.url });
const api = await startTestApi(db.prisma);
try {
  const u = await signUpUser(api, "Bench");
  const t0 = performance.now();
  const genes = Array.from({ length: genesN }, (_, i) => `B${i}`);
  const dataset = await db.prisma.dataset.create({
    data: {
      teamId: u.teamId,
      createdById: u.userId,
      name: "bench",
      kind: "TIME_COURSE",
      format: "csv",
      geneCount: genesN,
      conditionCount: condN,
      conditions: Array.from({ length: condN }, (_, j) => ({ id: `t${j}`, time: j })),
    },
  });
  let seed = randomBytes(4).readUInt32LE();
  const rand = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let from = 0; from < genesN; from += 1000) {
    await db.prisma.datasetRow.createMany({
      data: genes.slice(from, from + 1000).map((gene, k) => {
        const i = from + k;
        const amp = i % 50 === 0 ? 5 : 1;
        return { datasetId: dataset.id, index: i, gene, values: encodeRow(Array.from({ length: condN }, (_, j) => amp * Math.sin(j / 7 + i) + rand())) };
      }),
    });
  }
  const seedMs = performance.now() - t0;
  const values = [] as number[][];
  const run = await seedRun(db.prisma, { dataset, genes, values }, u.userId, Array.from({ length: 30 }, (_, k) => Array.from({ length: 80 }, (_, i) => k * 80 + i)));
  const time = async (label: string, n: number, query: string, variables: Record<string, unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = performance.now();
      const res = await api.gql(query, variables, u.token);
      if (res.errors) throw new Error(`${label}: ${JSON.stringify(res.errors)}`);
      ms.push(performance.now() - s);
    }
    ms.sort((a, b) => a - b);
    console.log(`${label.padEnd(48)} p50 ${ms[Math.floor(n / 2)]!.toFixed(1).padStart(8)} ms   max ${ms[n - 1]!.toFixed(1).padStart(8)} ms   (n=${n})`);
  };
  console.log(`dataset ${genesN} x ${condN} seeded in ${(seedMs / 1000).toFixed(1)} s; run with 30 biclusters x 80 genes`);
  const b = run.biclusters[5]!.id;
  await time("bicluster page (genes+status, matrix, profiles)", 20, `query($id: ID!) { bicluster(id: $id) { id geneCount msr pValue meanProfile conditions { id } genes { gene silhouette annotationStatus } matrix { genes values } memberProfiles { gene zscores } run { id status } } }`, { id: b });
  await time("biclusters of a run (sort P_VALUE, 20)", 20, `query($r: ID!) { biclusters(runId: $r, sort: P_VALUE, first: 20) { totalCount nodes { id geneCount msr pValue } } }`, { r: run.run.id });
  await time("biclustersByGene", 20, `query($t: ID!) { biclustersByGene(teamId: $t, gene: "B123") { totalCount nodes { id } } }`, { t: u.teamId });
  await time("geneSearch prefix", 20, `query($t: ID!) { geneSearch(teamId: $t, query: "B12") { gene datasetCount biclusterCount } }`, { t: u.teamId });
  await time("matrixSlice 100 genes x all conditions", 10, `query($d: ID!) { matrixSlice(datasetId: $d, geneOffset: 5000, geneLimit: 100) { values } }`, { d: dataset.id });
  await time("matrixSlice 200 genes x 100 conditions", 10, `query($d: ID!) { matrixSlice(datasetId: $d, geneOffset: 9000, geneLimit: 200, conditionStart: 400, conditionEnd: 500) { values } }`, { d: dataset.id });
  const mem0 = process.memoryUsage().rss;
  await time("heatmap 100 genes (first call: full scan)", 1, `query($d: ID!) { heatmap(datasetId: $d, maxGenes: 100) { genes zscores } }`, { d: dataset.id });
  console.log(`  rss after heatmap scan: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (before ${(mem0 / 2 ** 20).toFixed(0)} MiB)`);
  await time("heatmap 100 genes (cached)", 5, `query($d: ID!) { heatmap(datasetId: $d, maxGenes: 100) { genes zscores } }`, { d: dataset.id });
} finally {
  await api.close();
  await db.drop();
  await server.stop();
}
