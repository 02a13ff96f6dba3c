// The team boundary: a user of team A gets NOT_FOUND for team B's objects by id, and never sees them
// in any list, search, count or error message. Team B's rows are seeded directly with Prisma.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDataset, seedRun, signUpUser, startTestApi, randomTag, type SignedUp, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let a: SignedUp;
const A: Record<string, string> = {};
const B: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  a = await signUpUser(api, "Alice");
  const p = db.prisma;

  // Team A: a dataset with SHARED1, a run with one bicluster containing it.
  const dsA = await seedDataset(p, a.teamId, a.userId, { genes: ["SHARED1", "SHARED2", "AONLY1", "AONLY2"], name: "alpha data" });
  const runA = await seedRun(p, dsA, a.userId, [[0, 1, 2]]);
  Object.assign(A, { dataset: dsA.dataset.id, run: runA.run.id, bicluster: runA.biclusters[0]!.id });

  // Team B, straight into the database.
  const tag = randomTag();
  const userB = await p.user.create({ data: { email: `b-${tag}@example.test`, name: "Bob Secret" } });
  const teamB = await p.team.create({ data: { name: `Bravo ${tag}`, slug: `bravo-${tag}`, memberships: { create: { userId: userB.id, role: "OWNER" } } } });
  const dsB = await seedDataset(p, teamB.id, userB.id, { genes: ["SHARED1", "SHARED3", "BONLY1"], name: `bravo-secret-dataset-${tag}` });
  const runB = await seedRun(p, dsB, userB.id, [[0, 1, 2], [0, 2]]);
  const annB = await p.annotation.create({
    data: { teamId: teamB.id, gene: "SHARED1", status: "VALIDATED", note: "bravo secret note", tags: ["bravo-tag"], authorId: userB.id },
  });
  await p.annotationRevision.create({ data: { annotationId: annB.id, version: 1, status: "VALIDATED", note: "bravo secret note", tags: ["bravo-tag"], evidenceLinks: [], authorId: userB.id } });
  const commentB = await p.comment.create({ data: { teamId: teamB.id, authorId: userB.id, target: "RUN", runId: runB.run.id, body: "bravo secret comment" } });
  const geneCommentB = await p.comment.create({ data: { teamId: teamB.id, authorId: userB.id, target: "GENE", gene: "SHARED1", body: "bravo gene comment" } });
  await p.activityEvent.create({ data: { teamId: teamB.id, actorId: userB.id, type: "run.created", subjectType: "Run", subjectId: runB.run.id, summary: "bravo secret activity" } });
  const invB = await p.invitation.create({
    data: { teamId: teamB.id, email: a.email, role: "MEMBER", tokenHash: `h-${tag}`, invitedById: userB.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  Object.assign(B, {
    user: userB.id,
    team: teamB.id,
    dataset: dsB.dataset.id,
    datasetName: dsB.dataset.name,
    run: runB.run.id,
    bicluster: runB.biclusters[0]!.id,
    annotation: annB.id,
    comment: commentB.id,
    geneComment: geneCommentB.id,
    invitation: invB.id,
  });
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

/** Nothing of team B may appear anywhere in a response. */
function expectNoLeak(response: unknown): void {
  const text = JSON.stringify(response);
  for (const secret of [B.team, B.dataset, B.datasetName, B.run, B.bicluster, B.annotation, B.comment, B.geneComment, B.invitation, B.user, "bravo", "Bob Secret"]) {
    expect(text, `leaked ${secret}`).not.toContain(secret as string);
  }
}

async function expectNotFound(query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await api.gql(query, variables, a.token);
  expect(res.errors?.[0]?.extensions?.code, query).toBe("NOT_FOUND");
  expect(res.data ?? null).toBeNull();
  expectNoLeak(res);
}

describe("team B's objects by id are NOT_FOUND for a user of team A", () => {
  const byId: [string, string, () => Record<string, unknown>][] = [
    ["dataset", `query($id: ID!) { dataset(id: $id) { id name } }`, () => ({ id: B.dataset })],
    ["run", `query($id: ID!) { run(id: $id) { id } }`, () => ({ id: B.run })],
    ["bicluster", `query($id: ID!) { bicluster(id: $id) { id } }`, () => ({ id: B.bicluster })],
    ["annotation", `query($id: ID!) { annotation(id: $id) { id note } }`, () => ({ id: B.annotation })],
    ["comment", `query($id: ID!) { comment(id: $id) { id body } }`, () => ({ id: B.comment })],
    ["gene comment", `query($id: ID!) { comment(id: $id) { id body } }`, () => ({ id: B.geneComment })],
    ["team", `query($id: ID!) { team(id: $id) { id name } }`, () => ({ id: B.team })],
    ["members", `query($id: ID!) { members(teamId: $id) { id } }`, () => ({ id: B.team })],
    ["invitations", `query($id: ID!) { invitations(teamId: $id) { id } }`, () => ({ id: B.team })],
    ["datasets of B", `query($id: ID!) { datasets(teamId: $id) { totalCount } }`, () => ({ id: B.team })],
    ["runs of B", `query($id: ID!) { runs(teamId: $id) { totalCount } }`, () => ({ id: B.team })],
    ["runs of B's dataset", `query($id: ID!) { runs(datasetId: $id) { totalCount } }`, () => ({ id: B.dataset })],
    ["biclusters of B's run", `query($id: ID!) { biclusters(runId: $id) { totalCount } }`, () => ({ id: B.run })],
    ["matrix slice", `query($id: ID!) { matrixSlice(datasetId: $id) { values } }`, () => ({ id: B.dataset })],
    ["heatmap", `query($id: ID!) { heatmap(datasetId: $id) { genes } }`, () => ({ id: B.dataset })],
    ["revisions", `query($id: ID!) { annotationRevisions(annotationId: $id) { totalCount } }`, () => ({ id: B.annotation })],
    ["annotations of B", `query($id: ID!) { annotations(teamId: $id) { totalCount } }`, () => ({ id: B.team })],
    ["activity of B", `query($id: ID!) { activity(teamId: $id) { totalCount } }`, () => ({ id: B.team })],
    ["gene search in B", `query($id: ID!) { geneSearch(teamId: $id, query: "SHARED") { gene } }`, () => ({ id: B.team })],
    ["biclusters by gene in B", `query($id: ID!) { biclustersByGene(teamId: $id, gene: "SHARED1") { totalCount } }`, () => ({ id: B.team })],
    ["comments on B's run", `query($id: ID!) { comments(target: RUN, runId: $id) { totalCount } }`, () => ({ id: B.run })],
    ["comments on B's bicluster", `query($id: ID!) { comments(target: BICLUSTER, biclusterId: $id) { totalCount } }`, () => ({ id: B.bicluster })],
    ["comments on a gene in B", `query($id: ID!) { comments(target: GENE, teamId: $id, gene: "SHARED1") { totalCount } }`, () => ({ id: B.team })],
    ["compare with B's run", `query($a: ID!, $b: ID!) { compareRuns(a: $a, b: $b) { pairs { jaccard } } }`, () => ({ a: A.run, b: B.run })],
  ];
  it.each(byId)("%s", async (_name, query, vars) => expectNotFound(query, vars()));

  const writes: [string, string, () => Record<string, unknown>][] = [
    ["deleteDataset", `mutation($id: ID!) { deleteDataset(id: $id) }`, () => ({ id: B.dataset })],
    ["createRun", `mutation($id: ID!) { createRun(datasetId: $id) { id } }`, () => ({ id: B.dataset })],
    ["cancelRun", `mutation($id: ID!) { cancelRun(id: $id) { id } }`, () => ({ id: B.run })],
    ["editComment", `mutation($id: ID!) { editComment(id: $id, body: "x", expectedVersion: 1) { id } }`, () => ({ id: B.comment })],
    ["deleteComment", `mutation($id: ID!) { deleteComment(id: $id) }`, () => ({ id: B.comment })],
    ["addComment on run", `mutation($id: ID!) { addComment(target: RUN, runId: $id, body: "x") { id } }`, () => ({ id: B.run })],
    ["addComment on bicluster", `mutation($id: ID!) { addComment(target: BICLUSTER, biclusterId: $id, body: "x") { id } }`, () => ({ id: B.bicluster })],
    ["addComment on gene", `mutation($id: ID!) { addComment(target: GENE, teamId: $id, gene: "SHARED1", body: "x") { id } }`, () => ({ id: B.team })],
    [
      "upsertAnnotation",
      `mutation($id: ID!) { upsertAnnotation(input: { teamId: $id, gene: "SHARED1", status: REJECTED, expectedVersion: 1 }) { id } }`,
      () => ({ id: B.team }),
    ],
    ["revokeInvitation", `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, () => ({ id: B.invitation })],
    ["inviteMember", `mutation($id: ID!) { inviteMember(teamId: $id, email: "x@example.test", role: OWNER) { token } }`, () => ({ id: B.team })],
    ["changeRole", `mutation($id: ID!, $u: ID!) { changeRole(teamId: $id, userId: $u, role: VIEWER) { id } }`, () => ({ id: B.team, u: B.user })],
    ["removeMember", `mutation($id: ID!, $u: ID!) { removeMember(teamId: $id, userId: $u) }`, () => ({ id: B.team, u: B.user })],
  ];
  it.each(writes)("%s", async (_name, query, vars) => expectNotFound(query, vars()));

  it("left team B's rows untouched", async () => {
    const p = db.prisma;
    expect(await p.dataset.count({ where: { id: B.dataset } })).toBe(1);
    const run = await p.run.findUniqueOrThrow({ where: { id: B.run } });
    expect(run.cancelRequested).toBe(false);
    expect((await p.comment.findUniqueOrThrow({ where: { id: B.comment } })).body).toBe("bravo secret comment");
    expect((await p.annotation.findUniqueOrThrow({ where: { id: B.annotation } })).version).toBe(1);
    expect(await p.comment.count({ where: { teamId: B.team } })).toBe(2);
    expect((await p.invitation.findUniqueOrThrow({ where: { id: B.invitation } })).revokedAt).toBeNull();
  });
});

describe("team B never appears in team A's lists, searches and counts", () => {
  it("lists and counts only team A's rows", async () => {
    const res = await api.gql<Record<string, { totalCount: number; nodes: { id: string }[] }>>(
      `query($t: ID!, $d: ID!) {
        datasets(teamId: $t) { totalCount nodes { id } }
        runs(teamId: $t) { totalCount nodes { id } }
        runsOfDataset: runs(datasetId: $d) { totalCount nodes { id } }
        annotations(teamId: $t) { totalCount nodes { id } }
        activity(teamId: $t) { totalCount nodes { id summary } }
        biclustersByGene(teamId: $t, gene: "SHARED1") { totalCount nodes { id } }
      }`,
      { t: a.teamId, d: A.dataset },
      a.token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.datasets).toMatchObject({ totalCount: 1, nodes: [{ id: A.dataset }] });
    expect(res.data?.runs).toMatchObject({ totalCount: 1, nodes: [{ id: A.run }] });
    expect(res.data?.runsOfDataset?.totalCount).toBe(1);
    expect(res.data?.annotations?.totalCount).toBe(0);
    expect(res.data?.biclustersByGene).toMatchObject({ totalCount: 1, nodes: [{ id: A.bicluster }] });
    expectNoLeak(res);
  });

  it("gene search counts only team A's datasets and biclusters", async () => {
    const res = await api.gql<{ geneSearch: { gene: string; datasetCount: number; biclusterCount: number; runCount: number; annotation: unknown }[] }>(
      `query($t: ID!) { geneSearch(teamId: $t, query: "shared") { gene datasetCount biclusterCount runCount annotation { id } } }`,
      { t: a.teamId },
      a.token,
    );
    expect(res.data?.geneSearch).toEqual([
      { gene: "SHARED1", datasetCount: 1, biclusterCount: 1, runCount: 1, annotation: null },
      { gene: "SHARED2", datasetCount: 1, biclusterCount: 1, runCount: 1, annotation: null },
    ]);
    const none = await api.gql<{ geneSearch: unknown[] }>(`query($t: ID!) { geneSearch(teamId: $t, query: "BONLY") { gene } }`, { t: a.teamId }, a.token);
    expect(none.data?.geneSearch).toEqual([]);
    expectNoLeak(res);
  });

  it("nested fields do not reach team B (annotation status of a shared gene, comments on a gene)", async () => {
    const res = await api.gql<{ bicluster: { genes: { gene: string; annotationStatus: string | null }[] } }>(
      `query($id: ID!) { bicluster(id: $id) { genes { gene annotationStatus annotation { note } } run { dataset { name } } } }`,
      { id: A.bicluster },
      a.token,
    );
    expect(res.data?.bicluster.genes.find((g) => g.gene === "SHARED1")?.annotationStatus).toBeNull();
    const comments = await api.gql<{ comments: { totalCount: number } }>(
      `query($t: ID!) { comments(target: GENE, teamId: $t, gene: "SHARED1") { totalCount nodes { body } } }`,
      { t: a.teamId },
      a.token,
    );
    expect(comments.data?.comments.totalCount).toBe(0);
    const teams = await api.gql(`{ myTeams { id name } me { id } }`, {}, a.token);
    expectNoLeak(res);
    expectNoLeak(comments);
    expectNoLeak(teams);
  });
});
