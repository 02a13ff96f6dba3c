// Every Query and Mutation, generated from the schema, tried as: nobody, a revoked session, a member
// of another team, and a viewer (writes). Each root field needs a case below (how to point it at
// team A's objects): adding an operation without one fails the first test, so no operation ships
// untried. Operations are built from the schema: arguments typed from the field, selection = the
// scalar fields of the result (and of its page's nodes), so a leak would show in the data.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import {
  getNamedType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../auth/tokens.ts";
import { addMember, seedDataset, seedRun, signUpUser, startTestApi, randomTag, type SignedUp, type TestApi } from "../server/test-support.ts";
import { schema } from "./schema.ts";

type Ids = Record<string, string>;
interface Case {
  vars: (a: Ids) => Record<string, unknown>;
  /** Acts on the caller's own account or public data: other teams' members may use it. */
  own?: boolean;
  /** A personal action inside team A that any member may take, viewers included (following a gene). */
  anyRole?: boolean;
}

const SECRET = `SECRETGENE${randomTag()}`;

const CASES: Record<string, Case | "public" | "internal"> = {
  "Query.health": "public",
  "Query.activity": { vars: (a) => ({ teamId: a.team }) },
  "Query.annotation": { vars: (a) => ({ id: a.annotation }) },
  "Query.annotationRevisions": { vars: (a) => ({ annotationId: a.annotation }) },
  "Query.annotations": { vars: (a) => ({ teamId: a.team }) },
  "Query.apiTokens": { vars: () => ({}), own: true },
  "Query.bicluster": { vars: (a) => ({ id: a.bicluster }) },
  "Query.biclusters": { vars: (a) => ({ runId: a.run }) },
  "Query.biclustersByGene": { vars: (a) => ({ teamId: a.team, gene: SECRET }) },
  "Query.comment": { vars: (a) => ({ id: a.comment }) },
  "Query.comments": { vars: (a) => ({ target: "RUN", runId: a.run }) },
  "Query.compareRuns": { vars: (a) => ({ a: a.run, b: a.run }) },
  "Query.dataset": { vars: (a) => ({ id: a.dataset }) },
  "Query.datasets": { vars: (a) => ({ teamId: a.team }) },
  "Query.estimateRun": { vars: (a) => ({ datasetId: a.dataset }) },
  "Query.geneSearch": { vars: (a) => ({ teamId: a.team, query: SECRET.slice(0, 8) }) },
  "Query.heatmap": { vars: (a) => ({ datasetId: a.dataset }) },
  "Query.invitationPreview": { vars: (a) => ({ token: a.invitationToken }) },
  "Query.invitations": { vars: (a) => ({ teamId: a.team }) },
  "Query.matrixSlice": { vars: (a) => ({ datasetId: a.dataset }) },
  "Query.me": { vars: () => ({}), own: true },
  "Query.members": { vars: (a) => ({ teamId: a.team }) },
  "Query.methods": { vars: () => ({}), own: true },
  "Query.myTeams": { vars: () => ({}), own: true },
  "Query.run": { vars: (a) => ({ id: a.run }) },
  "Query.runs": { vars: (a) => ({ teamId: a.team }) },
  "Query.team": { vars: (a) => ({ id: a.team }) },
  "Query.deTable": { vars: (a) => ({ datasetId: a.dataset }) },
  "Query.checkSampleSheet": { vars: (a) => ({ datasetId: a.dataset, text: "condition,time\nt0,0\n" }) },
  "Query.gene": { vars: (a) => ({ teamId: a.team, symbol: SECRET }) },
  "Query.geneSetLibraries": { vars: (a) => ({ teamId: a.team }) },
  "Query.heatmapView": { vars: (a) => ({ datasetId: a.dataset }) },
  "Query.invitationLanding": "public",
  "Query.notifications": { vars: () => ({}), own: true },
  "Query.unreadNotificationCount": { vars: () => ({}), own: true },
  "Mutation.applySampleSheet": { vars: (a) => ({ datasetId: a.dataset, expectedVersion: 1, text: "condition,time\nt0,0\n" }) },
  "Mutation.deleteGeneSetLibrary": { vars: (a) => ({ id: a.library }) },
  "Mutation.followGene": { vars: (a) => ({ teamId: a.team, gene: SECRET, follow: true }), anyRole: true },
  "Mutation.markNotificationsRead": { vars: (a) => ({ ids: [a.notification] }), own: true },
  "Mutation.updateConditions": { vars: (a) => ({ datasetId: a.dataset, expectedVersion: 1, conditions: [{ index: 0, label: "changed" }] }) },
  "Query.syntheticDesigns": { vars: () => ({}), own: true },
  "Mutation.login": "public",
  "Mutation.signUp": "public",
  "Mutation.verifyEmail": "public",
  "Mutation.oauthSignIn": "internal",
  "Mutation.acceptInvitation": { vars: (a) => ({ token: a.invitationToken }) },
  "Mutation.addComment": { vars: (a) => ({ target: "RUN", runId: a.run, body: "intruder" }) },
  "Mutation.cancelRun": { vars: (a) => ({ id: a.run }) },
  "Mutation.changeRole": { vars: (a) => ({ teamId: a.team, userId: a.viewer, role: "OWNER" }) },
  "Mutation.createApiToken": { vars: () => ({ name: "mine" }), own: true },
  "Mutation.createRun": { vars: (a) => ({ datasetId: a.dataset }) },
  "Mutation.createTeam": { vars: () => ({ name: `Own ${randomTag()}` }), own: true },
  "Mutation.deleteComment": { vars: (a) => ({ id: a.comment }) },
  "Mutation.deleteDataset": { vars: (a) => ({ id: a.dataset }) },
  "Mutation.editComment": { vars: (a) => ({ id: a.comment, body: "intruder", expectedVersion: 1 }) },
  "Mutation.inviteMember": { vars: (a) => ({ teamId: a.team, email: `x-${randomTag()}@example.test`, role: "OWNER" }) },
  "Mutation.logout": { vars: () => ({}), own: true },
  "Mutation.removeMember": { vars: (a) => ({ teamId: a.team, userId: a.owner }) },
  "Mutation.resendEmailVerification": { vars: () => ({}), own: true },
  "Mutation.revokeApiToken": { vars: (a) => ({ id: a.apiToken }) },
  "Mutation.revokeInvitation": { vars: (a) => ({ id: a.invitation }) },
  "Mutation.updateRun": { vars: (a) => ({ id: a.run, name: "intruder" }) },
  "Mutation.createClassifyRun": { vars: (a) => ({ datasetId: a.dataset, labelColumn: "group" }) },
  "Mutation.createRegressRun": { vars: (a) => ({ datasetId: a.dataset, target: "logFC" }) },
  "Mutation.computeDifferentialExpression": { vars: (a) => ({ datasetId: a.dataset, labelColumn: "group", first: "A", second: "B" }) },
  "Mutation.createBenchmarkRun": { vars: (a) => ({ datasetId: a.dataset, methods: ["kmeans"], seeds: 1 }) },
  "Mutation.createSyntheticDataset": { vars: (a) => ({ teamId: a.team, design: "temporal", genes: 50, conditions: 6, biclusters: 2 }) },
  "Mutation.uploadDatasetTruth": { vars: (a) => ({ datasetId: a.dataset, content: "gene,class\nAONLY1,a\n" }) },
  "Mutation.upsertAnnotation": { vars: (a) => ({ input: { teamId: a.team, gene: SECRET, status: "REJECTED", expectedVersion: 1 } }) },
};

interface Operation {
  name: string;
  kind: "query" | "mutation";
  text: string;
}

function scalarSelection(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return "";
  if (isUnionType(type) || isInterfaceType(type)) return "{ __typename }";
  const object = type as GraphQLObjectType;
  const parts = ["__typename"];
  for (const field of Object.values(object.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (depth > 0 && (field.name === "nodes" || isObjectType(named))) parts.push(`${field.name} ${scalarSelection(named, depth - 1)}`);
  }
  return `{ ${parts.join(" ")} }`;
}

function operations(): Operation[] {
  const out: Operation[] = [];
  for (const [kind, root] of [["query", schema.getQueryType()], ["mutation", schema.getMutationType()]] as const) {
    for (const field of Object.values(root?.getFields() ?? {}) as GraphQLField<unknown, unknown>[]) {
      const defs = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
      const selection = scalarSelection(getNamedType(field.type), 1);
      out.push({
        name: `${root?.name}.${field.name}`,
        kind,
        text: `${kind}${defs ? `(${defs})` : ""} { ${field.name}${args ? `(${args})` : ""} ${selection} }`,
      });
    }
  }
  return out;
}

let db: TestDatabase;
let api: TestApi;
let owner: SignedUp;
let viewer: SignedUp;
let stranger: SignedUp;
let revoked: string;
const A: Ids = {};
let markers: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  owner = await signUpUser(api, "Owner");
  viewer = await addMember(api, db.prisma, owner.teamId, "VIEWER");
  stranger = await signUpUser(api, "Stranger");
  const gone = await signUpUser(api, "Gone");
  await db.prisma.session.updateMany({ where: { tokenHash: hashToken(gone.token) }, data: { revokedAt: new Date() } });
  revoked = gone.token;

  const p = db.prisma;
  const name = `alpha-secret-${randomTag()}`;
  const ds = await seedDataset(p, owner.teamId, owner.userId, { genes: [SECRET, "AONLY1", "AONLY2", "AONLY3"], name });
  const run = await seedRun(p, ds, owner.userId, [[0, 1, 2]]);
  const note = `alpha secret note ${randomTag()}`;
  const annotation = await p.annotation.create({ data: { teamId: owner.teamId, gene: SECRET, status: "VALIDATED", note, tags: ["alpha-tag"], authorId: owner.userId } });
  await p.annotationRevision.create({ data: { annotationId: annotation.id, version: 1, status: "VALIDATED", note, tags: [], evidenceLinks: [], authorId: owner.userId } });
  const body = `alpha secret comment ${randomTag()}`;
  const comment = await p.comment.create({ data: { teamId: owner.teamId, authorId: owner.userId, target: "RUN", runId: run.run.id, body } });
  const invitationToken = `exi_${randomTag()}${randomTag()}`;
  const invitation = await p.invitation.create({
    data: { teamId: owner.teamId, email: `invitee-${randomTag()}@example.test`, role: "MEMBER", tokenHash: hashToken(invitationToken), invitedById: owner.userId, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const library = await p.geneSetLibrary.create({ data: { teamId: owner.teamId, name: `alpha library ${randomTag()}`, setCount: 0, geneCount: 0, createdById: owner.userId } });
  const notification = await p.notification.create({
    data: { userId: owner.userId, teamId: owner.teamId, kind: "MENTION", key: `k-${randomTag()}`, summary: `alpha secret notification ${randomTag()}` },
  });
  const token = await api.gql<{ createApiToken: { apiToken: { id: string } } }>(`mutation { createApiToken(name: "owner's") { apiToken { id } } }`, {}, owner.token);
  Object.assign(A, {
    team: owner.teamId,
    owner: owner.userId,
    viewer: viewer.userId,
    dataset: ds.dataset.id,
    run: run.run.id,
    bicluster: run.biclusters[0]!.id,
    annotation: annotation.id,
    comment: comment.id,
    invitation: invitation.id,
    invitationToken,
    apiToken: token.data!.createApiToken.apiToken.id,
    library: library.id,
    notification: notification.id,
  });
  markers = [name, note, body, SECRET, "alpha-tag", owner.email, ds.dataset.id, run.run.id, annotation.id, comment.id, invitation.id, library.name, library.id, notification.summary];
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

function leaks(response: unknown): string[] {
  const text = JSON.stringify(response);
  return markers.filter((m) => text.includes(m));
}

describe("generated authorization test", () => {
  const all = operations();

  it("has a case for every Query and Mutation (add one for a new operation)", () => {
    const missing = all.map((o) => o.name).filter((n) => !(n in CASES));
    const stale = Object.keys(CASES).filter((n) => !all.some((o) => o.name === n));
    expect(missing, "operations without a case").toEqual([]);
    expect(stale, "cases of operations that no longer exist").toEqual([]);
    console.log(`[authz] ${all.length} operations: ${all.filter((o) => o.kind === "query").length} queries, ${all.filter((o) => o.kind === "mutation").length} mutations`);
  });

  const guarded = () => all.filter((o) => typeof CASES[o.name] === "object");

  it("answers UNAUTHENTICATED to every protected operation without a token and with a revoked one", async () => {
    for (const token of [null, revoked]) {
      for (const op of [...guarded(), ...all.filter((o) => CASES[o.name] === "internal")]) {
        const c = CASES[op.name];
        const vars = typeof c === "object" ? c.vars(A) : { email: owner.email, name: "X", provider: "github", providerAccountId: "1" };
        const res = await api.gql(op.text, vars, token);
        expect(codeOf(res), `${op.name} ${token ? "revoked" : "anonymous"}`).toBe("UNAUTHENTICATED");
        expect(leaks(res), op.name).toEqual([]);
      }
    }
  });

  it("gives another team's member nothing of team A: NOT_FOUND or FORBIDDEN, or data without A's rows", async () => {
    for (const op of guarded()) {
      const c = CASES[op.name] as Case;
      if (c.own) continue;
      const res = await api.gql(op.text, c.vars(A), stranger.token);
      const code = codeOf(res);
      if (code !== undefined) expect(["NOT_FOUND", "FORBIDDEN"], `${op.name}: ${code}`).toContain(code);
      expect(leaks(res), op.name).toEqual([]);
    }
    const internal = await api.gql(all.find((o) => o.name === "Mutation.oauthSignIn")!.text, { email: owner.email, name: "X", provider: "github", providerAccountId: "1" }, stranger.token);
    expect(codeOf(internal)).toBe("FORBIDDEN");
    // Own-account operations given A's ids touch only the caller's rows.
    const marked = await api.gql<{ markNotificationsRead: number }>(`mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: [A.notification] }, stranger.token);
    expect(marked.data?.markNotificationsRead).toBe(0);
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: A.notification } })).readAt).toBeNull();
  });

  it("refuses every write on team A to a viewer of team A", async () => {
    // Deleting the dataset last: were it allowed, the other cases would have nothing to aim at.
    const writes = guarded().filter((o) => o.kind === "mutation" && !(CASES[o.name] as Case).own && !(CASES[o.name] as Case).anyRole);
    writes.sort((x, y) => Number(x.name === "Mutation.deleteDataset") - Number(y.name === "Mutation.deleteDataset"));
    for (const op of writes) {
      const res = await api.gql(op.text, (CASES[op.name] as Case).vars(A), viewer.token);
      expect(["FORBIDDEN", "NOT_FOUND"], `${op.name}: ${codeOf(res)}`).toContain(codeOf(res));
    }
    // Nothing changed.
    expect(await db.prisma.dataset.count({ where: { id: A.dataset } })).toBe(1);
    expect((await db.prisma.comment.findUniqueOrThrow({ where: { id: A.comment } })).body).toMatch(/alpha secret comment/);
    expect((await db.prisma.membership.findFirstOrThrow({ where: { userId: A.viewer, teamId: A.team } })).role).toBe("VIEWER");
    expect(await db.prisma.geneSetLibrary.count({ where: { id: A.library } })).toBe(1);
    expect((await db.prisma.notification.findUniqueOrThrow({ where: { id: A.notification } })).readAt).toBeNull();
  });
});
