import { describe, expect, it } from "vitest";
import { benchmarkResultSchema, type BiclusterResult } from "../analysis/envelope.ts";
import type { BenchmarkMember, MemberScores } from "../analysis/kinds/benchmark.ts";
import { runMethod } from "../analysis/run-method.ts";
import { InputError } from "../errors.ts";
import { METHODS } from "../methods/index.ts";
import { generateSynthetic, truthToJSON } from "../synth/index.ts";
import type { ExpressionMatrix } from "../types.ts";
import { aggregateBenchmark, summarise } from "./aggregate.ts";
import { benchmarkPayload, planBenchmark, runBenchmark } from "./run.ts";
import { formatBenchmarkTable } from "./table.ts";
import { scoreMember, zscoredProfiles } from "./score.ts";
import { parseGeneClasses, parseTruth, truthFromGroundTruth } from "./truth.ts";

const blank: MemberScores = {
  accuracy: null,
  precision: null,
  recall: null,
  f1: null,
  silhouette: null,
  profileSilhouette: null,
  msr: null,
  consensus: null,
  relevance: null,
  recovery: null,
  biclusters: null,
  seconds: null,
};
const member = (method: string, seed: number, scores: Partial<MemberScores> | null): BenchmarkMember => ({
  method,
  seed,
  params: {},
  scores: scores ? { ...blank, ...scores } : null,
  warnings: [],
  ...(scores ? {} : { error: "boom" }),
});

describe("aggregateBenchmark", () => {
  it("gives mean, sample sd, min and max per method and score (hand-computed)", () => {
    // f1 of "a": 0.5, 0.7, 0.9 -> mean 0.7, sd sqrt(((-0.2)^2 + 0 + 0.2^2) / 2) = 0.2
    // seconds of "a": 1, 2, 6 -> mean 3, sd sqrt((4 + 1 + 9) / 2) = sqrt(7)
    const members = [
      member("a", 0, { f1: 0.5, seconds: 1, biclusters: 4 }),
      member("b", 0, { f1: 0.4, seconds: 10 }),
      member("a", 1, { f1: 0.7, seconds: 2, biclusters: 4 }),
      member("a", 2, { f1: 0.9, seconds: 6, biclusters: 4 }),
      member("b", 1, null),
    ];
    const [a, b] = aggregateBenchmark(members);
    expect(a!.method).toBe("a");
    expect(a!.runs).toBe(3);
    expect(a!.failed).toBe(0);
    expect(a!.scores.f1.n).toBe(3);
    expect(a!.scores.f1.mean).toBeCloseTo(0.7, 12);
    expect(a!.scores.f1.sd).toBeCloseTo(0.2, 12);
    expect(a!.scores.f1.min).toBe(0.5);
    expect(a!.scores.f1.max).toBe(0.9);
    expect(a!.scores.seconds.mean).toBeCloseTo(3, 12);
    expect(a!.scores.seconds.sd).toBeCloseTo(Math.sqrt(7), 12);
    expect(a!.scores.biclusters).toEqual({ n: 3, mean: 4, sd: 0, min: 4, max: 4 });
    expect(a!.scores.consensus).toEqual({ n: 0, mean: null, sd: null, min: null, max: null });
    // one successful run: no spread; the failed run is counted, not averaged
    expect(b!.runs).toBe(2);
    expect(b!.failed).toBe(1);
    expect(b!.scores.f1).toEqual({ n: 1, mean: 0.4, sd: null, min: 0.4, max: 0.4 });
  });

  it("prints mean ± sd per method, only the scores some method has, and failed runs as ok/total", () => {
    const payload = benchmarkPayload(matrixOf(["a", "b"]), null, [member("a", 0, { f1: 0.5, seconds: 1 }), member("a", 1, { f1: 0.7, seconds: 2 }), member("b", 0, null), member("b", 1, { f1: 0.25, seconds: 12 })]);
    const lines = formatBenchmarkTable(payload).split("\n");
    expect(lines[0]).toMatch(/^method\s+runs\s+F1\s+seconds$/);
    expect(lines[1]).toMatch(/^a\s+2\s+0\.600±0\.141\s+1\.50±0\.71$/);
    expect(lines[2]).toMatch(/^b\s+1\/2\s+0\.250\s+12\.0$/);
  });

  it("summarise ignores nulls and non-finite values", () => {
    expect(summarise([1, null, 3, Number.NaN])).toEqual({ n: 2, mean: 2, sd: Math.SQRT2, min: 1, max: 3 });
  });
});

function tinyResult(labels: number[], biclusters: { genes: number[]; conditions: number[] }[], seconds: number): BiclusterResult {
  return {
    schemaVersion: 2,
    kind: "BICLUSTER",
    method: "x",
    params: {},
    seed: 0,
    versions: { core: "0", node: "v0" },
    backend: null,
    stages: [],
    totalSeconds: seconds,
    warnings: [],
    resumed: [],
    payload: {
      input: { genes: labels.length, conditions: 4, geneIds: [], conditionIds: [], timed: false },
      preprocess: { report: {}, keptGenes: labels.length },
      kChoice: null,
      metrics: { silhouette: 0.5, msrMean: 0.2, pValueMedian: null, biclusters: biclusters.length, assignedGenes: 0, unassignedGenes: 0 },
      biclusters: biclusters.map((b) => ({ ...b, msr: 0.2, silhouette: null, pValue: null, meanProfile: [] })),
      labels,
      details: {},
    },
  };
}

describe("scoreMember", () => {
  it("scores a tiny result by hand: matched gene scores, consensus, Prelic relevance and recovery", () => {
    // truth: genes 0-2 class 0 on conditions 0-1, genes 3-5 class 1 on 2-3, genes 6-7 background
    const truth = { labels: [0, 0, 0, 1, 1, 1, -1, -1], biclusters: [{ genes: [0, 1, 2], conditions: [0, 1] }, { genes: [3, 4, 5], conditions: [2, 3] }], classNames: null, source: "planted" as const };
    // found: genes 0-2 exactly (cluster 5), genes 3,4 + background gene 6 on conditions 2-3 (cluster 7); 5 and 7 unassigned
    const result = tinyResult([5, 5, 5, 7, 7, -1, 7, -1], [{ genes: [0, 1, 2], conditions: [0, 1] }, { genes: [3, 4, 6], conditions: [2, 3] }], 1.5);
    const s = scoreMember(result, truth);
    // correct: 3 (class 0) + 2 (class 1) + gene 7 (unassigned background) = 6 of 8
    expect(s.accuracy).toBeCloseTo(6 / 8, 12);
    // per class precision/recall: class 0: 1/1; class 1: 2/3, 2/3; background (unassigned pool {5, 7}): 1/2, 1/2
    expect(s.precision).toBeCloseTo((1 + 2 / 3 + 1 / 2) / 3, 12);
    expect(s.recall).toBeCloseTo((1 + 2 / 3 + 1 / 2) / 3, 12);
    // cells: bicluster 1 = 6 of 6; bicluster 2: 4 shared cells of 6 + 6 - 4 = 8
    expect(s.consensus).toBeCloseTo((1 + 4 / 8) / 2, 12);
    // genes: Jaccard 1 and 2/4
    expect(s.relevance).toBeCloseTo(0.75, 12);
    expect(s.recovery).toBeCloseTo(0.75, 12);
    expect(s.biclusters).toBe(2);
    expect(s.seconds).toBe(1.5);
    expect(s.silhouette).toBe(0.5);
    expect(s.msr).toBe(0.2);
    expect(s.profileSilhouette).toBeNull();
    // without truth: only the truth-free scores; gene classes: no consensus (no conditions)
    const none = scoreMember(result, null);
    expect([none.accuracy, none.consensus, none.relevance]).toEqual([null, null, null]);
    const classes = scoreMember(result, { ...truth, biclusters: null, source: "gene-classes" });
    expect(classes.consensus).toBeNull();
    expect(classes.recovery).toBeCloseTo(0.75, 12);
  });
});

const matrixOf = (genes: string[], m = 3): ExpressionMatrix => ({
  genes,
  conditions: Array.from({ length: m }, (_, j) => ({ id: `c${j}` })),
  values: Float64Array.from({ length: genes.length * m }, (_, i) => i % 7),
});

describe("truth files", () => {
  it("reads a gene-class table: header in any order, background names, unknown genes reported, errors with lines", () => {
    const matrix = matrixOf(["g1", "g2", "g3", "g4", "g5"]);
    const { truth, unknownGenes } = parseGeneClasses("Class;Gene\nup;g2\ndown;g1\nup;g4\nbackground;g5\nup;gX\n", matrix);
    expect(truth.labels).toEqual([1, 0, -1, 0, -1]);
    expect(truth.classNames).toEqual(["up", "down"]);
    expect(truth.biclusters).toBeNull();
    expect(unknownGenes).toEqual(["gX"]);
    expect(() => parseGeneClasses("id,label\ng1,a\n", matrix)).toThrow(/header/);
    expect(() => parseGeneClasses("gene,class\ng1,a\ng1,b\n", matrix)).toThrow(expect.objectContaining({ location: expect.objectContaining({ line: 3 }) }) as Error);
    expect(() => parseGeneClasses("gene,class\nzz,a\n", matrix)).toThrow(InputError);
  });

  it("reads synth's truth JSON, matched by gene id when the matrix lists genes in another order", () => {
    const { matrix, truth } = generateSynthetic({ seed: 2, genes: 40, timePoints: 10, biclusters: 2, genesPerBicluster: 8 });
    const order = matrix.genes.map((_, i) => (i * 7) % 40);
    const shuffled: ExpressionMatrix = { ...matrix, genes: order.map((i) => matrix.genes[i]!) };
    const read = parseTruth(JSON.stringify(truthToJSON(truth)), shuffled).truth;
    order.forEach((orig, i) => expect(read.labels[i]).toBe(truth.labels[orig]));
    for (const [b, planted] of truth.biclusters.entries()) expect(read.biclusters![b]!.genes.map((g) => order[g])).toEqual(expect.arrayContaining(planted.genes));
    expect(() => truthFromGroundTruth({ ...truth, geneIds: undefined, labels: [0] }, matrix)).toThrow(/labels/);
  });
});

describe("planBenchmark / runBenchmark", () => {
  it("plans members: shared K where it applies, a note where it does not, errors name the method's parameter", () => {
    const plan = planBenchmark({ registry: METHODS, methods: ["kmeans", "cheng-church"], seeds: 3, firstSeed: 10, shared: { k: "auto" }, params: { "cheng-church": { delta: 0.3 } } });
    expect(plan.map((p) => `${p.method}:${p.seed}`)).toEqual(["kmeans:10", "kmeans:11", "kmeans:12", "cheng-church:10", "cheng-church:11", "cheng-church:12"]);
    expect(plan[0]!.params).toEqual({ k: "auto" });
    expect(plan[3]!.params).toEqual({ delta: 0.3 });
    expect(plan[3]!.notes[0]).toMatch(/k = "auto" does not apply to cheng-church/);
    expect(() => planBenchmark({ registry: METHODS, methods: ["kmeans"], params: { kmeans: { k: 0 } } })).toThrow(expect.objectContaining({ location: { field: "params.kmeans.k" } }) as Error);
    expect(() => planBenchmark({ registry: METHODS, methods: ["nope"] })).toThrow(/unknown method/);
    expect(() => planBenchmark({ registry: METHODS, methods: ["benchmark"] })).toThrow(/not a biclustering method/);
    expect(() => planBenchmark({ registry: METHODS, methods: ["kmeans"], params: { plaid: {} } })).toThrow(/not among the methods/);
  });

  it("runs every method x seed on planted data, with progress over all members, and aggregates", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 4, genes: 150, timePoints: 10, biclusters: 2, genesPerBicluster: 30 });
    const overall: number[] = [];
    const payload = await runBenchmark(
      { matrix },
      {
        registry: METHODS,
        methods: ["kmeans", "cheng-church"],
        seeds: 2,
        truth: truthFromGroundTruth(truth, matrix, "planted"),
        shared: { k: 2, permutations: 19 },
        onProgress: (e) => overall.push(e.overall),
      },
    );
    expect(payload.members.map((m) => `${m.method}:${m.seed}`)).toEqual(["kmeans:0", "kmeans:1", "cheng-church:0", "cheng-church:1"]);
    expect(payload.summary.map((s) => s.method)).toEqual(["kmeans", "cheng-church"]);
    for (let i = 1; i < overall.length; i++) expect(overall[i]!).toBeGreaterThanOrEqual(overall[i - 1]! - 1e-12);
    expect(overall.at(-1)).toBe(1);
    const km = payload.summary[0]!.scores;
    expect(km.f1.n).toBe(2);
    expect(km.f1.mean!).toBeGreaterThan(0.8); // the aggregation is under test here; recovery has its own tests
    expect(km.profileSilhouette.mean).not.toBeNull();
    expect(payload.truth).toEqual({ source: "planted", classes: 2, labelledGenes: 60, biclusters: 2, classNames: null });
    // the profile silhouette is the same space for every method
    expect(zscoredProfiles(matrix).dim).toBe(10);
  });

  it("is the registered BENCHMARK method: a valid versioned result, member failures recorded, not fatal", async () => {
    const { matrix, truth } = generateSynthetic({ seed: 5, genes: 100, timePoints: 8, biclusters: 2, genesPerBicluster: 25 });
    const bench = METHODS.require("benchmark");
    const params = { methods: ["kmeans", "spectral"], seeds: 1, permutations: 19, memberParams: JSON.stringify({ spectral: { components: 8 } }) };
    const res = await runMethod<"BENCHMARK">(bench, { matrix, truth: truthFromGroundTruth(truth, matrix, "planted") }, params, { seed: 3 });
    const parsed = benchmarkResultSchema.parse(JSON.parse(JSON.stringify(res)));
    expect(parsed.payload.seeds).toEqual([3]);
    const spectral = parsed.payload.members.find((m) => m.method === "spectral")!;
    expect(spectral.scores).toBeNull();
    expect(spectral.error).toMatch(/singular vectors/);
    expect(parsed.payload.summary[1]).toMatchObject({ method: "spectral", runs: 1, failed: 1 });
    await expect(runMethod(bench, { matrix }, { memberParams: "{not json" })).rejects.toMatchObject({ location: { field: "memberParams" } });
  });
});
