// Roles and concurrency: viewers cannot write, concurrent annotation edits give exactly one success
// and one CONFLICT, comment permissions and versions, createRun validation naming the field.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, seedDataset, seedRun, signUpUser, startTestApi, type SignedUp, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let owner: SignedUp;
let member: SignedUp;
let member2: SignedUp;
let viewer: SignedUp;
let datasetId: string;
let runId: string;
let biclusterId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  owner = await signUpUser(api, "Owner");
  member = await addMember(api, db.prisma, owner.teamId, "MEMBER");
  member2 = await addMember(api, db.prisma, owner.teamId, "MEMBER");
  viewer = await addMember(api, db.prisma, owner.teamId, "VIEWER");
  const ds = await seedDataset(db.prisma, owner.teamId, owner.userId);
  const run = await seedRun(db.prisma, ds, owner.userId, [[0, 1, 2, 3]]);
  datasetId = ds.dataset.id;
  runId = run.run.id;
  biclusterId = run.biclusters[0]!.id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const UPSERT = `mutation($input: AnnotationInput!) { upsertAnnotation(input: $input) { id gene status note version tags author { id } } }`;

describe("viewers cannot write", () => {
  const writes: [string, string, () => Record<string, unknown>][] = [
    ["createRun", `mutation($d: ID!) { createRun(datasetId: $d) { id } }`, () => ({ d: datasetId })],
    ["cancelRun", `mutation($r: ID!) { cancelRun(id: $r) { id } }`, () => ({ r: runId })],
    ["deleteDataset", `mutation($d: ID!) { deleteDataset(id: $d) }`, () => ({ d: datasetId })],
    ["upsertAnnotation", UPSERT, () => ({ input: { teamId: owner.teamId, gene: "GENE1", status: "CANDIDATE" } })],
    ["addComment", `mutation($b: ID!) { addComment(target: BICLUSTER, biclusterId: $b, body: "hi") { id } }`, () => ({ b: biclusterId })],
    ["inviteMember", `mutation($t: ID!) { inviteMember(teamId: $t, email: "v@example.test", role: VIEWER) { token } }`, () => ({ t: owner.teamId })],
  ];
  it.each(writes)("%s is FORBIDDEN", async (_n, query, vars) => {
    const res = await api.gql(query, vars(), viewer.token);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("but can read, and nothing was written", async () => {
    const res = await api.gql<{ dataset: { id: string }; run: { status: string } }>(
      `query($d: ID!, $r: ID!) { dataset(id: $d) { id } run(id: $r) { status } }`,
      { d: datasetId, r: runId },
      viewer.token,
    );
    expect(res.data).toEqual({ dataset: { id: datasetId }, run: { status: "SUCCEEDED" } });
    expect(await db.prisma.annotation.count({ where: { teamId: owner.teamId } })).toBe(0);
    expect(await db.prisma.comment.count({ where: { teamId: owner.teamId } })).toBe(0);
    expect(await db.prisma.run.count({ where: { teamId: owner.teamId } })).toBe(1);
    expect(api.queue.enqueued).toEqual([]);
  });
});

describe("annotations: optimistic concurrency", () => {
  it("two concurrent edits of one version: exactly one succeeds, the other is CONFLICT", async () => {
    const created = await api.gql<{ upsertAnnotation: { id: string; version: number } }>(
      UPSERT,
      { input: { teamId: owner.teamId, gene: "GENE2", status: "CANDIDATE", note: "first look", tags: ["liver"], evidenceLinks: ["https://example.org/paper"] } },
      member.token,
    );
    expect(created.data?.upsertAnnotation.version).toBe(1);

    const [x, y] = await Promise.all([
      api.gql<{ upsertAnnotation: { version: number; note: string } }>(
        UPSERT,
        { input: { teamId: owner.teamId, gene: "GENE2", status: "VALIDATED", note: "edit by member", expectedVersion: 1 } },
        member.token,
      ),
      api.gql<{ upsertAnnotation: { version: number; note: string } }>(
        UPSERT,
        { input: { teamId: owner.teamId, gene: "GENE2", status: "REJECTED", note: "edit by member2", expectedVersion: 1 } },
        member2.token,
      ),
    ]);
    const results = [x, y];
    const ok = results.filter((r) => r.data?.upsertAnnotation);
    const conflicts = results.filter((r) => r.errors?.[0]?.extensions?.code === "CONFLICT");
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(1);
    expect(ok[0]!.data!.upsertAnnotation.version).toBe(2);
    expect(conflicts[0]!.errors![0]!.extensions!.currentVersion).toBe(2);

    const stored = await db.prisma.annotation.findUniqueOrThrow({ where: { teamId_gene: { teamId: owner.teamId, gene: "GENE2" } } });
    expect(stored.version).toBe(2);
    expect(stored.note).toBe(ok[0]!.data!.upsertAnnotation.note);
    expect(await db.prisma.annotationRevision.count({ where: { annotationId: stored.id } })).toBe(2);

    // The loser retries on the current version and wins.
    const retry = await api.gql<{ upsertAnnotation: { version: number } }>(
      UPSERT,
      { input: { teamId: owner.teamId, gene: "GENE2", status: "REJECTED", note: "retried", expectedVersion: 2 } },
      member2.token,
    );
    expect(retry.data?.upsertAnnotation.version).toBe(3);

    const history = await api.gql<{ annotationRevisions: { nodes: { version: number; note: string }[] } }>(
      `query($id: ID!) { annotationRevisions(annotationId: $id) { nodes { version note author { id } } } }`,
      { id: stored.id },
      viewer.token,
    );
    expect(history.data?.annotationRevisions.nodes.map((n) => n.version)).toEqual([3, 2, 1]);
  });

  it("two concurrent first annotations of a gene: one created, the other CONFLICT", async () => {
    const input = (note: string) => ({ input: { teamId: owner.teamId, gene: "GENE3", status: "CANDIDATE", note } });
    const results = await Promise.all([api.gql(UPSERT, input("a"), member.token), api.gql(UPSERT, input("b"), member2.token)]);
    expect(results.filter((r) => r.data)).toHaveLength(1);
    const conflict = results.find((r) => r.errors);
    expect(conflict?.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 1 });
  });

  it("validates input naming the field, and filters by status, tag and gene", async () => {
    const bad = await api.gql(UPSERT, { input: { teamId: owner.teamId, gene: "GENE4", status: "CANDIDATE", evidenceLinks: ["javascript:alert(1)"] } }, member.token);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "evidenceLinks.0" });

    await api.gql(UPSERT, { input: { teamId: owner.teamId, gene: "GENE5", status: "CANDIDATE", tags: ["kidney", "liver"] } }, member.token);
    const q = `query($t: ID!, $s: BiomarkerStatus, $tag: String, $g: String) { annotations(teamId: $t, status: $s, tag: $tag, gene: $g) { totalCount nodes { gene } } }`;
    const byTag = await api.gql<{ annotations: { nodes: { gene: string }[] } }>(q, { t: owner.teamId, tag: "kidney" }, viewer.token);
    expect(byTag.data?.annotations.nodes.map((n) => n.gene)).toEqual(["GENE5"]);
    const byStatus = await api.gql<{ annotations: { nodes: { gene: string }[] } }>(q, { t: owner.teamId, s: "REJECTED" }, viewer.token);
    expect(byStatus.data?.annotations.nodes.map((n) => n.gene)).toEqual(["GENE2"]);
    const byGene = await api.gql<{ annotations: { totalCount: number } }>(q, { t: owner.teamId, g: "GENE3" }, viewer.token);
    expect(byGene.data?.annotations.totalCount).toBe(1);

    // The bicluster's gene table shows each gene's status.
    const genes = await api.gql<{ bicluster: { genes: { gene: string; annotationStatus: string | null }[] } }>(
      `query($b: ID!) { bicluster(id: $b) { genes { gene annotationStatus } } }`,
      { b: biclusterId },
      viewer.token,
    );
    const status = Object.fromEntries(genes.data!.bicluster.genes.map((g) => [g.gene, g.annotationStatus]));
    expect(status).toEqual({ GENE1: null, GENE2: "REJECTED", GENE3: "CANDIDATE", GENE4: null });
  });
});

describe("comments", () => {
  it("add, edit with version (CONFLICT when stale), only the author edits, author or admin deletes", async () => {
    const add = await api.gql<{ addComment: { id: string; version: number } }>(
      `mutation($b: ID!) { addComment(target: BICLUSTER, biclusterId: $b, body: "  looks periodic  ") { id version body } }`,
      { b: biclusterId },
      member.token,
    );
    const id = add.data!.addComment.id;
    const EDIT = `mutation($id: ID!, $body: String!, $v: Int!) { editComment(id: $id, body: $body, expectedVersion: $v) { version body } }`;
    expect((await api.gql(EDIT, { id, body: "hijack", v: 1 }, member2.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const edited = await api.gql<{ editComment: { version: number } }>(EDIT, { id, body: "looks circadian", v: 1 }, member.token);
    expect(edited.data?.editComment.version).toBe(2);
    const stale = await api.gql(EDIT, { id, body: "again", v: 1 }, member.token);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", currentVersion: 2 });

    const gene = await api.gql<{ addComment: { id: string } }>(
      `mutation($t: ID!) { addComment(target: GENE, teamId: $t, gene: "GENE2", body: "see the 2019 paper") { id } }`,
      { t: owner.teamId },
      member2.token,
    );
    const list = await api.gql<{ comments: { totalCount: number; nodes: { body: string; canEdit: boolean }[] } }>(
      `query($b: ID!) { comments(target: BICLUSTER, biclusterId: $b) { totalCount nodes { body canEdit canDelete author { id } } } }`,
      { b: biclusterId },
      member.token,
    );
    expect(list.data?.comments).toMatchObject({ totalCount: 1, nodes: [{ body: "looks circadian", canEdit: true }] });

    const DEL = `mutation($id: ID!) { deleteComment(id: $id) }`;
    expect((await api.gql(DEL, { id: gene.data!.addComment.id }, member.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.gql<{ deleteComment: string }>(DEL, { id: gene.data!.addComment.id }, owner.token)).data?.deleteComment).toBe(gene.data!.addComment.id);
    expect((await api.gql<{ deleteComment: string }>(DEL, { id }, member.token)).data?.deleteComment).toBe(id);
    expect(await db.prisma.comment.count({ where: { teamId: owner.teamId } })).toBe(0);

    const feed = await api.gql<{ activity: { nodes: { type: string }[] } }>(`query($t: ID!) { activity(teamId: $t, first: 50) { nodes { type } } }`, { t: owner.teamId }, viewer.token);
    const types = feed.data!.activity.nodes.map((n) => n.type);
    expect(types).toContain("comment.created");
    expect(types).toContain("annotation.updated");
  });
});

describe("createRun", () => {
  const CREATE = `mutation($d: ID!, $m: String, $p: JSON, $s: Int) { createRun(datasetId: $d, method: $m, params: $p, seed: $s) { id status method params seed createdBy { id } } }`;

  it.each([
    [{ epochs: 0 }, null, "params.epochs"],
    [{ units: "many" }, null, "params.units"],
    [{ bogus: 1 }, null, "params.bogus"],
    [{ kMin: 6, kMax: 3 }, null, "params.kMax"],
    [{ epochs: 5 }, "kmeans", "params.epochs"],
    [{}, "no-such-method", "method"],
    [{ seed: 3 }, null, "params.seed"],
  ])("rejects params %j (method %s) naming %s", async (params, method, field) => {
    const res = await api.gql(CREATE, { d: datasetId, m: method, p: params }, member.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(res.errors?.[0]?.message).toContain(field);
  });

  it("queues a valid run with defaults applied and enqueues it; cancel of a queued run is immediate", async () => {
    const before = api.queue.enqueued.length;
    const res = await api.gql<{ createRun: { id: string; status: string; method: string; params: Record<string, unknown>; seed: number } }>(
      CREATE,
      { d: datasetId, p: { k: 3, epochs: 2 }, s: 42 },
      member.token,
    );
    expect(res.errors).toBeUndefined();
    const run = res.data!.createRun;
    expect(run).toMatchObject({ status: "QUEUED", method: "lstm-svm", seed: 42 });
    expect(run.params).toMatchObject({ k: 3, epochs: 2, units: 64 });
    expect(run.params).not.toHaveProperty("seed");
    expect(api.queue.enqueued.slice(before)).toEqual([run.id]);

    const canceled = await api.gql<{ cancelRun: { status: string; cancelRequested: boolean } }>(
      `mutation($id: ID!) { cancelRun(id: $id) { status cancelRequested } }`,
      { id: run.id },
      member2.token,
    );
    expect(canceled.data?.cancelRun).toEqual({ status: "CANCELED", cancelRequested: true });
    const finished = await api.gql(`mutation($id: ID!) { cancelRun(id: $id) { status } }`, { id: runId }, member.token);
    expect(finished.errors?.[0]?.extensions?.code).toBe("CONFLICT");

    const methods = await api.gql<{ methods: { id: string; isDefault: boolean; params: { name: string; label: string; help: string }[] }[] }>(
      `{ methods { id isDefault params { name label help group type default min max options alternatives optional } stages { id label } } }`,
      {},
      viewer.token,
    );
    const lstm = methods.data!.methods.find((m) => m.id === "lstm-svm")!;
    expect(lstm.isDefault).toBe(true);
    expect(lstm.params.find((p) => p.name === "epochs")).toMatchObject({ label: "Training epochs" });
    expect(lstm.params.find((p) => p.name === "epochs")?.help).toBeTruthy();
    expect(lstm.params.some((p) => p.name === "seed")).toBe(false);
  });
});
