// Working together: invitation links that name the team, inviter and role (and refuse used or
// unknown tokens), the team wording for invited members, @-mentions and edits of comments,
// notifications (run finished, mentioned, annotation of a followed gene) with an unread count, and
// their team boundary.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findMentions } from "../services/mentions.ts";
import { addMember, seedDataset, seedRun, signUpUser, startTestApi, type SignedUp, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;
let owner: SignedUp;
let member: SignedUp;
let viewer: SignedUp;
let outsider: SignedUp;
let runId: string;
let biclusterId: string;

const NOTES = `{ unreadNotificationCount notifications(first: 20) { id kind summary link read actor { name } } }`;
type Notes = { unreadNotificationCount: number; notifications: { id: string; kind: string; summary: string; link: string | null; read: boolean }[] };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
  owner = await signUpUser(api, "Olive Owner");
  member = await addMember(api, db.prisma, owner.teamId, "MEMBER");
  await db.prisma.user.update({ where: { id: member.userId }, data: { name: "Max Member" } });
  viewer = await addMember(api, db.prisma, owner.teamId, "VIEWER");
  outsider = await signUpUser(api, "Oscar Outsider");
  const ds = await seedDataset(db.prisma, owner.teamId, owner.userId);
  const run = await seedRun(db.prisma, ds, member.userId, [[0, 1, 2]]);
  runId = run.run.id;
  biclusterId = run.biclusters[0]!.id;
});

afterAll(async () => {
  await api?.close();
  await db?.drop();
});

describe("invitation landing", () => {
  const LANDING = `query($t: String!) { invitationLanding(token: $t) { teamName invitedByName role emailHint status } }`;

  it("names the team, the inviter and the role to anyone holding the link, and says when it is used", async () => {
    const invited = await api.gql<{ inviteMember: { token: string } }>(
      `mutation($t: ID!) { inviteMember(teamId: $t, email: "newcomer@example.test", role: VIEWER) { token } }`,
      { t: owner.teamId },
      owner.token,
    );
    const token = invited.data!.inviteMember.token;
    const anonymous = await api.gql<{ invitationLanding: Record<string, string> }>(LANDING, { t: token });
    const team = await db.prisma.team.findUniqueOrThrow({ where: { id: owner.teamId } });
    expect(anonymous.data!.invitationLanding).toEqual({ teamName: team.name, invitedByName: "Olive Owner", role: "VIEWER", emailHint: "n•••@example.test", status: "PENDING" });
    await db.prisma.invitation.updateMany({ where: { email: "newcomer@example.test" }, data: { acceptedAt: new Date() } });
    expect((await api.gql<{ invitationLanding: { status: string } }>(LANDING, { t: token })).data!.invitationLanding.status).toBe("ACCEPTED");
    const madeUp = await api.gql(LANDING, { t: "exi_made-up-token" });
    expect(madeUp.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("tells an invited member that the team is not their personal team", async () => {
    const q = `{ myTeams { id personal isMyPersonalTeam } }`;
    const mine = (await api.gql<{ myTeams: { id: string; isMyPersonalTeam: boolean }[] }>(q, {}, owner.token)).data!.myTeams;
    expect(mine.find((t) => t.id === owner.teamId)?.isMyPersonalTeam).toBe(true);
    const theirs = (await api.gql<{ myTeams: { id: string; personal: boolean; isMyPersonalTeam: boolean }[] }>(q, {}, member.token)).data!.myTeams;
    expect(theirs.find((t) => t.id === owner.teamId)).toMatchObject({ personal: true, isMyPersonalTeam: false });
    expect(theirs.find((t) => t.id !== owner.teamId)).toMatchObject({ personal: true, isMyPersonalTeam: true });
  });
});

describe("mentions, edits and notifications", () => {
  it("reads mentions by name or email handle, not inside other words", () => {
    const people = [
      { userId: "a", name: "Ada Lovelace", email: "ada@lab.org" },
      { userId: "b", name: "Bob", email: "robert@lab.org" },
    ];
    expect(findMentions("thanks @Ada Lovelace and @robert!", people)).toEqual(["a", "b"]);
    expect(findMentions("mail bob@lab.org, or @Bobby", people)).toEqual([]);
    expect(findMentions("@bob: see this", people)).toEqual(["b"]);
  });

  it("notifies a mentioned member once, also for an edit that adds a mention, never the author", async () => {
    const add = `mutation($b: ID!, $body: String!) { addComment(target: BICLUSTER, biclusterId: $b, body: $body) { id version mentions { name } } }`;
    const posted = await api.gql<{ addComment: { id: string; version: number; mentions: { name: string }[] } }>(add, { b: biclusterId, body: "@Max Member, is this the hypoxia group? cc @Olive Owner" }, owner.token);
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.addComment.mentions.map((m) => m.name).sort()).toEqual(["Max Member", "Olive Owner"]);
    const notes = (await api.gql<Notes>(NOTES, {}, member.token)).data!;
    const mention = notes.notifications.find((n) => n.kind === "MENTION");
    expect(mention).toMatchObject({ summary: "Olive Owner mentioned you in a comment on a bicluster", link: `/biclusters/${biclusterId}`, read: false });
    expect((await api.gql<Notes>(NOTES, {}, owner.token)).data!.notifications.filter((n) => n.kind === "MENTION")).toHaveLength(0);

    const edit = `mutation($id: ID!, $body: String!, $v: Int!) { editComment(id: $id, body: $body, expectedVersion: $v) { body version edited mentions { name } } }`;
    const viewerName = (await db.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })).name;
    const edited = await api.gql<{ editComment: { version: number; edited: boolean } }>(edit, { id: posted.data!.addComment.id, body: `@Max Member and @${viewerName}: have a look`, v: 1 }, owner.token);
    expect(edited.data!.editComment).toMatchObject({ version: 2, edited: true });
    const viewerNotes = (await api.gql<Notes>(NOTES, {}, viewer.token)).data!;
    expect(viewerNotes.notifications.filter((n) => n.kind === "MENTION")).toHaveLength(1);
    // Max was mentioned before the edit: still one notification.
    expect((await api.gql<Notes>(NOTES, {}, member.token)).data!.notifications.filter((n) => n.kind === "MENTION")).toHaveLength(1);
    // Only the author edits; another team's member cannot even see it.
    expect((await api.gql(edit, { id: posted.data!.addComment.id, body: "mine now", v: 2 }, member.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await api.gql(edit, { id: posted.data!.addComment.id, body: "mine now", v: 2 }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("announces a finished run to whoever started it, once", async () => {
    const first = (await api.gql<Notes>(NOTES, {}, member.token)).data!;
    const runNote = first.notifications.filter((n) => n.kind === "RUN_FINISHED");
    expect(runNote).toHaveLength(1);
    expect(runNote[0]).toMatchObject({ link: `/runs/${runId}` });
    expect(runNote[0]!.summary).toMatch(/^Your run .* finished$/);
    const again = (await api.gql<Notes>(NOTES, {}, member.token)).data!;
    expect(again.notifications.filter((n) => n.kind === "RUN_FINISHED")).toHaveLength(1);
    expect((await api.gql<Notes>(NOTES, {}, owner.token)).data!.notifications.filter((n) => n.kind === "RUN_FINISHED")).toHaveLength(0);
  });

  it("tells followers of a gene when its annotation changes; marking read lowers the count", async () => {
    const follow = `mutation($t: ID!, $g: String!, $f: Boolean!) { followGene(teamId: $t, gene: $g, follow: $f) }`;
    expect((await api.gql<{ followGene: boolean }>(follow, { t: owner.teamId, g: "GENE2", f: true }, viewer.token)).data!.followGene).toBe(true);
    expect((await api.gql(follow, { t: owner.teamId, g: "GENE2", f: true }, outsider.token)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const upsert = `mutation($input: AnnotationInput!) { upsertAnnotation(input: $input) { version } }`;
    await api.gql(upsert, { input: { teamId: owner.teamId, gene: "GENE2", status: "CANDIDATE" } }, member.token);
    // The annotator now follows the gene: the owner's edit notifies them.
    await api.gql(upsert, { input: { teamId: owner.teamId, gene: "GENE2", status: "VALIDATED", expectedVersion: 1 } }, owner.token);
    expect((await api.gql<Notes>(NOTES, {}, member.token)).data!.notifications.some((n) => n.summary.includes("as validated"))).toBe(true);
    const before = (await api.gql<Notes>(NOTES, {}, viewer.token)).data!;
    const change = before.notifications.find((n) => n.kind === "ANNOTATION_CHANGED" && n.summary.includes("candidate"));
    expect(change?.summary).toBe("Max Member marked GENE2, which you follow, as candidate (version 1)");
    expect(change?.link).toBe(`/genes/GENE2?team=${owner.teamId}`);
    expect(before.notifications.filter((n) => n.kind === "ANNOTATION_CHANGED")).toHaveLength(2);

    const mark = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
    expect((await api.gql<{ markNotificationsRead: number }>(mark, { ids: [change!.id] }, outsider.token)).data!.markNotificationsRead).toBe(0);
    expect((await api.gql<{ markNotificationsRead: number }>(mark, { ids: [change!.id] }, viewer.token)).data!.markNotificationsRead).toBe(1);
    const after = (await api.gql<Notes>(NOTES, {}, viewer.token)).data!;
    expect(after.unreadNotificationCount).toBe(before.unreadNotificationCount - 1);
    await api.gql(mark, {}, viewer.token);
    expect((await api.gql<Notes>(NOTES, {}, viewer.token)).data!.unreadNotificationCount).toBe(0);
    // An outsider's notifications never show another team's.
    expect((await api.gql<Notes>(NOTES, {}, outsider.token)).data!.notifications).toEqual([]);
  });
});
