// Reading data: matrix slices, the clustered heatmap, biclusters (filter, sort, cursor pages),
// a bicluster's genes/conditions/submatrix/profiles, run comparison, dataset genes; limits and
// error masking; and the latency of a typical bicluster query (printed).
import { encodeRow } from "@exprlab/db";
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedRun, signUpUser, startTestApi, type SeededDataset, type SeededRun, type SignedUp, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let u: SignedUp;
let ds: SeededDataset;
let runA: SeededRun;
let runB: SeededRun;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  u = await signUpUser(api, "Reader");
  ds = await seedDataset(db.prisma, u.teamId, u.userId, { genes: Array.from({ length: 30 }, (_, i) => `G${String(i).padStart(2, "0")}`), conditions: 8 });
  // Missing value in G05 at condition 2.
  const row = [...ds.values[5]!];
  row[2] = NaN;
  await db.prisma.datasetRow.update({ where: { datasetId_index: { datasetId: ds.dataset.id, index: 5 } }, data: { values: encodeRow(row) } });
  ds.values[5] = row;
  runA = await seedRun(db.prisma, ds, u.userId, [[0, 1, 2, 3, 4], [5, 6, 7], [8, 9, 10, 11, 12, 13], [14, 15]], {
    msr: [0.4, 0.1, 0.3, 0.2],
    pValue: [0.001, null, 0.04, 0.2],
    metrics: { silhouette: 0.61, biclusters: 4 },
  });
  runB = await seedRun(db.prisma, ds, u.userId, [[0, 1, 2, 3], [8, 9, 10, 11, 12, 20], [25, 26]], { metrics: { silhouette: 0.55 } });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe("matrix slices and heatmap", () => {
  it("slices a gene range and a condition range from the float32 rows", async () => {
    const res = await api.gql<{ matrixSlice: { genes: string[]; geneIndices: number[]; conditions: { id: string; time: number }[]; values: (number | null)[][] } }>(
      `query($d: ID!) { matrixSlice(datasetId: $d, geneOffset: 4, geneLimit: 3, conditionStart: 1, conditionEnd: 4) { genes geneIndices conditions { id time } values } }`,
      { d: ds.dataset.id },
      u.token,
    );
    const s = res.data!.matrixSlice;
    expect(s.genes).toEqual(["G04", "G05", "G06"]);
    expect(s.conditions.map((c) => c.id)).toEqual(["t1", "t2", "t3"]);
    expect(s.values[1]![1]).toBeNull();
    s.values.forEach((r, i) => r.forEach((v, j) => v !== null && expect(v).toBeCloseTo(ds.values[4 + i]![1 + j]!, 5)));
  });

  it("slices named genes and rejects unknown ones and oversize ranges naming the field", async () => {
    const q = `query($d: ID!, $g: [String!], $e: Int) { matrixSlice(datasetId: $d, genes: $g, conditionEnd: $e) { genes values } }`;
    const res = await api.gql<{ matrixSlice: { genes: string[]; values: number[][] } }>(q, { d: ds.dataset.id, g: ["G10", "G01"] }, u.token);
    expect(res.data?.matrixSlice.genes).toEqual(["G10", "G01"]);
    expect(res.data?.matrixSlice.values[0]![0]).toBeCloseTo(ds.values[10]![0]!, 5);
    expect((await api.gql(q, { d: ds.dataset.id, g: ["NOPE"] }, u.token)).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "genes" });
    expect((await api.gql(q, { d: ds.dataset.id, e: 99 }, u.token)).errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "conditionEnd" });
  });

  it("heatmap: the most variable genes, correlated genes adjacent, z-scores per row", async () => {
    const res = await api.gql<{ heatmap: { genes: string[]; values: (number | null)[][]; zscores: (number | null)[][]; conditions: { index: number }[]; ordering: string } }>(
      `query($d: ID!) { heatmap(datasetId: $d, maxGenes: 10) { genes geneIndices values zscores conditions { index } ordering } }`,
      { d: ds.dataset.id },
      u.token,
    );
    const h = res.data!.heatmap;
    expect(h.genes).toHaveLength(10);
    expect(h.conditions.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // Rising genes (i % 3 == 0) and falling genes (i % 3 == 1) have the largest variance; each group is contiguous.
    const kind = h.genes.map((g) => Number(g.slice(1)) % 3);
    expect(kind.every((k) => k !== 2)).toBe(true);
    const switches = kind.slice(1).filter((k, i) => k !== kind[i]).length;
    expect(switches).toBe(1);
    for (const z of h.zscores) {
      const finite = z.filter((v): v is number => v !== null);
      expect(finite.reduce((s, v) => s + v, 0) / finite.length).toBeCloseTo(0, 5);
    }
    expect((await api.gql(`query($d: ID!) { heatmap(datasetId: $d, maxGenes: 1000) { genes } }`, { d: ds.dataset.id }, u.token)).errors?.[0]?.extensions?.field).toBe("maxGenes");
  });

  it("pages through a dataset's genes with a prefix filter", async () => {
    const q = `query($d: ID!, $after: String) { dataset(id: $d) { geneCount conditions { id time } genes(first: 7, after: $after, prefix: "g1") { totalCount nodes { index gene } pageInfo { hasNextPage endCursor } } } }`;
    const p1 = await api.gql<{ dataset: { genes: { totalCount: number; nodes: { gene: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>(q, { d: ds.dataset.id }, u.token);
    const g1 = p1.data!.dataset.genes;
    expect(g1.totalCount).toBe(10);
    expect(g1.nodes.map((n) => n.gene)).toEqual(["G10", "G11", "G12", "G13", "G14", "G15", "G16"]);
    const p2 = await api.gql<typeof p1.data>(q, { d: ds.dataset.id, after: g1.pageInfo.endCursor }, u.token);
    expect(p2.data!.dataset.genes.nodes.map((n) => n.gene)).toEqual(["G17", "G18", "G19"]);
    expect(p2.data!.dataset.genes.pageInfo.hasNextPage).toBe(false);
    expect((await api.gql(q, { d: ds.dataset.id, after: "garbage" }, u.token)).errors?.[0]?.extensions?.field).toBe("after");
  });
});

describe("biclusters", () => {
  const LIST = `query($r: ID!, $sort: BiclusterSort, $min: Int, $maxP: Float, $first: Int, $after: String, $rev: Boolean) {
    biclusters(runId: $r, sort: $sort, minGenes: $min, maxPValue: $maxP, first: $first, after: $after, reverse: $rev) {
      totalCount nodes { index geneCount msr pValue } pageInfo { hasNextPage endCursor } } }`;
  type ListData = { biclusters: { totalCount: number; nodes: { index: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };
  const order = async (vars: Record<string, unknown>) => (await api.gql<ListData>(LIST, { r: runA.run.id, ...vars }, u.token)).data!.biclusters.nodes.map((n) => n.index);

  it("sorts by size, msr, p-value (nulls last) and filters", async () => {
    expect(await order({})).toEqual([2, 0, 1, 3]);
    expect(await order({ sort: "MSR" })).toEqual([1, 3, 2, 0]);
    expect(await order({ sort: "P_VALUE" })).toEqual([0, 2, 3, 1]);
    expect(await order({ sort: "P_VALUE", rev: true })).toEqual([3, 2, 0, 1]);
    expect(await order({ sort: "SILHOUETTE" })).toEqual([0, 1, 2, 3]);
    expect(await order({ min: 4 })).toEqual([2, 0]);
    expect(await order({ maxP: 0.05, sort: "INDEX" })).toEqual([0, 2]);
  });

  it("pages with cursors without skipping or repeating (nullable sort key)", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: { data?: ListData | null } = await api.gql<ListData>(LIST, { r: runA.run.id, sort: "P_VALUE", first: 1, after }, u.token);
      const page: ListData["biclusters"] = res.data!.biclusters;
      seen.push(...page.nodes.map((n) => n.index));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 2, 3, 1]);
  });

  it("a bicluster with genes, conditions, submatrix and member profiles; by gene; run fields", async () => {
    const b = runA.biclusters[1]!;
    const res = await api.gql<{
      bicluster: {
        genes: { gene: string; geneIndex: number }[];
        conditions: { id: string }[];
        conditionIndices: number[];
        meanProfile: number[];
        matrix: { genes: string[]; values: (number | null)[][] };
        memberProfiles: { gene: string; values: (number | null)[]; zscores: (number | null)[] }[];
        run: { id: string; biclusterCount: number; durationSeconds: number; result: { metrics: { silhouette: number } }; dataset: { id: string } };
      };
    }>(
      `query($id: ID!) { bicluster(id: $id) {
        genes { gene geneIndex silhouette annotationStatus } conditions { id } conditionIndices meanProfile
        matrix { genes values conditions { index } } memberProfiles { gene values zscores }
        run { id biclusterCount durationSeconds result { ... on BiclusterRunResult { metrics { silhouette } } } createdBy { id } dataset { id } } } }`,
      { id: b.id },
      u.token,
    );
    expect(res.errors).toBeUndefined();
    const d = res.data!.bicluster;
    expect(d.genes.map((g) => g.gene).sort()).toEqual(["G05", "G06", "G07"]);
    expect(d.conditions.map((c) => c.id)).toEqual(["t0", "t1", "t2"]);
    expect(d.meanProfile).toHaveLength(8);
    const g05 = d.matrix.genes.indexOf("G05");
    expect(d.matrix.values[g05]).toHaveLength(3);
    expect(d.matrix.values[g05]![2]).toBeNull();
    expect(d.matrix.values[g05]![0]).toBeCloseTo(ds.values[5]![0]!, 5);
    const profile = d.memberProfiles.find((p) => p.gene === "G06")!;
    expect(profile.values).toHaveLength(8);
    expect(profile.values[7]).toBeCloseTo(ds.values[6]![7]!, 5);
    expect(d.run).toMatchObject({ id: runA.run.id, biclusterCount: 4, result: { metrics: { silhouette: 0.61 } }, dataset: { id: ds.dataset.id } });

    const byGene = await api.gql<{ biclustersByGene: { totalCount: number; nodes: { id: string; run: { id: string } }[] } }>(
      `query($t: ID!) { biclustersByGene(teamId: $t, gene: "G09") { totalCount nodes { id run { id } } } }`,
      { t: u.teamId },
      u.token,
    );
    expect(byGene.data?.biclustersByGene.totalCount).toBe(2);
    expect(byGene.data?.biclustersByGene.nodes.map((n) => n.run.id).sort()).toEqual([runA.run.id, runB.run.id].sort());
  });

  it("compares two runs: pairs by optimal Jaccard matching, consensus, recovery", async () => {
    const res = await api.gql<{
      compareRuns: {
        sameDataset: boolean;
        pairs: { aIndex: number; bIndex: number; jaccard: number; sharedGenes: number }[];
        consensus: { genes: string[]; jaccard: number }[];
        recoveryAInB: number;
        unmatchedA: number;
        unmatchedB: number;
      };
    }>(
      `query($a: ID!, $b: ID!) { compareRuns(a: $a, b: $b, threshold: 0.5) { sameDataset pairs { aIndex bIndex jaccard sharedGenes } consensus { genes jaccard } recoveryAInB recoveryBInA unmatchedA unmatchedB } }`,
      { a: runA.run.id, b: runB.run.id },
      u.token,
    );
    const c = res.data!.compareRuns;
    expect(c.sameDataset).toBe(true);
    expect(c.pairs).toEqual([
      { aIndex: 0, bIndex: 0, jaccard: 0.8, sharedGenes: 4 },
      { aIndex: 2, bIndex: 1, jaccard: 5 / 7, sharedGenes: 5 },
    ]);
    expect(c.consensus.map((x) => x.genes)).toEqual([["G00", "G01", "G02", "G03"], ["G08", "G09", "G10", "G11", "G12"]]);
    expect(c.recoveryAInB).toBeCloseTo((0.8 + 0 + 5 / 7 + 0) / 4, 10);
    expect([c.unmatchedA, c.unmatchedB]).toEqual([2, 1]);
  });
});

describe("limits and errors", () => {
  it("rejects queries deeper than the limit", async () => {
    const deep = `query($id: ID!) { bicluster(id: $id) { run { biclusters(first: 1) { nodes { run { biclusters(first: 1) { nodes { run { biclusters(first: 1) { nodes { run { dataset { createdBy { id } } } } } } } } } } } } } }`;
    const res = await api.gql(deep, { id: runA.biclusters[0]!.id }, u.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
  });

  it("rejects queries that are too complex", async () => {
    const res = await api.gql(
      `query($t: ID!) { datasets(teamId: $t, first: 100) { nodes { genes(first: 100) { nodes { gene index annotations } } } } }`,
      { t: u.teamId },
      u.token,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
  });

  it("validation errors keep GraphQL's codes; page size is checked", async () => {
    const res = await api.gql(`{ nope }`, {}, u.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const big = await api.gql(`query($t: ID!) { datasets(teamId: $t, first: 1000) { totalCount } }`, { t: u.teamId }, u.token);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "first" });
  });

  it("/health answers", async () => {
    const res = await fetch(`${api.url}/health`);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("latency of a typical bicluster query (printed)", () => {
  it("bicluster page: genes with annotation status, submatrix and profiles, on 2,000 x 100", async () => {
    const genes = Array.from({ length: 2000 }, (_, i) => `L${i}`);
    const big = await seedDataset(db.prisma, u.teamId, u.userId, { genes, conditions: 100, name: "latency" });
    const sets = Array.from({ length: 20 }, (_, k) => Array.from({ length: 50 }, (_, i) => k * 50 + i));
    const run = await seedRun(db.prisma, big, u.userId, sets);
    await db.prisma.annotation.createMany({
      data: genes.slice(0, 200).map((gene) => ({ teamId: u.teamId, gene, status: "CANDIDATE" as const, authorId: u.userId })),
    });
    const q = `query($id: ID!) { bicluster(id: $id) { id geneCount msr pValue meanProfile conditions { id time }
      genes { gene silhouette annotationStatus } matrix { genes values } memberProfiles { gene zscores } run { id method status } } }`;
    const list = `query($r: ID!) { biclusters(runId: $r, sort: P_VALUE, first: 20) { totalCount nodes { id index geneCount msr silhouette pValue } } }`;
    const time = async (fn: () => Promise<unknown>, n: number) => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await fn();
        ms.push(performance.now() - t0);
      }
      ms.sort((x, y) => x - y);
      return { p50: ms[Math.floor(n / 2)]!, max: ms[n - 1]! };
    };
    const first = await api.gql<{ bicluster: { genes: unknown[]; matrix: { values: unknown[][] } } }>(q, { id: run.biclusters[3]!.id }, u.token);
    expect(first.data?.bicluster.genes).toHaveLength(50);
    expect(first.data?.bicluster.matrix.values[0]).toHaveLength(3);
    const detail = await time(() => api.gql(q, { id: run.biclusters[3]!.id }, u.token), 15);
    const listing = await time(() => api.gql(list, { r: run.run.id }, u.token), 15);
    const byGene = await time(() => api.gql(`query($t: ID!) { biclustersByGene(teamId: $t, gene: "L123") { totalCount nodes { id geneCount } } }`, { t: u.teamId }, u.token), 15);
    const search = await time(() => api.gql(`query($t: ID!) { geneSearch(teamId: $t, query: "L12") { gene datasetCount biclusterCount } }`, { t: u.teamId }, u.token), 15);
    const heat = await time(() => api.gql(`query($d: ID!) { heatmap(datasetId: $d, maxGenes: 100) { genes } }`, { d: big.dataset.id }, u.token), 1);
    console.log(
      `[latency over HTTP, 2,000 x 100 dataset, 20 biclusters x 50 genes] bicluster detail p50 ${detail.p50.toFixed(1)} ms (max ${detail.max.toFixed(1)}), ` +
        `biclusters list p50 ${listing.p50.toFixed(1)} ms, biclustersByGene p50 ${byGene.p50.toFixed(1)} ms, geneSearch p50 ${search.p50.toFixed(1)} ms, ` +
        `heatmap (100 genes, uncached) ${heat.p50.toFixed(0)} ms`,
    );
    expect(detail.p50).toBeLessThan(2000);
  });
});
