import type { Metadata } from "next";
import { ApiTokens } from "../../../components/team/ApiTokens.tsx";
import { CreateTeamForm, InviteForm, MemberControls, RevokeInvitationButton } from "../../../components/team/TeamActions.tsx";
import { Card, PageHeader } from "../../../components/ui.tsx";
import { env } from "../../../env.ts";
import { graphql } from "../../../generated/index.ts";
import { enumLabel, formatDate, formatRelative } from "../../../lib/format.ts";
import { pageQuery } from "../../../lib/graphql/server.ts";
import { scopedTeam } from "../../../lib/team-scope.ts";
import { canManage } from "../../../lib/viewer.ts";

export const metadata: Metadata = { title: "Team settings" };

const TeamQuery = graphql(`
  query TeamSettings($teamId: ID!) {
    team(id: $teamId) {
      id
      name
      slug
      personal
      myRole
      createdAt
      members {
        id
        role
        joinedAt
        user {
          id
          name
          email
        }
      }
    }
    apiTokens {
      id
      name
      prefix
      createdAt
      expiresAt
      lastUsedAt
      revokedAt
    }
  }
`);

const InvitationsQuery = graphql(`
  query TeamInvitations($teamId: ID!) {
    invitations(teamId: $teamId) {
      id
      email
      role
      createdAt
      expiresAt
      invitedBy {
        name
      }
    }
  }
`);

export default async function TeamPage(props: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { team: current, me } = await scopedTeam((await props.searchParams).team);
  const { team, apiTokens } = await pageQuery(TeamQuery, { teamId: current.id });
  const manager = canManage(team.myRole);
  const invitations = manager ? (await pageQuery(InvitationsQuery, { teamId: team.id })).invitations : [];
  const isOwner = team.myRole === "OWNER";
  const ownerCount = team.members.filter((m) => m.role === "OWNER").length;
  return (
    <>
      <PageHeader
        title="Team settings"
        subtitle={
          <>
            <strong>{team.name}</strong>
            {team.personal ? " (personal team)" : ""} · created {formatDate(team.createdAt)} · your role:{" "}
            {enumLabel(team.myRole)}
          </>
        }
      />
      <div className="stack">
        <Card title={`Members (${team.members.length})`}>
          <div className="table-wrap">
            <table className="table" aria-label="Members">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Email</th>
                  <th>Joined</th>
                  <th>Role</th>
                </tr>
              </thead>
              <tbody>
                {team.members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.user.name}
                      {m.user.id === me.id ? <span className="small muted"> (you)</span> : null}
                    </td>
                    <td className="small">{m.user.email}</td>
                    <td className="small">{formatRelative(m.joinedAt)}</td>
                    <td>
                      <MemberControls
                        teamId={team.id}
                        userId={m.user.id}
                        name={m.user.name}
                        role={m.role}
                        isSelf={m.user.id === me.id}
                        canManage={manager}
                        isOwner={isOwner}
                        lastOwner={m.role === "OWNER" && ownerCount === 1}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
        {manager ? (
          <Card title="Invitations">
            <div className="stack" style={{ gap: "1rem" }}>
              <InviteForm teamId={team.id} isOwner={isOwner} />
              {invitations.length === 0 ? (
                <p className="muted" style={{ margin: 0 }}>No pending invitations.</p>
              ) : (
                <table className="table" aria-label="Pending invitations">
                  <thead>
                    <tr>
                      <th>Email</th>
                      <th>Role</th>
                      <th>Invited by</th>
                      <th>Expires</th>
                      <th><span className="sr-only">Actions</span></th>
                    </tr>
                  </thead>
                  <tbody>
                    {invitations.map((i) => (
                      <tr key={i.id}>
                        <td>{i.email}</td>
                        <td>{enumLabel(i.role)}</td>
                        <td className="small">{i.invitedBy.name}</td>
                        <td className="small">{formatDate(i.expiresAt)}</td>
                        <td>
                          <RevokeInvitationButton id={i.id} email={i.email} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          </Card>
        ) : (
          <Card title="Invitations">
            <p className="muted" style={{ margin: 0 }}>Only admins and owners invite members.</p>
          </Card>
        )}
        <Card title="Your API tokens">
          <ApiTokens tokens={apiTokens} apiUrl={env().publicGraphqlUrl} />
        </Card>
        <Card title="Another team">
          <CreateTeamForm />
        </Card>
      </div>
    </>
  );
}
