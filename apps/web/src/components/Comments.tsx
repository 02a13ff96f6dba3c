"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../generated/index.ts";
import type { CommentViewFragment } from "../generated/graphql.ts";
import { gql } from "../lib/graphql/client.ts";
import { describeError } from "../lib/graphql/errors.ts";
import { formatRelative } from "../lib/format.ts";
import { Alert } from "./ui.tsx";

/** The comment fields this thread shows; pages spread this fragment in their query. */
export const CommentView = graphql(`
  fragment CommentView on Comment {
    id
    body
    createdAt
    canDelete
    author {
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

const DeleteComment = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

export type CommentData = CommentViewFragment;

export type CommentTargetArgs =
  | { target: "GENE"; gene: string; teamId: string }
  | { target: "RUN"; runId: string }
  | { target: "BICLUSTER"; biclusterId: string };

export function Comments({ on, initial, canWrite }: { on: CommentTargetArgs; initial: CommentData[]; canWrite: boolean }) {
  const router = useRouter();
  const [comments, setComments] = useState(initial);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

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
                <span className="when">{formatRelative(c.createdAt)}</span>
                <span className="spacer" />
                {c.canDelete ? (
                  <button type="button" className="linklike small" onClick={() => void remove(c.id)} aria-label={`Delete comment by ${c.author.name}`}>
                    Delete
                  </button>
                ) : null}
              </div>
              <p style={{ margin: "0.2rem 0 0", whiteSpace: "pre-wrap" }}>{c.body}</p>
            </li>
          ))}
        </ul>
      )}
      {canWrite ? (
        <form className="form" onSubmit={(e) => void onSubmit(e)} style={{ gap: "0.5rem" }}>
          <div className="field">
            <label htmlFor="comment-body">Add a comment</label>
            <textarea id="comment-body" rows={3} value={body} onChange={(e) => setBody(e.currentTarget.value)} />
          </div>
          {error ? <Alert kind="error">{error}</Alert> : null}
          <div>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? "Posting…" : "Post comment"}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
