// Classifier and regression runs through the API and a real worker: a labelled dataset (classes in
// its sample metadata), limma between two groups saved as a DE table, a classifier run and a
// regression run on it, each with its typed result; bad requests named by field.
import { generateSynthetic, moderatedTTest } from "@exprlab/core";
import { encodeRow } from "@exprlab/db";
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAST_TEST_QUEUE_SETTINGS } from "../queue/settings.ts";
import { signUpUser, startTestApi, type SignedUp, type TestApi } from "../server/test-support.ts";
import { startWorker, type RunningWorker } from "../worker/worker.ts";

let db: TestDatabase;
let api: TestApi;
let user: SignedUp;
let worker: RunningWorker;
let datasetId: string;

/** 60 genes x 24 samples, classes A/B (12 each); genes 0-5 are higher in B. */
function labelled() {
  const { matrix } = generateSynthetic({ seed: 5, genes: 60, timePoints: 24, biclusters: 1, genesPerBicluster: 10 });
  const groups = Array.from({ length: 24 }, (_, j) => (j % 2 === 0 ? "A" : "B"));
  for (let g = 0; g < 6; g++) for (let j = 0; j < 24; j++) if (groups[j] === "B") matrix.values[g * 24 + j]! += 3;
  matrix.conditions = matrix.conditions.map((c, j) => ({ id: `s${j + 1}`, group: groups[j]!, fields: { batch: j < 12 ? "1" : "2" } }));
  return { matrix, groups };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma); // the worker finds the runs by polling (no NOTIFY from the memory queue)
  user = await signUpUser(api);
  const { matrix } = labelled();
  const dataset = await db.prisma.dataset.create({
    data: {
      teamId: user.teamId,
      createdById: user.userId,
      name: "labelled",
      kind: "SAMPLES",
      format: "csv",
      geneCount: matrix.genes.length,
      conditionCount: matrix.conditions.length,
      conditions: matrix.conditions as never,
      rows: { create: matrix.genes.map((gene, i) => ({ index: i, gene, values: encodeRow(Array.from(matrix.values.subarray(i * 24, (i + 1) * 24))) })) },
    },
  });
  datasetId = dataset.id;
  worker = await startWorker({ databaseUrl: db.url, prisma: db.prisma, concurrency: 1, queue: FAST_TEST_QUEUE_SETTINGS });
});
afterAll(async () => {
  await worker?.stop({ drainMs: 0 });
  await api?.close();
  await db?.drop();
});

async function waitFor(runId: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const run = await db.prisma.run.findUniqueOrThrow({ where: { id: runId }, omit: { result: true } });
    if (["SUCCEEDED", "FAILED", "CANCELED"].includes(run.status)) return `${run.status}${run.error ? `: ${run.error}` : ""}`;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("run did not finish");
}

describe("labelled datasets", () => {
  it("lists the sample-metadata columns and the class balance", async () => {
    const res = await api.gql<{ dataset: { sampleColumns: string[]; classBalance: { class: string; count: number }[] } }>(
      `query($id: ID!) { dataset(id: $id) { sampleColumns classBalance(column: "group") { class count fraction } } }`,
      { id: datasetId },
      user.token,
    );
    expect(res.data?.dataset.sampleColumns).toEqual(["group", "batch"]);
    expect(res.data?.dataset.classBalance).toEqual([
      { class: "A", count: 12, fraction: 0.5 },
      { class: "B", count: 12, fraction: 0.5 },
    ]);
  });
});

describe("classifier runs", () => {
  it("refuses a missing label column or a bicluster method, naming the field", async () => {
    const create = `mutation($d: ID!, $c: String!, $m: String) { createClassifyRun(datasetId: $d, labelColumn: $c, method: $m) { id } }`;
    const noColumn = await api.gql(create, { d: datasetId, c: "diagnosis" }, user.token);
    expect(noColumn.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "labelColumn" });
    expect(noColumn.errors?.[0]?.message).toMatch(/available: group, batch/);
    const wrongKind = await api.gql(create, { d: datasetId, c: "group", m: "kmeans" }, user.token);
    expect(wrongKind.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "method" });
  });

  it("trains an SVM on the classes and returns typed scores, confusion matrix and ROC curves", async () => {
    const res = await api.gql<{ createClassifyRun: { id: string; kind: string; labelColumn: string } }>(
      `mutation($d: ID!) { createClassifyRun(datasetId: $d, labelColumn: "group", method: "svm-classifier", seed: 3) { id kind labelColumn } }`,
      { d: datasetId },
      user.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createClassifyRun).toMatchObject({ kind: "CLASSIFY", labelColumn: "group" });
    expect(await waitFor(res.data!.createClassifyRun.id)).toBe("SUCCEEDED");
    const run = await api.gql<{ run: { result: { classes: string[]; metrics: { accuracy: number; perClass: { class: string; support: number }[]; confusion: { classes: string[]; counts: number[][] }; roc: { auc: number | null }[] } } } }>(
      `query($id: ID!) { run(id: $id) { result { ... on ClassifyRunResult { classes metrics { accuracy integratedF1 rocAuc perClass { class f1 support } confusion { classes counts } roc { class auc points { fpr tpr } } } predictions { sample truth predicted } } } } }`,
      { id: res.data!.createClassifyRun.id },
      user.token,
    );
    expect(run.errors).toBeUndefined();
    const r = run.data!.run.result;
    expect(r.classes).toEqual(["A", "B"]);
    expect(r.metrics.accuracy).toBeGreaterThan(0.8); // six genes shifted by 3 sd separate the classes
    const counts = r.metrics.confusion.counts;
    expect(counts.flat().reduce((a, b) => a + b, 0)).toBe(r.metrics.perClass.reduce((a, c) => a + c.support, 0));
  });
});

describe("a real labelled cohort through the API", () => {
  // Bioconductor's ALL (Chiaretti et al. 2004): 128 acute lymphoblastic leukaemia samples, the 500
  // most variable probes, exported by packages/core/test/fixtures/all/make-all-fixture.R.
  const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../packages/core/test/fixtures/all");

  it("imports ALL with its sample sheet and tells B from T lineage with an SVM", async () => {
    const form = new FormData();
    form.append("teamId", user.teamId);
    form.append("name", "ALL top 500");
    form.append("kind", "SAMPLES");
    form.append("sampleSheet", readFileSync(path.join(fixtures, "all-samples.csv"), "utf8"));
    form.append("file", new Blob([new Uint8Array(readFileSync(path.join(fixtures, "all-top500.csv.gz")))]), "all-top500.csv.gz");
    const res = await fetch(`${api.url}/upload`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body: form });
    const body = (await res.json()) as { dataset?: { id: string }; error?: unknown };
    expect(res.status, JSON.stringify(body)).toBe(201);
    const id = body.dataset!.id;
    const balance = await api.gql<{ dataset: { geneCount: number; sampleColumns: string[]; classBalance: { class: string; count: number }[] } }>(
      `query($id: ID!) { dataset(id: $id) { geneCount sampleColumns classBalance(column: "lineage") { class count } } }`,
      { id },
      user.token,
    );
    expect(balance.data?.dataset).toMatchObject({ geneCount: 500, classBalance: [{ class: "B", count: 95 }, { class: "T", count: 33 }] });
    expect(balance.data?.dataset.sampleColumns).toEqual(expect.arrayContaining(["lineage", "stage"]));

    const created = await api.gql<{ createClassifyRun: { id: string } }>(
      `mutation($d: ID!) { createClassifyRun(datasetId: $d, labelColumn: "lineage", method: "svm-classifier", seed: 1) { id } }`,
      { d: id },
      user.token,
    );
    expect(created.errors).toBeUndefined();
    const t0 = performance.now();
    expect(await waitFor(created.data!.createClassifyRun.id)).toBe("SUCCEEDED");
    const run = await api.gql<{ run: { result: { metrics: { accuracy: number; macroF1: number; rocAuc: number | null } } } }>(
      `query($id: ID!) { run(id: $id) { result { ... on ClassifyRunResult { metrics { accuracy macroF1 rocAuc } } } } }`,
      { id: created.data!.createClassifyRun.id },
      user.token,
    );
    const m = run.data!.run.result.metrics;
    console.log(`ALL B vs T through the API (svm-classifier): accuracy ${m.accuracy.toFixed(3)}, macro F1 ${m.macroF1.toFixed(3)}, AUC ${m.rocAuc?.toFixed(3)}, ${((performance.now() - t0) / 1000).toFixed(1)} s queued to done`);
    // B and T lineage differ in hundreds of probes: a linear-margin problem on held-out samples.
    expect(m.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});

describe("differential expression and regression runs", () => {
  it("saves limma's topTable between two groups as a DE table equal to core's, then compares regressors on it", async () => {
    const de = await api.gql<{ computeDifferentialExpression: { id: string; kind: string; geneCount: number; conditions: { id: string }[] } }>(
      `mutation($d: ID!) { computeDifferentialExpression(datasetId: $d, labelColumn: "group", first: "A", second: "B") { id kind geneCount conditions { id } } }`,
      { d: datasetId },
      user.token,
    );
    expect(de.errors).toBeUndefined();
    const table = de.data!.computeDifferentialExpression;
    expect(table).toMatchObject({ kind: "DE_TABLE", geneCount: 60 });
    expect(table.conditions.map((c) => c.id)).toEqual(["logFC", "AveExpr", "t", "P.Value", "adj.P.Val", "B"]);
    const { matrix, groups } = labelled();
    const expected = moderatedTTest(matrix, groups, ["A", "B"]);
    const slice = await api.gql<{ matrixSlice: { genes: string[]; values: (number | null)[][] } }>(
      `query($d: ID!) { matrixSlice(datasetId: $d, geneLimit: 60) { genes values } }`,
      { d: table.id },
      user.token,
    );
    const row0 = slice.data!.matrixSlice.values[slice.data!.matrixSlice.genes.indexOf(expected.rows[0]!.gene)]!;
    expect(row0[0]).toBeCloseTo(expected.rows[0]!.logFC, 4); // float32 storage
    expect(row0[2]).toBeCloseTo(expected.rows[0]!.t, 3);

    const bad = await api.gql(`mutation($d: ID!) { createRegressRun(datasetId: $d, target: "nope") { id } }`, { d: table.id }, user.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "target" });
    const notTable = await api.gql(`mutation($d: ID!) { createRegressRun(datasetId: $d, target: "logFC") { id } }`, { d: datasetId }, user.token);
    expect(notTable.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "datasetId" });

    const created = await api.gql<{ createRegressRun: { id: string } }>(
      `mutation($d: ID!) { createRegressRun(datasetId: $d, target: "B", params: { models: ["linear", "knn"], folds: 3 }) { id target } }`,
      { d: table.id },
      user.token,
    );
    expect(created.errors).toBeUndefined();
    expect(await waitFor(created.data!.createRegressRun.id)).toBe("SUCCEEDED");
    const run = await api.gql<{ run: { result: { target: string; excluded: { column: string }[]; models: { name: string; metrics: { r2: number }; predicted: number[] }[]; testRows: string[] } } }>(
      `query($id: ID!) { run(id: $id) { result { ... on RegressRunResult { target excluded { column reason } baseline { r2 } testRows testActual models { name label metrics { r2 rmse } importance { feature mean } predicted } } } } }`,
      { id: created.data!.createRegressRun.id },
      user.token,
    );
    expect(run.errors).toBeUndefined();
    const r = run.data!.run.result;
    expect(r.target).toBe("B");
    expect(r.excluded.map((e) => e.column)).toEqual(expect.arrayContaining(["t", "P.Value", "adj.P.Val"]));
    expect(r.models.map((m) => m.name)).toEqual(["linear", "knn"]);
    for (const m of r.models) expect(m.predicted).toHaveLength(r.testRows.length);
  });
});
