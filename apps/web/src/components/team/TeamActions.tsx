"use client";
// Team settings actions: invite (with a copyable link), change roles, remove members, revoke
// invitations, create teams.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { enumLabel } from "../../lib/format.ts";
import { setCurrentTeam } from "../../lib/team-actions.ts";
import { useAction } from "../../lib/use-action.ts";
import { CopyField } from "../CopyField.tsx";
import { Alert } from "../ui.tsx";

const Invite = graphql(`
  mutation InviteMember($teamId: ID!, $email: String!, $role: Role!) {
    inviteMember(teamId: $teamId, email: $email, role: $role) {
      url
      invitation {
        id
        email
        role
      }
    }
  }
`);
const ChangeRole = graphql(`
  mutation ChangeRole($teamId: ID!, $userId: ID!, $role: Role!) {
    changeRole(teamId: $teamId, userId: $userId, role: $role) {
      id
      role
    }
  }
`);
const RemoveMember = graphql(`
  mutation RemoveMember($teamId: ID!, $userId: ID!) {
    removeMember(teamId: $teamId, userId: $userId)
  }
`);
const RevokeInvitation = graphql(`
  mutation RevokeInvitation($id: ID!) {
    revokeInvitation(id: $id) {
      id
    }
  }
`);
const CreateTeam = graphql(`
  mutation CreateTeam($name: String!) {
    createTeam(name: $name) {
      id
    }
  }
`);

type Role = "OWNER" | "ADMIN" | "MEMBER" | "VIEWER";
const ROLES: { value: Role; label: string }[] = [
  { value: "VIEWER", label: "Viewer: reads everything" },
  { value: "MEMBER", label: "Member: imports, runs, annotates" },
  { value: "ADMIN", label: "Admin: also manages members" },
  { value: "OWNER", label: "Owner: also manages owners" },
];

export function InviteForm({ teamId, isOwner }: { teamId: string; isOwner: boolean }) {
  const router = useRouter();
  const [link, setLink] = useState<{ url: string; email: string }>();
  const { busy, error, run } = useAction();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    await run(async () => {
      const { inviteMember } = await gql(Invite, { teamId, email: String(data.get("email") ?? "").trim(), role: String(data.get("role")) as Role });
      setLink({ url: inviteMember.url, email: inviteMember.invitation.email });
      form.reset();
      router.refresh();
    });
  }
  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      <form className="row" onSubmit={(e) => void onSubmit(e)} aria-label="Invite a member" style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: 2, minWidth: 220 }}>
          <label htmlFor="invite-email">Email</label>
          <input id="invite-email" name="email" type="email" required />
        </div>
        <div className="field" style={{ flex: 1, minWidth: 200 }}>
          <label htmlFor="invite-role">Role</label>
          <select id="invite-role" name="role" defaultValue="MEMBER">
            {ROLES.filter((r) => isOwner || r.value !== "OWNER").map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Creating…" : "Create invitation"}
        </button>
      </form>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {link ? (
        <div className="alert alert-success">
          <CopyField id="invitation-link" label={`Invitation link for ${link.email}`} value={link.url} />
          <p className="small" style={{ margin: "0.4rem 0 0" }}>
            Send this link to {link.email}; it is shown only now and works for 7 days. They sign in (or sign up) with that email and accept.
          </p>
        </div>
      ) : null}
    </div>
  );
}

export function MemberControls(props: {
  teamId: string;
  userId: string;
  name: string;
  role: Role;
  isSelf: boolean;
  canManage: boolean;
  isOwner: boolean;
  /** The team's only owner can neither leave nor step down (the team would have no owner). */
  lastOwner: boolean;
}) {
  const router = useRouter();
  const action = useAction();
  const busy = action.busy;
  const error = action.error;
  function run(mutate: () => Promise<unknown>, after?: () => void) {
    return action.run(async () => {
      await mutate();
      after?.();
      router.refresh();
    });
  }
  const editable = !props.lastOwner && props.canManage && (props.isOwner || props.role !== "OWNER");
  return (
    <div className="row" style={{ gap: "0.5rem" }}>
      {editable ? (
        <select
          aria-label={`Role of ${props.name}`}
          value={props.role}
          disabled={busy}
          onChange={(e) => {
            const role = e.currentTarget.value as Role;
            void run(() => gql(ChangeRole, { teamId: props.teamId, userId: props.userId, role }));
          }}
        >
          {ROLES.filter((r) => props.isOwner || r.value !== "OWNER").map((r) => (
            <option key={r.value} value={r.value}>
              {enumLabel(r.value)}
            </option>
          ))}
        </select>
      ) : (
        <span className="badge">{enumLabel(props.role)}</span>
      )}
      {props.lastOwner ? <span className="small muted">the team&apos;s only owner</span> : null}
      {!props.lastOwner && (editable || props.isSelf) ? (
        <button
          type="button"
          className="btn btn-danger btn-small"
          disabled={busy}
          onClick={() => {
            const question = props.isSelf ? "Leave this team?" : `Remove ${props.name} from the team?`;
            if (window.confirm(question)) {
              void run(
                () => gql(RemoveMember, { teamId: props.teamId, userId: props.userId }),
                props.isSelf ? () => window.location.assign("/") : undefined,
              );
            }
          }}
        >
          {props.isSelf ? "Leave" : "Remove"}
        </button>
      ) : null}
      {error ? (
        <span role="alert" className="small" style={{ color: "var(--danger)" }}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

export function RevokeInvitationButton({ id, email }: { id: string; email: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        aria-label={`Revoke invitation for ${email}`}
        onClick={() => {
          gql(RevokeInvitation, { id }).then(
            () => router.refresh(),
            (e: unknown) => setError(describeError(e)),
          );
        }}
      >
        Revoke
      </button>
      {error ? <span role="alert" className="small" style={{ color: "var(--danger)" }}> {error}</span> : null}
    </>
  );
}

export function CreateTeamForm() {
  const router = useRouter();
  const { busy, error, setError, run } = useAction();
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get("name") ?? "").trim();
    if (!name) return setError("Please enter a team name.");
    await run(async () => {
      const { createTeam } = await gql(CreateTeam, { name });
      await setCurrentTeam(createTeam.id);
      router.push("/team");
      router.refresh();
    });
  }
  return (
    <form className="row" onSubmit={(e) => void onSubmit(e)} aria-label="Create a team" style={{ alignItems: "flex-end" }}>
      <div className="field" style={{ flex: 1, minWidth: 220 }}>
        <label htmlFor="team-name">New team name</label>
        <input id="team-name" name="name" type="text" required placeholder="e.g. Hypoxia lab" />
      </div>
      <button type="submit" className="btn" disabled={busy}>
        {busy ? "Creating…" : "Create team"}
      </button>
      {error ? <Alert kind="error">{error}</Alert> : null}
    </form>
  );
}
