// Sign-up, login, logout, API tokens (expired and revoked rejected), OAuth sign-in (internal only),
// invitations and roles, through GraphQL over HTTP against a real PostgreSQL.
import { createTestDatabase, type TestDatabase } from "@exprlab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../auth/tokens.ts";
import { addMember, randomTag, signUpUser, startTestApi, type TestApi } from "../server/test-support.ts";

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db.prisma);
});
afterAll(async () => {
  await api?.close();
  await db?.drop();
});

const ME = `{ me { id email name } }`;

describe("sign-up and login", () => {
  it("signs up with a personal team, stores only hashes, logs in and out", async () => {
    const u = await signUpUser(api, "Ada");
    const me = await api.gql<{ me: { id: string; email: string } }>(ME, {}, u.token);
    expect(me.data?.me).toMatchObject({ id: u.userId, email: u.email });

    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: u.userId } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(u.token.startsWith("exs_")).toBe(true);
    const session = await db.prisma.session.findFirstOrThrow({ where: { userId: u.userId } });
    expect(session.tokenHash).toBe(hashToken(u.token));
    expect(session.tokenHash).not.toContain(u.token);

    const teams = await api.gql<{ myTeams: { personal: boolean; myRole: string }[] }>(`{ myTeams { personal myRole } }`, {}, u.token);
    expect(teams.data?.myTeams).toEqual([{ personal: true, myRole: "OWNER" }]);

    const bad = await api.gql(`mutation { login(email: "${u.email}", password: "wrong-password") { token } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const unknown = await api.gql(`mutation { login(email: "nobody-${randomTag()}@example.test", password: "whatever1") { token } }`);
    expect(unknown.errors?.[0]?.message).toBe(bad.errors?.[0]?.message);

    const login = await api.gql<{ login: { token: string } }>(
      `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt } }`,
      { e: u.email.toUpperCase(), p: u.password },
    );
    const second = login.data?.login.token as string;
    expect(second).toMatch(/^exs_/);
    expect((await api.gql(ME, {}, second)).data).toBeTruthy();

    const out = await api.gql<{ logout: boolean }>(`mutation { logout }`, {}, second);
    expect(out.data?.logout).toBe(true);
    const after = await api.gql(ME, {}, second);
    expect(after.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // The first session is still valid.
    expect((await api.gql(ME, {}, u.token)).data?.me).toBeTruthy();
  });

  it("answers a taken email like a new one, and rejects weak passwords naming the field", async () => {
    const u = await signUpUser(api);
    const dup = await api.gql<{ signUp: { message: string } }>(`mutation { signUp(email: "${u.email}", password: "long-enough-pw", name: "X") { message } }`);
    const fresh = await api.gql<{ signUp: { message: string } }>(`mutation { signUp(email: "n-${randomTag()}@example.test", password: "long-enough-pw", name: "X") { message } }`);
    expect(dup.errors).toBeUndefined();
    expect(dup.data).toEqual(fresh.data);
    const weak = await api.gql(`mutation { signUp(email: "w-${randomTag()}@example.test", password: "short", name: "X") { message } }`);
    expect(weak.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "password" });
  });

  it("answers UNAUTHENTICATED without a token and for garbage tokens", async () => {
    expect((await api.gql(ME)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await api.gql(ME, {}, "exs_nope")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await api.gql(ME, {}, "random")).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect((await api.gql<{ health: string }>(`{ health }`)).data?.health).toBe("ok");
  });

  it("rejects an expired session", async () => {
    const u = await signUpUser(api);
    await db.prisma.session.updateMany({ where: { tokenHash: hashToken(u.token) }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await api.gql(ME, {}, u.token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("API tokens", () => {
  const CREATE = `mutation($name: String!, $days: Int) { createApiToken(name: $name, expiresInDays: $days) { token apiToken { id name prefix expiresAt } } }`;

  it("creates (shown once), lists, authenticates, revokes", async () => {
    const u = await signUpUser(api);
    const created = await api.gql<{ createApiToken: { token: string; apiToken: { id: string; prefix: string; expiresAt: string | null } } }>(
      CREATE,
      { name: "script", days: 30 },
      u.token,
    );
    const { token, apiToken } = created.data!.createApiToken;
    expect(token).toMatch(/^exp_/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    expect(new Date(apiToken.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    const me = await api.gql<{ me: { id: string } }>(ME, {}, token);
    expect(me.data?.me.id).toBe(u.userId);

    const list = await api.gql<{ apiTokens: Record<string, unknown>[] }>(`{ apiTokens { id name prefix lastUsedAt revokedAt } }`, {}, u.token);
    expect(list.data?.apiTokens).toHaveLength(1);
    expect(JSON.stringify(list.data)).not.toContain(token);
    expect(list.data?.apiTokens[0]?.lastUsedAt).not.toBeNull();

    // Another user cannot revoke it.
    const other = await signUpUser(api);
    const foreign = await api.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: apiToken.id }, other.token);
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const revoked = await api.gql<{ revokeApiToken: { revokedAt: string } }>(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, { id: apiToken.id }, u.token);
    expect(revoked.data?.revokeApiToken.revokedAt).toBeTruthy();
    expect((await api.gql(ME, {}, token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    // logout with an API token revokes nothing.
    const t2 = (await api.gql<{ createApiToken: { token: string } }>(CREATE, { name: "t2" }, u.token)).data!.createApiToken.token;
    expect((await api.gql<{ logout: boolean }>(`mutation { logout }`, {}, t2)).data?.logout).toBe(false);
    expect((await api.gql(ME, {}, t2)).data?.me).toBeTruthy();
  });

  it("rejects an expired API token", async () => {
    const u = await signUpUser(api);
    const { token, apiToken } = (await api.gql<{ createApiToken: { token: string; apiToken: { id: string } } }>(CREATE, { name: "old", days: 1 }, u.token)).data!
      .createApiToken;
    await db.prisma.apiToken.update({ where: { id: apiToken.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await api.gql(ME, {}, token)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("validates expiresInDays", async () => {
    const u = await signUpUser(api);
    const res = await api.gql(CREATE, { name: "x", days: 0 }, u.token);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "expiresInDays" });
  });
});

describe("oauthSignIn", () => {
  const OAUTH = `mutation($p: String!, $id: String!, $e: String!, $n: String!) { oauthSignIn(provider: $p, providerAccountId: $id, email: $e, name: $n) { token user { id email } } }`;

  it("needs the internal secret, then creates once and finds again", async () => {
    const vars = { p: "github", id: `gh-${randomTag()}`, e: `oauth-${randomTag()}@example.test`, n: "Octo" };
    const denied = await api.gql(OAUTH, vars);
    expect(denied.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const wrong = await api.gql(OAUTH, vars, null, { "x-exprlab-internal-secret": "not-the-secret-at-all" });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const headers = { "x-exprlab-internal-secret": api.internalSecret };
    const first = await api.gql<{ oauthSignIn: { token: string; user: { id: string } } }>(OAUTH, vars, null, headers);
    const second = await api.gql<{ oauthSignIn: { token: string; user: { id: string } } }>(OAUTH, vars, null, headers);
    expect(first.data?.oauthSignIn.user.id).toBe(second.data?.oauthSignIn.user.id);
    expect(first.data?.oauthSignIn.token).not.toBe(second.data?.oauthSignIn.token);
    const token = first.data!.oauthSignIn.token;
    const teams = await api.gql<{ myTeams: { personal: boolean }[] }>(`{ myTeams { personal } }`, {}, token);
    expect(teams.data?.myTeams).toEqual([{ personal: true }]);
  });
});

describe("teams, invitations and roles", () => {
  it("invites by email, the invitee accepts, roles change, the last owner stays", async () => {
    const owner = await signUpUser(api, "Owner");
    const team = (await api.gql<{ createTeam: { id: string; myRole: string } }>(`mutation { createTeam(name: "Lab") { id myRole } }`, {}, owner.token)).data!.createTeam;
    expect(team.myRole).toBe("OWNER");
    const invitee = await signUpUser(api, "Invitee");

    const invite = await api.gql<{ inviteMember: { token: string; url: string; invitation: { id: string; role: string } } }>(
      `mutation($t: ID!, $e: String!) { inviteMember(teamId: $t, email: $e, role: MEMBER) { token url invitation { id role } } }`,
      { t: team.id, e: invitee.email },
      owner.token,
    );
    const { token, url } = invite.data!.inviteMember;
    expect(url).toContain(encodeURIComponent(token));

    // Someone else's email cannot use it.
    const stranger = await signUpUser(api);
    const wrongUser = await api.gql(`mutation($k: String!) { acceptInvitation(token: $k) { id } }`, { k: token }, stranger.token);
    expect(wrongUser.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const preview = await api.gql<{ invitationPreview: { teamName: string; role: string } }>(
      `query($k: String!) { invitationPreview(token: $k) { teamId teamName role email invitedByName expiresAt } }`,
      { k: token },
      invitee.token,
    );
    expect(preview.data?.invitationPreview).toMatchObject({ teamName: "Lab", role: "MEMBER" });
    const strangerPreview = await api.gql(`query($k: String!) { invitationPreview(token: $k) { teamName } }`, { k: token }, stranger.token);
    expect(strangerPreview.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const accepted = await api.gql<{ acceptInvitation: { id: string; myRole: string } }>(
      `mutation($k: String!) { acceptInvitation(token: $k) { id myRole } }`,
      { k: token },
      invitee.token,
    );
    expect(accepted.data?.acceptInvitation).toEqual({ id: team.id, myRole: "MEMBER" });
    const reuse = await api.gql(`mutation($k: String!) { acceptInvitation(token: $k) { id } }`, { k: token }, invitee.token);
    expect(reuse.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    const members = await api.gql<{ members: { role: string; user: { id: string } }[] }>(
      `query($t: ID!) { members(teamId: $t) { role user { id } } }`,
      { t: team.id },
      invitee.token,
    );
    expect(members.data?.members.map((m) => m.role).sort()).toEqual(["MEMBER", "OWNER"]);

    // A member cannot manage members.
    const notAdmin = await api.gql(
      `mutation($t: ID!, $u: ID!) { changeRole(teamId: $t, userId: $u, role: VIEWER) { role } }`,
      { t: team.id, u: owner.userId },
      invitee.token,
    );
    expect(notAdmin.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const promoted = await api.gql<{ changeRole: { role: string } }>(
      `mutation($t: ID!, $u: ID!) { changeRole(teamId: $t, userId: $u, role: ADMIN) { role } }`,
      { t: team.id, u: invitee.userId },
      owner.token,
    );
    expect(promoted.data?.changeRole.role).toBe("ADMIN");

    const lastOwner = await api.gql(
      `mutation($t: ID!, $u: ID!) { changeRole(teamId: $t, userId: $u, role: MEMBER) { role } }`,
      { t: team.id, u: owner.userId },
      owner.token,
    );
    expect(lastOwner.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const removeOwner = await api.gql(`mutation($t: ID!, $u: ID!) { removeMember(teamId: $t, userId: $u) }`, { t: team.id, u: owner.userId }, owner.token);
    expect(removeOwner.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // An admin cannot remove an owner.
    const adminRemovesOwner = await api.gql(`mutation($t: ID!, $u: ID!) { removeMember(teamId: $t, userId: $u) }`, { t: team.id, u: owner.userId }, invitee.token);
    expect(adminRemovesOwner.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    // Revoked invitations cannot be accepted.
    const late = await signUpUser(api);
    const inv2 = (
      await api.gql<{ inviteMember: { token: string; invitation: { id: string } } }>(
        `mutation($t: ID!, $e: String!) { inviteMember(teamId: $t, email: $e, role: VIEWER) { token invitation { id } } }`,
        { t: team.id, e: late.email },
        invitee.token,
      )
    ).data!.inviteMember;
    const pending = await api.gql<{ invitations: { id: string }[] }>(`query($t: ID!) { invitations(teamId: $t) { id } }`, { t: team.id }, owner.token);
    expect(pending.data?.invitations.map((i) => i.id)).toEqual([inv2.invitation.id]);
    await api.gql(`mutation($id: ID!) { revokeInvitation(id: $id) { id } }`, { id: inv2.invitation.id }, owner.token);
    const afterRevoke = await api.gql(`mutation($k: String!) { acceptInvitation(token: $k) { id } }`, { k: inv2.token }, late.token);
    expect(afterRevoke.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");

    // Leaving works for non-owners; the feed shows the join.
    const viewer = await addMember(api, db.prisma, team.id, "VIEWER");
    const left = await api.gql<{ removeMember: boolean }>(`mutation($t: ID!, $u: ID!) { removeMember(teamId: $t, userId: $u) }`, { t: team.id, u: viewer.userId }, viewer.token);
    expect(left.data?.removeMember).toBe(true);
    const feed = await api.gql<{ activity: { nodes: { type: string }[] } }>(`query($t: ID!) { activity(teamId: $t) { nodes { type } } }`, { t: team.id }, owner.token);
    expect(feed.data?.activity.nodes.map((n) => n.type)).toContain("member.joined");
  });
});
