// `npm run bench:api` (not part of `npm test`): load figures of the API over loopback with
// autocannon, on a throwaway PostgreSQL holding 50 datasets and 200 runs. Each scenario runs for
// a bounded time (BENCH_SECONDS, default 8 s) with 8 connections; then /health is measured while a
// heavy import (20,000 genes x 40 conditions, streamed) and a heavy run (LSTM-SVM on 5,000 genes)
// are in progress. Prints throughput and p50/p95/p99 per scenario. Only 127.0.0.1 is targeted.
import { spawn } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { encodeRow, type PrismaClient } from "@exprlab/db";
import { createTestDatabase, startTestPostgres } from "@exprlab/db/testing";
import { signUpUser, startTestApi, TEST_RATE_LIMITS, type TestApi } from "../src/server/test-support.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONNECTIONS = 8;
const DATASETS = 50;
const RUNS_PER_DATASET = 4;
const GENES = 2_000;
const CONDITIONS = 24;
const BICLUSTERS_PER_RUN = 20;
const GENES_PER_BICLUSTER = 40;
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let state = 7;
const rand = () => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32);

async function seed(prisma: PrismaClient, teamId: string, userId: string): Promise<{ datasets: string[]; runs: string[] }> {
  const datasets: string[] = [];
  const runs: string[] = [];
  for (let d = 0; d < DATASETS; d++) {
    const dataset = await prisma.dataset.create({
      data: {
        teamId,
        createdById: userId,
        name: `bench dataset ${d}`,
        kind: "TIME_COURSE",
        format: "csv",
        geneCount: GENES,
        conditionCount: CONDITIONS,
        conditions: Array.from({ length: CONDITIONS }, (_, j) => ({ id: `t${j}`, time: j })),
      },
    });
    datasets.push(dataset.id);
    await prisma.datasetRow.createMany({
      data: Array.from({ length: GENES }, (_, i) => ({
        datasetId: dataset.id,
        index: i,
        gene: `GENE${i}`,
        values: encodeRow(Array.from({ length: CONDITIONS }, (_, j) => Math.sin(j / 4 + (i % 17)) * (i % 5) + rand())),
      })),
    });
    for (let r = 0; r < RUNS_PER_DATASET; r++) {
      const run = await prisma.run.create({
        data: { teamId, datasetId: dataset.id, createdById: userId, method: "lstm-svm", params: {}, seed: r, status: "SUCCEEDED", progress: 1, finishedAt: new Date() },
      });
      runs.push(run.id);
      // Ids made here so that one createMany writes a run's biclusters and one its genes.
      const biclusters = Array.from({ length: BICLUSTERS_PER_RUN }, (_, b) => ({
        id: `bench-${run.id}-${b}`,
        runId: run.id,
        teamId,
        index: b,
        geneCount: GENES_PER_BICLUSTER,
        conditionCount: 6,
        conditions: [0, 1, 2, 3, 4, 5],
        msr: rand(),
        silhouette: rand(),
        pValue: rand() / 100,
        meanProfile: Array.from({ length: CONDITIONS }, () => rand()),
      }));
      await prisma.bicluster.createMany({ data: biclusters });
      await prisma.biclusterGene.createMany({
        data: biclusters.flatMap((b) => {
          const start = Math.floor(rand() * (GENES - GENES_PER_BICLUSTER));
          return Array.from({ length: GENES_PER_BICLUSTER }, (_, k) => ({ biclusterId: b.id, gene: `GENE${start + k}`, geneIndex: start + k, silhouette: rand() }));
        }),
      });
    }
  }
  return { datasets, runs };
}

interface Figures {
  label: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** One bounded autocannon run; latencies from every response (autocannon's own table has no p95). */
async function load(label: string, options: autocannon.Options): Promise<Figures> {
  const times: number[] = [];
  let errors = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options }, (error, done) => (error ? reject(error) : resolve(done)));
    instance.on("response", (_client, status, _bytes, ms) => {
      times.push(ms);
      if (status >= 400) errors += 1;
    });
  });
  times.sort((a, b) => a - b);
  const seconds = result.duration || SECONDS;
  return { label, requests: times.length, errors: Math.max(errors, result.non2xx) + result.errors, rps: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
}

function gqlRequest(api: TestApi, token: string, query: string, variables: Record<string, unknown>): autocannon.Options {
  return {
    url: `${api.url}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  };
}

function table(rows: Figures[]): void {
  const pad = (s: string, n: number) => s.padEnd(n);
  const num = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : "-").padStart(8);
  console.log(`\n${pad("scenario", 52)}${"req/s".padStart(8)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"p99 ms".padStart(8)}${"n".padStart(8)}${"errors".padStart(8)}`);
  for (const r of rows) console.log(`${pad(r.label, 52)}${num(r.rps)}${num(r.p50)}${num(r.p95)}${num(r.p99)}${String(r.requests).padStart(8)}${String(r.errors).padStart(8)}`);
}

/** Streams a 20,000 x 40 CSV to /upload, slowly enough to last through the /health measurement. */
function heavyImport(api: TestApi, token: string, teamId: string): Promise<number> {
  return new Promise((resolve) => {
    const boundary = "----exprlab-bench";
    const req = http.request(`${api.url}/upload`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": `multipart/form-data; boundary=${boundary}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.write(
      `--${boundary}\r\nContent-Disposition: form-data; name="teamId"\r\n\r\n${teamId}\r\n--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\nheavy import\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="heavy.csv"\r\n\r\ngene,${Array.from({ length: 40 }, (_, j) => `t${j}`).join(",")}\n`,
    );
    let row = 0;
    const timer = setInterval(() => {
      const lines: string[] = [];
      for (let k = 0; k < 1_000 && row < 20_000; k++, row++) lines.push(`H${row},${Array.from({ length: 40 }, () => (rand() * 10).toFixed(3)).join(",")}`);
      req.write(lines.join("\n") + "\n");
      if (row >= 20_000) {
        clearInterval(timer);
        req.end(`\r\n--${boundary}--\r\n`);
      }
    }, (SECONDS * 1000) / 25);
  });
}

const server = await startTestPostgres();
const db = await createTestDatabase({ serverUrl: server.url });
// Sign-in limits as in tests; the per-account request rate off (one account makes all the load).
const api = await startTestApi(db.prisma, { rateLimits: { ...TEST_RATE_LIMITS, requestsPerAccount: { points: 1e9, seconds: 60 } } });
const children: ReturnType<typeof spawn>[] = [];
try {
  const u = await signUpUser(api, "Bench");
  const t0 = performance.now();
  const { datasets, runs } = await seed(db.prisma, u.teamId, u.userId);
  await db.prisma.$executeRawUnsafe("ANALYZE"); // fresh statistics, as autovacuum would give a real database
  console.log(
    `ExprLab API bench (node ${process.version}, ${SECONDS} s per scenario, ${CONNECTIONS} connections, loopback): seeded ${datasets.length} datasets (${GENES} x ${CONDITIONS}), ${runs.length} runs, ${runs.length * BICLUSTERS_PER_RUN} biclusters in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const figures: Figures[] = [];
  const run = runs[runs.length - 1] as string;
  figures.push(
    await load(
      "bicluster list of a run (first 20, by size)",
      gqlRequest(api, u.token, `query($r: ID!) { biclusters(runId: $r, first: 20) { totalCount nodes { id index geneCount conditionCount msr pValue silhouette } } }`, { r: run }),
    ),
  );
  figures.push(await load("gene search (prefix GENE12)", gqlRequest(api, u.token, `query($t: ID!) { geneSearch(teamId: $t, query: "GENE12") { gene datasetCount biclusterCount runCount } }`, { t: u.teamId })));
  // Cold builds: one per dataset, sequentially; then the cached heatmap under load.
  const cold: number[] = [];
  for (const d of datasets.slice(0, 5)) {
    const s = performance.now();
    const res = await api.gql(`query($d: ID!) { heatmap(datasetId: $d, maxGenes: 60) { genes } }`, { d }, u.token);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    cold.push(performance.now() - s);
  }
  cold.sort((a, b) => a - b);
  console.log(`heatmap (60 genes of ${GENES} x ${CONDITIONS}) first build: median ${percentile(cold, 50).toFixed(0)} ms over 5 datasets`);
  figures.push(await load("heatmap (60 genes, cached)", gqlRequest(api, u.token, `query($d: ID!) { heatmap(datasetId: $d, maxGenes: 60) { genes values zscores } }`, { d: datasets[0] })));
  let counter = 0;
  figures.push(
    await load("annotation write (a new gene each)", {
      ...gqlRequest(api, u.token, "", {}),
      requests: [
        {
          setupRequest: (req: autocannon.Request) => ({
            ...req,
            body: JSON.stringify({
              query: `mutation($i: AnnotationInput!) { upsertAnnotation(input: $i) { id version } }`,
              variables: { i: { teamId: u.teamId, gene: `BENCH${counter++}`, status: "CANDIDATE", note: "bench" } },
            }),
          }),
        },
      ],
    }),
  );
  figures.push(await load("/health (idle)", { url: `${api.url}/health`, connections: 2 }));

  // Heavy work in progress: a worker process running LSTM-SVM on a 5,000-gene dataset, and an import.
  const heavy = await db.prisma.dataset.create({
    data: { teamId: u.teamId, createdById: u.userId, name: "heavy", kind: "TIME_COURSE", format: "csv", geneCount: 5_000, conditionCount: 30, conditions: Array.from({ length: 30 }, (_, j) => ({ id: `t${j}`, time: j })) },
  });
  await db.prisma.datasetRow.createMany({
    data: Array.from({ length: 5_000 }, (_, i) => ({ datasetId: heavy.id, index: i, gene: `HV${i}`, values: encodeRow(Array.from({ length: 30 }, (_, j) => Math.sin(j / 5 + (i % 11)) + rand())) })),
  });
  const { NODE_OPTIONS: _ignored, ...parentEnv } = process.env;
  const worker = spawn(process.execPath, ["--import", "tsx", path.join(apiDir, "src", "worker", "main.ts")], {
    cwd: apiDir,
    env: { ...parentEnv, NODE_ENV: "test", DATABASE_URL: db.url, WORKER_CONCURRENCY: "1" },
    stdio: "ignore",
  });
  children.push(worker);
  const created = await api.gql<{ createRun: { id: string } }>(`mutation($d: ID!) { createRun(datasetId: $d, seed: 1) { id } }`, { d: heavy.id }, u.token);
  const heavyRun = created.data?.createRun.id;
  if (!heavyRun) throw new Error(JSON.stringify(created.errors));
  for (let i = 0; i < 300; i++) {
    if ((await db.prisma.run.findUniqueOrThrow({ where: { id: heavyRun } })).status === "RUNNING") break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const importing = heavyImport(api, u.token, u.teamId);
  figures.push(await load("/health during a heavy import and a heavy run", { url: `${api.url}/health`, connections: 2 }));
  const status = await importing;
  const runState = await db.prisma.run.findUniqueOrThrow({ where: { id: heavyRun } });
  table(figures);
  // What the trigram indexes (migration gene_search_trigram_indexes) do for the search's scan.
  const explain = async (indexes: boolean): Promise<number> =>
    db.prisma.$transaction(async (tx) => {
      if (!indexes) await tx.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off");
      const plan = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN ANALYZE SELECT r.gene, count(*) FROM "DatasetRow" r JOIN "Dataset" d ON d.id = r."datasetId" WHERE d."teamId" = $1 AND r.gene ILIKE 'GENE12%' GROUP BY r.gene`,
        u.teamId,
      );
      return Number(/Execution Time: ([\d.]+)/.exec(plan.map((p) => p["QUERY PLAN"]).join("\n"))?.[1]);
    });
  const withIndex: number[] = [];
  const without: number[] = [];
  for (let k = 0; k < 5; k++) {
    withIndex.push(await explain(true)); // interleaved, so that caches and load treat both alike
    without.push(await explain(false));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[2] as number;
  console.log(`gene search, dataset-row branch (EXPLAIN ANALYZE, median of 5): ${median(withIndex).toFixed(1)} ms with the trigram index, ${median(without).toFixed(1)} ms without`);
  console.log(`\nheavy import answered ${status}; heavy run ${runState.status} (progress ${(runState.progress * 100).toFixed(0)}%) when the measurement ended`);
} finally {
  for (const child of children) child.kill("SIGKILL");
  await api.close();
  await db.drop();
  await server.stop();
}
