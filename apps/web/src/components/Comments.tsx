"use client";
// A discussion thread on a run, bicluster or gene: post, edit your own comments, delete (yours,
// or any as an admin), and @-mention team members (typing "@" suggests them; the API notifies
// whoever is mentioned).
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { graphql } from "../generated/index.ts";
import type { CommentViewFragment } from "../generated/graphql.ts";
import { gql } from "../lib/graphql/client.ts";
import { ApiError, describeError } from "../lib/graphql/errors.ts";
import { formatRelative } from "../lib/format.ts";
import { Alert } from "./ui.tsx";

/** The comment fields this thread shows; pages spread this fragment in their query. */
export const CommentView = graphql(`
  fragment CommentView on Comment {
    id
    body
    version
    createdAt
    canEdit
    canDelete
    edited
    author {
      name
    }
    mentions {
      id
      name
    }
  }
`);

const AddComment = graphql(`
  mutation AddComment($target: CommentTarget!, $body: String!, $gene: String, $teamId: ID, $runId: ID, $biclusterId: ID) {
    addComment(target: $target, body: $body, gene: $gene, teamId: $teamId, runId: $runId, biclusterId: $biclusterId) {
      ...CommentView
    }
  }
`);

const EditComment = graphql(`
  mutation EditComment($id: ID!, $body: String!, $expectedVersion: Int!) {
    editComment(id: $id, body: $body, expectedVersion: $expectedVersion) {
      ...CommentView
    }
  }
`);

const DeleteComment = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

const TeamMembers = graphql(`
  query MentionableMembers($teamId: ID!) {
    members(teamId: $teamId) {
      user {
        id
        name
        email
      }
    }
  }
`);

export type CommentData = CommentViewFragment;

export type CommentTargetArgs =
  | { target: "GENE"; gene: string; teamId: string }
  | { target: "RUN"; runId: string }
  | { target: "BICLUSTER"; biclusterId: string };

interface Person {
  id: string;
  name: string;
  email: string;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The body with "@Name" of mentioned members highlighted. */
export function withMentions(body: string, mentions: { name: string }[]): ReactNode[] {
  if (mentions.length === 0) return [body];
  const names = [...mentions.map((m) => m.name)].sort((a, b) => b.length - a.length).map(escapeRe);
  const re = new RegExp(`(@(?:${names.join("|")}))`, "gi");
  return body.split(re).map((part, k) =>
    k % 2 === 1 ? (
      <span key={k} className="mention">
        {part}
      </span>
    ) : (
      part
    ),
  );
}

/** The "@prefix" being typed just before the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; prefix: string } | null {
  const m = /(^|\s)@([\p{L}\p{N}_.-]{0,30})$/u.exec(text.slice(0, caret));
  return m ? { start: caret - m[2]!.length - 1, prefix: m[2]! } : null;
}

function MentionBox(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  teamId: string | undefined;
  rows?: number;
}) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [at, setAt] = useState<{ start: number; prefix: string } | null>(null);
  const [active, setActive] = useState(0);
  const loading = useRef(false);

  const matches =
    at && people
      ? people
          .filter((p) => {
            const q = at.prefix.toLowerCase();
            return p.name.toLowerCase().startsWith(q) || p.name.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) || p.email.toLowerCase().startsWith(q);
          })
          .slice(0, 6)
      : [];

  function update(text: string, caret: number) {
    props.onChange(text);
    const m = props.teamId ? mentionAt(text, caret) : null;
    setAt(m);
    setActive(0);
    if (m && !people && !loading.current && props.teamId) {
      loading.current = true;
      void gql(TeamMembers, { teamId: props.teamId })
        .then((d) => setPeople(d.members.map((x) => x.user)))
        .catch(() => setPeople([]));
    }
  }

  function pick(p: Person) {
    if (!at) return;
    const el = ref.current;
    const caret = el?.selectionStart ?? props.value.length;
    const next = `${props.value.slice(0, at.start)}@${p.name} ${props.value.slice(caret)}`;
    props.onChange(next);
    setAt(null);
    requestAnimationFrame(() => {
      const pos = at.start + p.name.length + 2;
      el?.focus();
      el?.setSelectionRange(pos, pos);
    });
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (matches.length === 0) return;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (a + (e.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(matches[active]!);
    } else if (e.key === "Escape") setAt(null);
  }

  return (
    <div className="field" style={{ position: "relative" }}>
      <label htmlFor={props.id}>{props.label}</label>
      <textarea
        id={props.id}
        ref={ref}
        rows={props.rows ?? 3}
        value={props.value}
        onChange={(e) => update(e.currentTarget.value, e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setAt(null), 150)}
        aria-autocomplete="list"
        aria-controls={`${props.id}-mentions`}
        aria-describedby={`${props.id}-help`}
      />
      {props.teamId ? (
        <span id={`${props.id}-help`} className="help">
          Type @ to mention a team member: they are notified.
        </span>
      ) : null}
      {matches.length > 0 ? (
        <ul className="suggest" id={`${props.id}-mentions`} role="listbox" aria-label="Team members" style={{ top: "100%" }}>
          {matches.map((p, k) => (
            <li key={p.id}>
              <button type="button" role="option" aria-selected={k === active} onMouseDown={(e) => e.preventDefault()} onClick={() => pick(p)}>
                {p.name} <span className="small muted">{p.email}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function Comments({ on, initial, canWrite, teamId }: { on: CommentTargetArgs; initial: CommentData[]; canWrite: boolean; teamId?: string }) {
  const router = useRouter();
  const [comments, setComments] = useState(initial);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const mentionTeam = teamId ?? (on.target === "GENE" ? on.teamId : undefined);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setError("Write something first.");
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const { addComment } = await gql(AddComment, { ...on, body: body.trim() });
      setComments((c) => [...c, addComment]);
      setBody("");
      router.refresh();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  async function saveEdit(c: CommentData) {
    if (!editing) return;
    setError(undefined);
    try {
      const { editComment } = await gql(EditComment, { id: c.id, body: editing.body, expectedVersion: c.version });
      setComments((list) => list.map((x) => (x.id === c.id ? editComment : x)));
      setEditing(null);
    } catch (e) {
      setError(e instanceof ApiError && e.code === "CONFLICT" ? "This comment changed in the meantime: reload the page to see the current text." : describeError(e));
    }
  }

  async function remove(id: string) {
    if (!window.confirm("Delete this comment?")) return;
    try {
      await gql(DeleteComment, { id });
      setComments((c) => c.filter((x) => x.id !== id));
    } catch (e) {
      setError(describeError(e));
    }
  }

  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      {comments.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>No comments yet.</p>
      ) : (
        <ul className="feed" aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id}>
              <div className="row" style={{ gap: "0.5rem" }}>
                <strong>{c.author.name}</strong>
                <span className="when">
                  {formatRelative(c.createdAt)}
                  {c.edited ? " · edited" : ""}
                </span>
                <span className="spacer" />
                {c.canEdit && canWrite && editing?.id !== c.id ? (
                  <button type="button" className="linklike small" onClick={() => setEditing({ id: c.id, body: c.body })} aria-label={`Edit comment by ${c.author.name}`}>
                    Edit
                  </button>
                ) : null}
                {c.canDelete ? (
                  <button type="button" className="linklike small" onClick={() => void remove(c.id)} aria-label={`Delete comment by ${c.author.name}`}>
                    Delete
                  </button>
                ) : null}
              </div>
              {editing?.id === c.id ? (
                <div className="stack" style={{ gap: "0.4rem", marginTop: "0.3rem" }}>
                  <MentionBox id={`edit-${c.id}`} label="Edit your comment" value={editing.body} onChange={(v) => setEditing({ id: c.id, body: v })} teamId={mentionTeam} rows={3} />
                  <div className="row">
                    <button type="button" className="btn btn-primary btn-small" onClick={() => void saveEdit(c)} disabled={!editing.body.trim()}>
                      Save
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <p style={{ margin: "0.2rem 0 0", whiteSpace: "pre-wrap" }}>{withMentions(c.body, c.mentions)}</p>
              )}
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <form className="form" onSubmit={(e) => void onSubmit(e)} style={{ gap: "0.5rem" }}>
          <MentionBox id="comment-body" label="Add a comment" value={body} onChange={setBody} teamId={mentionTeam} />
          {error ? <Alert kind="error">{error}</Alert> : null}
          <div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Posting…" : "Post comment"}
            </button>
          </div>
        </form>
      ) : error ? (
        <Alert kind="error">{error}</Alert>
      ) : null}
    </div>
  );
}
