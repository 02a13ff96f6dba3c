// Benchmark runs through the API and a real worker: a synthetic dataset with its planted truth,
// a benchmark whose members run as ordinary runs, aggregated when the last one ends; the mean and
// spread per method equal those computed by hand from the members' own scores.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_TEST_QUEUE_SETTINGS } from "../queue/settings.ts";
import { signUpUser, startTestApi, type SignedUp, type TestApi } from "../server/test-support.ts";
import { startWorker, type RunningWorker } from "../worker/worker.ts";

let db: TestDatabase;
let api: TestApi;
let user: SignedUp;
let worker: RunningWorker;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  user = await signUpUser(api);
  worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, concurrency: 2, queue: FAST_TEST_QUEUE_SETTINGS });
});
afterAll(async () => {
  await worker?.stop({ drainMs: 0 });
  await api?.close();
  await db?.drop();
});

interface Summary {
  method: string;
  runs: number;
  scores: { name: string; n: number; mean: number | null; sd: number | null; min: number | null; max: number | null }[];
}

describe("benchmark runs", () => {
  it("aggregates its member runs per method (mean, sample sd, min, max) against the planted truth", async () => {
    const made = await api.gql<{ createSyntheticDataset: { id: string; geneCount: number; truth: { source: string; biclusters: number } } }>(
      `mutation($t: ID!) { createSyntheticDataset(teamId: $t, design: "temporal", genes: 120, conditions: 10, biclusters: 2, genesPerBicluster: 30, seed: 3) { id geneCount truth { source biclusters labelledGenes } } }`,
      { t: user.teamId },
      user.token,
    );
    expect(made.errors).toBeUndefined();
    expect(made.data?.createSyntheticDataset).toMatchObject({ geneCount: 120, truth: { source: "planted", biclusters: 2 } });
    const datasetId = made.data!.createSyntheticDataset.id;

    const bad = await api.gql(`mutation($d: ID!) { createBenchmarkRun(datasetId: $d, methods: ["kmeans", "no-such"]) { id } }`, { d: datasetId }, user.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "method" });

    const created = await api.gql<{ createBenchmarkRun: { id: string; kind: string; status: string } }>(
      `mutation($d: ID!) { createBenchmarkRun(datasetId: $d, methods: ["kmeans", "cheng-church"], seeds: 2, k: 2, permutations: 9, seed: 1) { id kind status } }`,
      { d: datasetId },
      user.token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createBenchmarkRun).toMatchObject({ kind: "BENCHMARK", status: "RUNNING" });
    const id = created.data!.createBenchmarkRun.id;
    const members = await api.gql<{ runs: { nodes: { id: string; method: string; seed: number; kind: string }[] } }>(
      `query($p: ID!, $t: ID!) { runs(teamId: $t, parentId: $p) { nodes { id method seed kind } } }`,
      { p: id, t: user.teamId },
      user.token,
    );
    expect(members.data?.runs.nodes.map((m) => `${m.method}:${m.seed}`).sort()).toEqual(["cheng-church:1", "cheng-church:2", "kmeans:1", "kmeans:2"]);
    // members are not listed among the team's top-level runs
    const top = await api.gql<{ runs: { nodes: { id: string }[] } }>(`query($t: ID!) { runs(teamId: $t) { nodes { id } } }`, { t: user.teamId }, user.token);
    expect(top.data?.runs.nodes.map((n) => n.id)).toEqual([id]);

    let status = "RUNNING";
    for (let i = 0; i < 600 && status === "RUNNING"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await db.prisma.run.findUniqueOrThrow({ where: { id }, omit: { result: true } })).status;
    }
    expect(status).toBe("SUCCEEDED");
    const res = await api.gql<{ run: { progress: number; result: { truth: { source: string }; summary: Summary[]; members: { method: string; seed: number; scores: { name: string; value: number | null }[] }[] } } }>(
      `query($id: ID!) { run(id: $id) { progress result { ... on BenchmarkRunResult { methods seeds truth { source } scoreInfo { name help } summary { method label runs failed scores { name n mean sd min max } } members { method seed error scores { name value } } } } } }`,
      { id },
      user.token,
    );
    expect(res.errors).toBeUndefined();
    const result = res.data!.run.result;
    expect(result.truth.source).toBe("planted");
    for (const s of result.summary) {
      expect(s.runs).toBe(2);
      for (const score of ["f1", "accuracy", "msr", "consensus"]) {
        const values = result.members.filter((m) => m.method === s.method).map((m) => m.scores.find((x) => x.name === score)!.value!);
        const mean = (values[0]! + values[1]!) / 2;
        const sd = Math.abs(values[0]! - values[1]!) / Math.SQRT2; // sample sd of two values
        const got = s.scores.find((x) => x.name === score)!;
        expect(got.mean!).toBeCloseTo(mean, 10);
        expect(got.sd!).toBeCloseTo(sd, 10);
        expect(got.min).toBe(Math.min(...values));
        expect(got.max).toBe(Math.max(...values));
      }
    }
    const kmF1 = result.summary.find((s) => s.method === "kmeans")!.scores.find((x) => x.name === "f1")!;
    expect(kmF1.mean!).toBeGreaterThan(0.6);
  });
});
