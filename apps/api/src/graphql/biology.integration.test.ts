// Reading results like a biologist, through the real API over HTTP: gene-set enrichment against
// hand-computed hypergeometric p-values and BH q-values, sample sheets (at import and later; errors
// name the sheet's line and column), decimal-comma and .xlsx uploads, condition edits, the
// interactive heatmap's bins, exports that parse back, the gene page's data, and the team boundary
// (another team's member gets NOT_FOUND, a viewer cannot write) for every new field.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { parseGmt, readMatrix } from "@exprlab/core";
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeImportPools } from "../import/import-dataset.ts";
import { addMember, seedDataset, seedRun, signUpUser, startTestApi, type SeededDataset, type SignedUp, type TestApi } from "../server/test-support.ts";

const coreFixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), "../../../../packages/core/test/fixtures", name);

// Loose shapes of the JSON answers read below.
interface Term { name: string; setSizeInUniverse: number; overlap: number; overlapGenes: string[]; expected: number; foldEnrichment: number; pValue: number; qValue: number }
interface Enrichment { universeSize: number; queryInUniverse: number; tested: number; terms: Term[] }
interface Bin { start: number; count: number; firstGene: string; lastGene: string; geneIndex: number | null }
interface View { totalRows: number; rowStart: number; rowEnd: number; binSize: number; rows: Bin[]; conditions: { id: string; time: number | null }[]; values: (number | null)[][]; scale: string; matches: { gene: string; position: number }[]; matchCount: number }
type Cond = Record<string, unknown>;
interface Body {
  library: { id: string; name: string; setCount: number; geneCount: number };
  dataset: { id: string };
  error: { code: string; message: string; line?: number; column?: number; source?: string };
  preview: { format: string; error: unknown; header: unknown; rows: unknown[] };
}
interface RunJson { biclusters: { conditionIds: string[]; genes: { gene: string; values: number[] }[] }[] }
interface GeneJson { symbol: string; known: boolean; goTermCount: number; profiles: { datasetName: string; values: number[] }[]; links: { name: string }[] }

let db: TestDatabase;
let api: TestApi;
let alice: SignedUp;
let viewer: SignedUp;
let outsider: SignedUp;
let ds: SeededDataset;
let runId: string;
let biclusterId: string;

// Universe: G1..G20. The bicluster holds G1..G5 (n = 5 of N = 20).
const GENES = Array.from({ length: 20 }, (_, i) => `G${i + 1}`);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => `G${a + i}`);
const GMT = [
  ["S_four", "four of five", ...range(1, 4), ...range(6, 11)], // K = 10, k = 4
  ["S_one", "one of five", "G1", ...range(12, 20)], // K = 10, k = 1
  ["S_five", "all five", ...range(1, 5), ...range(12, 16)], // K = 10, k = 5
  ["S_small", "too small to test", "G1", "G2"], // K = 2 < 10: not tested
].map((l) => l.join("\t")).join("\n") + "\n";

async function upload(route: string, token: string, fields: Record<string, string>, file: { name: string; bytes: Buffer | string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([typeof file.bytes === "string" ? file.bytes : new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(`${api.url}/upload${route}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: res.status, body: (await res.json()) as Body };
}

async function download(pathname: string, token: string) {
  const res = await fetch(`${api.url}/export${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  alice = await signUpUser(api, "Alice Biologist");
  viewer = await addMember(api, db.prisma, alice.teamId, "VIEWER");
  outsider = await signUpUser(api, "Olga Outsider");
  ds = await seedDataset(db.prisma, alice.teamId, alice.userId, { genes: GENES, conditions: 6, name: "twenty genes" });
  const run = await seedRun(db.prisma, ds, alice.userId, [[0, 1, 2, 3, 4], [10, 11, 12]], { pValue: [0.005, null] });
  await db.prisma.run.update({ where: { id: run.run.id }, data: { params: { permutations: 199 } } });
  runId = run.run.id;
  biclusterId = run.biclusters[0]!.id;
});

afterAll(async () => {
  await api?.close();
  await closeImportPools();
  await db?.drop();
});

describe("gene-set enrichment", () => {
  let libraryId: string;

  it("imports a GMT library (members), refuses viewers, and names the line of a bad GMT", async () => {
    const ok = await upload("/gene-sets", alice.token, { teamId: alice.teamId, name: "toy sets" }, { name: "toy.gmt", bytes: GMT });
    expect(ok.status).toBe(201);
    expect(ok.body.library).toMatchObject({ name: "toy sets", setCount: 4, geneCount: 20 });
    libraryId = ok.body.library.id;

    const denied = await upload("/gene-sets", viewer.token, { teamId: alice.teamId, name: "nope" }, { name: "toy.gmt", bytes: GMT });
    expect(denied.status).toBe(403);
    const foreign = await upload("/gene-sets", outsider.token, { teamId: alice.teamId, name: "nope" }, { name: "toy.gmt", bytes: GMT });
    expect(foreign.status).toBe(404);

    const bad = await upload("/gene-sets", alice.token, { teamId: alice.teamId, name: "bad" }, { name: "bad.gmt", bytes: "A\tdesc\tG1\nB without tabs\n" });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: "BAD_USER_INPUT", line: 2 });
    expect(bad.body.error.message).toMatch(/tab/);
  });

  it("lists the built-in GO library (loaded once into the database) with the team's own", async () => {
    const q = `query($t: ID!) { geneSetLibraries(teamId: $t) { id name builtIn setCount teamId } }`;
    const res = await api.gql<{ geneSetLibraries: { id: string; builtIn: boolean; setCount: number; name: string }[] }>(q, { t: alice.teamId }, alice.token);
    const libs = res.data!.geneSetLibraries;
    expect(libs[0]).toMatchObject({ builtIn: true, setCount: 6482 });
    expect(libs.map((l) => l.name)).toContain("toy sets");
    // The outsider sees the built-in library but not Alice's.
    const theirs = await api.gql<{ geneSetLibraries: { name: string }[] }>(q, { t: outsider.teamId }, outsider.token);
    expect(theirs.data!.geneSetLibraries.map((l) => l.name)).not.toContain("toy sets");
    expect(await db.prisma.geneSetLibrary.count({ where: { builtinKey: "go-bp-human" } })).toBe(1);
  });

  it("computes hypergeometric p-values and BH q-values as by hand, then serves them from the cache", async () => {
    const q = `query($b: ID!, $l: ID) { bicluster(id: $b) { enrichment(libraryId: $l) { universeSize queryInUniverse tested
      terms { name setSizeInUniverse overlap overlapGenes expected foldEnrichment pValue qValue } } } }`;
    const res = await api.gql<{ bicluster: { enrichment: Enrichment } }>(q, { b: biclusterId, l: libraryId }, viewer.token);
    expect(res.errors).toBeUndefined();
    const e = res.data!.bicluster.enrichment;
    expect(e).toMatchObject({ universeSize: 20, queryInUniverse: 5, tested: 3 });
    // P(X >= k) for X ~ Hypergeometric(N = 20, K = 10, n = 5): C(20,5) = 15504.
    const p5 = 252 / 15504; // k = 5: C(10,5) C(10,0)
    const p4 = (210 * 10 + 252) / 15504; // k = 4: C(10,4) C(10,1) + C(10,5)
    const p1 = 1 - 252 / 15504; // k = 1: 1 - C(10,0) C(10,5)
    expect(e.terms.map((t) => t.name)).toEqual(["S_five", "S_four", "S_one"]);
    const [five, four, one] = e.terms as [Term, Term, Term];
    expect(five.pValue).toBeCloseTo(p5, 12);
    expect(four.pValue).toBeCloseTo(p4, 12);
    expect(one.pValue).toBeCloseTo(p1, 12);
    // BH over m = 3: q(i) = min over j >= i of p(j) m / j.
    expect(five.qValue).toBeCloseTo(p5 * 3, 12);
    expect(four.qValue).toBeCloseTo((p4 * 3) / 2, 12);
    expect(one.qValue).toBeCloseTo(p1, 12);
    expect(four).toMatchObject({ overlap: 4, setSizeInUniverse: 10, overlapGenes: ["G1", "G2", "G3", "G4"], expected: 2.5, foldEnrichment: 1.6 });
    expect(await db.prisma.biclusterEnrichment.count({ where: { biclusterId } })).toBe(1);
    const again = await api.gql<{ bicluster: { enrichment: Enrichment } }>(q, { b: biclusterId, l: libraryId }, alice.token);
    expect(again.data!.bicluster.enrichment.terms[0]!.pValue).toBe(five.pValue);
  });

  it("gives every bicluster of a run its top terms, and exports them as CSV", async () => {
    const q = `query($r: ID!, $l: ID) { run(id: $r) { enrichment(libraryId: $l) { biclusterId terms(first: 1) { name qValue } } } }`;
    const res = await api.gql<{ run: { enrichment: { biclusterId: string; terms: { name: string }[] }[] } }>(q, { r: runId, l: libraryId }, alice.token);
    expect(res.data!.run.enrichment).toHaveLength(2);
    expect(res.data!.run.enrichment[0]!.terms[0]!.name).toBe("S_five");
    const csv = await download(`/biclusters/${biclusterId}/enrichment.csv?library=${libraryId}`, alice.token);
    expect(csv.status).toBe(200);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({ term: "S_five", overlap: "5", overlap_genes: "G1;G2;G3;G4;G5" });
    expect(Number(rows[0]!.p_value)).toBeCloseTo(252 / 15504, 12);
  });

  it("keeps one team's library and biclusters from another team", async () => {
    const q = `query($b: ID!, $l: ID) { bicluster(id: $b) { enrichment(libraryId: $l) { tested } } }`;
    const res = await api.gql(q, { b: biclusterId, l: libraryId }, outsider.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const theirDs = await seedDataset(db.prisma, outsider.teamId, outsider.userId, { genes: GENES });
    const theirRun = await seedRun(db.prisma, theirDs, outsider.userId, [[0, 1, 2]]);
    const misuse = await api.gql(q, { b: theirRun.biclusters[0]!.id, l: libraryId }, outsider.token);
    expect(misuse.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const del = `mutation($id: ID!) { deleteGeneSetLibrary(id: $id) }`;
    expect((await api.gql(del, { id: libraryId }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await api.gql(del, { id: libraryId }, viewer.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await download(`/biclusters/${biclusterId}/enrichment.csv`, outsider.token)).status).toBe(404);
  });
});

describe("condition metadata", () => {
  const SHEET = "sample,time,unit,group,replicate,subject\nt0,0,h,ctrl,1,m1\nt1,30,min,ctrl,1,m1\nt2,1,h,ctrl,2,m2\nt3,2,h,drug,1,m3\nt4,4,h,drug,1,m3\nt5,1,d,drug,2,m4\n";

  it("imports a matrix with its sample sheet through /upload", async () => {
    const csv = "gene,t0,t1,t2,t3,t4,t5\nA,1,2,3,4,5,6\nB,6,5,4,3,2,1\n";
    const res = await upload("", alice.token, { teamId: alice.teamId, name: "with sheet", kind: "TIME_COURSE", sampleSheet: SHEET }, { name: "m.csv", bytes: csv });
    expect(res.status).toBe(201);
    const q = `query($id: ID!) { dataset(id: $id) { conditionsVersion conditions { id time timeUnit group replicate subject } } }`;
    const got = await api.gql<{ dataset: { conditions: Cond[] } }>(q, { id: res.body.dataset.id }, alice.token);
    expect(got.data!.dataset.conditions[1]).toEqual({ id: "t1", time: 0.5, timeUnit: "min", group: "ctrl", replicate: "1", subject: "m1" });
    expect(got.data!.dataset.conditions[5]).toMatchObject({ time: 24, timeUnit: "d", group: "drug" });
  });

  it("names the sample sheet's line and column when it is wrong, and imports nothing", async () => {
    const before = await db.prisma.dataset.count();
    const bad = SHEET.replace("t3,2,h", "t3,soon,h");
    const res = await upload("", alice.token, { teamId: alice.teamId, name: "bad sheet", kind: "TIME_COURSE", sampleSheet: bad }, { name: "m.csv", bytes: "gene,t0,t1,t2,t3,t4,t5\nA,1,2,3,4,5,6\n" });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "BAD_USER_INPUT", source: "sampleSheet", line: 5, column: 2 });
    expect(res.body.error.message).toMatch(/^Sample sheet: .*soon/);
    const missing = await upload("", alice.token, { teamId: alice.teamId, name: "short sheet", kind: "TIME_COURSE", sampleSheet: "id,time\nt0,1\nT1,2\n" }, { name: "m.csv", bytes: "gene,t0,t1\nA,1,2\n" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/"t1" \(sheet has "T1"\)/);
    expect(await db.prisma.dataset.count()).toBe(before);
  });

  it("applies a sheet later and edits conditions, with optimistic concurrency, for members only", async () => {
    const apply = `mutation($d: ID!, $t: String!, $v: Int!) { applySampleSheet(datasetId: $d, text: $t, expectedVersion: $v) { conditionsVersion conditions { id time group } } }`;
    const bad = await api.gql(apply, { d: ds.dataset.id, t: "id,time\nt0,1\nt1,x\n", v: 1 }, alice.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", line: 3, column: 2, source: "sampleSheet" });
    const applied = await api.gql<{ applySampleSheet: { conditionsVersion: number; conditions: Cond[] } }>(apply, { d: ds.dataset.id, t: SHEET, v: 1 }, alice.token);
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applySampleSheet.conditionsVersion).toBe(2);
    expect(applied.data!.applySampleSheet.conditions[3]).toEqual({ id: "t3", time: 2, group: "drug" });

    const edit = `mutation($d: ID!, $v: Int!, $c: [ConditionEdit!]!) { updateConditions(datasetId: $d, expectedVersion: $v, conditions: $c) { conditionsVersion conditions { id time timeUnit label group } } }`;
    const ok = await api.gql<{ updateConditions: { conditions: Cond[] } }>(edit, { d: ds.dataset.id, v: 2, c: [{ index: 0, label: "baseline", group: null, time: 0.25, timeUnit: "min" }] }, alice.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateConditions.conditions[0]).toEqual({ id: "t0", time: 0.25, timeUnit: "min", label: "baseline", group: null });
    const stale = await api.gql(edit, { d: ds.dataset.id, v: 2, c: [{ index: 1, label: "x" }] }, alice.token);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 3 });
    expect((await api.gql(edit, { d: ds.dataset.id, v: 3, c: [{ index: 1, label: "x" }] }, viewer.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.gql(edit, { d: ds.dataset.id, v: 3, c: [{ index: 1, label: "x" }] }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const check = `query($d: ID!, $t: String!) { checkSampleSheet(datasetId: $d, text: $t) { missing extra rows } }`;
    expect((await api.gql(check, { d: ds.dataset.id, t: SHEET }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const checked = await api.gql<{ checkSampleSheet: Cond }>(check, { d: ds.dataset.id, t: "id,time\nt0,1\nzz,2\n" }, viewer.token);
    expect(checked.data!.checkSampleSheet).toEqual({ missing: ["t1", "t2", "t3", "t4", "t5"], extra: ["zz"], rows: 2 });
  });
});

describe("imports: decimal comma and .xlsx give the CSV's matrix; previews", () => {
  async function matrixOf(id: string) {
    const q = `query($id: ID!) { dataset(id: $id) { format conditions { id time } genes(first: 10) { nodes { gene annotations } } } matrixSlice(datasetId: $id, geneLimit: 10) { values } }`;
    return (await api.gql<{ dataset: Cond; matrixSlice: { values: (number | null)[][] } }>(q, { id }, alice.token)).data!;
  }

  it("imports small.csv, small-decimal-comma.csv and small.xlsx to the same matrix", async () => {
    const ids: string[] = [];
    for (const name of ["small.csv", "small-decimal-comma.csv", "small.xlsx"]) {
      const res = await upload("", alice.token, { teamId: alice.teamId, name, kind: "TIME_COURSE" }, { name, bytes: readFileSync(coreFixture(name)) });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.dataset.id);
    }
    const [csv, comma, xlsx] = await Promise.all(ids.map(matrixOf));
    expect(csv!.matrixSlice.values[0]).toEqual([5.1, 5.3, null, 6].map((v) => (v === null ? null : Math.fround(v))));
    for (const other of [comma!, xlsx!]) {
      expect(other.matrixSlice.values).toEqual(csv!.matrixSlice.values);
      expect(other.dataset.conditions).toEqual(csv!.dataset.conditions);
      expect(other.dataset.genes).toEqual(csv!.dataset.genes);
    }
    expect(xlsx!.dataset.format).toBe("xlsx");
  });

  it("previews a file before importing: layout, first rows, and errors without binary bytes", async () => {
    const comma = await upload("/preview", alice.token, {}, { name: "x.csv", bytes: readFileSync(coreFixture("small-decimal-comma.csv")) });
    expect(comma.status).toBe(200);
    expect(comma.body.preview).toMatchObject({ format: "csv", delimiter: ";", decimal: ",", error: null });
    expect(comma.body.preview.header).toMatchObject({ conditions: ["t0", "t2h", "t4h", "t8h"], annotationColumns: ["symbol"] });
    expect(comma.body.preview.rows[0]).toMatchObject({ gene: "g1", values: [5.1, 5.3, null, 6] });
    const xlsx = await upload("/preview", alice.token, {}, { name: "x.xlsx", bytes: readFileSync(coreFixture("small.xlsx")) });
    expect(xlsx.body.preview).toMatchObject({ format: "xlsx", error: null });
    const junk = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x01, 0x02, 0x00, 0x9c, 0x88]);
    const broken = await upload("/preview", alice.token, {}, { name: "broken.xlsx", bytes: junk });
    expect(broken.status).toBe(200);
    // eslint-disable-next-line no-control-regex
    expect(JSON.stringify(broken.body.preview.error)).not.toMatch(/[\u0000-\u0008\ufffd\u00ff\u00fe]/);
    // Importing the broken workbook answers one readable error, never its bytes.
    const refused = await upload("", alice.token, { teamId: alice.teamId, name: "broken", kind: "TIME_COURSE" }, { name: "broken.xlsx", bytes: junk });
    expect(refused.status).toBe(400);
    // eslint-disable-next-line no-control-regex
    expect(refused.body.error.message).not.toMatch(/[\u0000-\u0008\ufffd\u00ff\u00fe]/);
    expect(refused.body.error.message.length).toBeLessThan(300);
    const anonymous = await fetch(`${api.url}/upload/preview`, { method: "POST" });
    expect(anonymous.status).toBe(401);
  });
});

describe("interactive heatmap", () => {
  const q = `query($d: ID, $b: ID, $s: Int, $e: Int, $m: Int, $f: String, $sc: HeatmapScale, $c: HeatmapColumns) {
    heatmapView(datasetId: $d, biclusterId: $b, rowStart: $s, rowEnd: $e, maxRows: $m, find: $f, scale: $sc, columns: $c) {
      totalRows rowStart rowEnd binSize rows { start count firstGene lastGene geneIndex } conditions { id time } values scale range { p02 p98 } matches { gene position } matchCount } }`;

  it("bins all genes of a dataset to fit, and returns detail rows for a zoomed range", async () => {
    const over = await api.gql<{ heatmapView: View }>(q, { d: ds.dataset.id, m: 6 }, viewer.token);
    expect(over.errors).toBeUndefined();
    const v = over.data!.heatmapView;
    expect(v).toMatchObject({ totalRows: 20, binSize: 4, scale: "ZSCORE" });
    expect(v.rows).toHaveLength(5);
    expect(v.rows.reduce((s, r) => s + r.count, 0)).toBe(20);
    expect(v.values).toHaveLength(5);
    expect(v.values[0]).toHaveLength(6);
    const detail = await api.gql<{ heatmapView: View }>(q, { d: ds.dataset.id, s: 4, e: 8, m: 100, f: "g1" }, viewer.token);
    const d = detail.data!.heatmapView;
    expect(d).toMatchObject({ rowStart: 4, rowEnd: 8, binSize: 1 });
    expect(d.rows.map((r) => r.count)).toEqual([1, 1, 1, 1]);
    expect(d.rows.every((r) => r.geneIndex !== null && r.firstGene === r.lastGene)).toBe(true);
    // "g1" finds G1 (exact, first) and G10..G19.
    expect(d.matchCount).toBe(11);
    expect(d.matches[0]!.gene).toBe("G1");
    // Time axis: columns sorted by the conditions' times.
    expect(d.conditions.map((c) => c.time)).toEqual([...d.conditions.map((c) => c.time)].sort((a, b) => (a ?? 0) - (b ?? 0)));
    // The clustered row order is kept for later views (also after a restart).
    const stored = await db.prisma.datasetHeatmapOrder.findUniqueOrThrow({ where: { datasetId: ds.dataset.id } });
    expect([...stored.rows].sort((a, b) => a - b)).toEqual(GENES.map((_, i) => i));
    const genesInOrder = stored.rows.map((i) => GENES[i]);
    const all = await api.gql<{ heatmapView: View }>(q, { d: ds.dataset.id, m: 100 }, viewer.token);
    expect(all.data!.heatmapView.rows.map((r) => r.firstGene)).toEqual(genesInOrder);
  });

  it("draws all the genes of a bicluster on its own or all conditions, raw or z-scored", async () => {
    const b = await api.gql<{ heatmapView: View }>(q, { b: biclusterId, sc: "RAW" }, alice.token);
    expect(b.data!.heatmapView).toMatchObject({ totalRows: 5, binSize: 1, scale: "RAW" });
    expect(b.data!.heatmapView.conditions).toHaveLength(3);
    const all = await api.gql<{ heatmapView: View }>(q, { b: biclusterId, c: "ALL" }, alice.token);
    expect(all.data!.heatmapView.conditions).toHaveLength(6);
    expect((await api.gql(q, { b: biclusterId }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await api.gql(q, { d: ds.dataset.id }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    expect((await api.gql(q, { d: ds.dataset.id, b: biclusterId }, alice.token)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("exports round-trip", () => {
  it("exports a whole run as CSV, JSON and GMT that parse back to the stored biclusters and values", async () => {
    const csv = await download(`/runs/${runId}.csv`, viewer.token);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/text\/csv/);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ bicluster: "bicluster-1", bicluster_conditions: "t0;t1;t2" });
    const g = rows.find((r) => r.gene === "G3")!;
    const stored = ds.values[2]!;
    // Written with the fewest digits that read back to the stored float32.
    for (let j = 0; j < 6; j++) expect(Math.fround(Number(g[`t${j}`]))).toBe(Math.fround(stored[j]!));

    const json = JSON.parse((await download(`/runs/${runId}.json`, viewer.token)).text) as RunJson;
    expect(json).toMatchObject({ format: "exprlab-run", version: 1, run: { id: runId } });
    expect(json.biclusters).toHaveLength(2);
    expect(json.biclusters[0]!.conditionIds).toEqual(["t0", "t1", "t2"]);
    const g3 = json.biclusters[0]!.genes.find((x) => x.gene === "G3")!;
    expect(g3.values.map((v) => Math.fround(v))).toEqual(stored.slice(0, 3).map((v) => Math.fround(v)));

    const gmt = parseGmt((await download(`/runs/${runId}.gmt`, viewer.token)).text);
    expect(gmt.sets.map((s) => s.genes.sort())).toEqual([["G1", "G2", "G3", "G4", "G5"], ["G11", "G12", "G13"]]);
  });

  it("exports a bicluster's submatrix as a matrix CSV the importer reads back", async () => {
    const csv = await download(`/biclusters/${biclusterId}/matrix.csv`, alice.token);
    const { Readable } = await import("node:stream");
    const { matrix: m } = await readMatrix(Readable.from([csv.text]));
    expect(m.conditions.map((c) => c.id)).toEqual(["t0", "t1", "t2"]);
    expect([...m.genes].sort()).toEqual(["G1", "G2", "G3", "G4", "G5"]);
    const k = m.genes.indexOf("G2");
    expect(Array.from(m.values.slice(k * 3, k * 3 + 3), (v) => Math.fround(v))).toEqual(ds.values[1]!.slice(0, 3).map((v) => Math.fround(v)));
  });

  it("refuses other teams and anonymous callers", async () => {
    expect((await download(`/runs/${runId}.csv`, outsider.token)).status).toBe(404);
    expect((await fetch(`${api.url}/export/runs/${runId}.csv`)).status).toBe(401);
    expect((await download(`/runs/${runId}.xls`, alice.token)).status).toBe(400);
  });
});

describe("gene page and p-values", () => {
  it("has the gene's profile in each dataset, GO processes, links; a made-up symbol is not known", async () => {
    const q = `query($t: ID!, $s: String!) { gene(teamId: $t, symbol: $s) { symbol known datasetCount biclusterCount profiles { datasetName values zscores conditions { id } } links { name url } goTermCount } }`;
    const got = await api.gql<{ gene: GeneJson }>(q, { t: alice.teamId, s: "G3" }, viewer.token);
    expect(got.errors).toBeUndefined();
    // "G3" here, "g3" in the three small fixture datasets imported above (case variants match).
    expect(got.data!.gene).toMatchObject({ symbol: "G3", known: true, datasetCount: 4, biclusterCount: 1 });
    const ours = got.data!.gene.profiles.find((p) => p.datasetName === "twenty genes");
    expect(ours!.values).toEqual(ds.values[2]!.map((v) => Math.fround(v)));
    expect(got.data!.gene.links.map((l) => l.name)).toEqual(["NCBI Gene", "Ensembl", "GeneCards", "UniProt"]);
    const tp53 = await api.gql<{ gene: GeneJson }>(q, { t: alice.teamId, s: "TP53" }, alice.token);
    expect(tp53.data!.gene.known).toBe(false);
    expect(tp53.data!.gene.goTermCount).toBeGreaterThan(50);
    expect((await api.gql(q, { t: alice.teamId, s: "G3" }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("flags p-values at the floor 1/(permutations + 1)", async () => {
    const q = `query($r: ID!) { biclusters(runId: $r, sort: P_VALUE) { nodes { index pValue pValueFloor pValueAtFloor qValue } } }`;
    const res = await api.gql<{ biclusters: { nodes: Cond[] } }>(q, { r: runId }, alice.token);
    expect(res.data!.biclusters.nodes).toEqual([
      { index: 0, pValue: 0.005, pValueFloor: 0.005, pValueAtFloor: true, qValue: null },
      { index: 1, pValue: null, pValueFloor: 0.005, pValueAtFloor: false, qValue: null },
    ]);
  });

  it("reads the engine's q-value, floor word, evidence and flags from the row when it stored them", async () => {
    const row = await db.prisma.bicluster.findFirstOrThrow({ where: { runId, index: 0 } });
    await db.prisma.bicluster.update({
      where: { id: row.id },
      data: { qValue: 0.01, pValueAtFloor: false, evidence: 12.5, flags: [{ code: "one-condition", reason: "driven by one condition: t3 carries 80% of the pattern" }, { junk: 1 }] },
    });
    try {
      const q = `query($r: ID!) { biclusters(runId: $r, sort: INDEX) { nodes { index pValueAtFloor qValue evidence flags { code reason } } } }`;
      const res = await api.gql<{ biclusters: { nodes: unknown[] } }>(q, { r: runId }, alice.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.biclusters.nodes[0]).toEqual({
        index: 0,
        // the engine's word wins over the floor computed from the parameters
        pValueAtFloor: false,
        qValue: 0.01,
        evidence: 12.5,
        flags: [{ code: "one-condition", reason: "driven by one condition: t3 carries 80% of the pattern" }],
      });
      expect(res.data!.biclusters.nodes[1]).toMatchObject({ evidence: null, flags: [] });
      // At the engine's floor after an early stop (n draws < permutations), the floor is p itself.
      await db.prisma.bicluster.update({ where: { id: row.id }, data: { pValue: 0.025, pValueAtFloor: true } });
      const floor = await api.gql<{ biclusters: { nodes: { index: number; pValueFloor: number; pValueAtFloor: boolean }[] } }>(
        `query($r: ID!) { biclusters(runId: $r, sort: INDEX) { nodes { index pValueFloor pValueAtFloor } } }`,
        { r: runId },
        alice.token,
      );
      expect(floor.data!.biclusters.nodes[0]).toEqual({ index: 0, pValueFloor: 0.025, pValueAtFloor: true });
    } finally {
      await db.prisma.bicluster.update({ where: { id: row.id }, data: { pValue: row.pValue, qValue: null, pValueAtFloor: null, evidence: null, flags: [] } });
    }
  });
});
