"use client";
// A run's name and notes, edited in place by members (updateRun).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { Alert } from "../ui.tsx";

const UpdateRun = graphql(`
  mutation UpdateRunNameNotes($id: ID!, $name: String, $notes: String) {
    updateRun(id: $id, name: $name, notes: $notes) {
      id
      name
      notes
      title
    }
  }
`);

export function RunNameNotes(props: { id: string; name: string; notes: string; placeholder: string; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(props.name);
  const [notes, setNotes] = useState(props.notes);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      await gql(UpdateRun, { id: props.id, name, notes });
      setEditing(false);
      router.refresh();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <div className="stack" style={{ gap: "0.4rem" }} data-testid="run-notes">
        {props.notes ? <p style={{ margin: 0, whiteSpace: "pre-wrap" }}>{props.notes}</p> : <p className="muted small" style={{ margin: 0 }}>No notes yet.</p>}
        {props.canEdit ? (
          <div>
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              Rename or edit notes
            </button>
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <form
      className="form"
      style={{ gap: "0.6rem" }}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field">
        <label htmlFor="run-name">Name</label>
        <input id="run-name" type="text" maxLength={120} value={name} placeholder={props.placeholder} onChange={(e) => setName(e.currentTarget.value)} />
        <span className="help">Empty: shown as method and seed.</span>
      </div>
      <div className="field">
        <label htmlFor="run-notes">Notes</label>
        <textarea id="run-notes" rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
      </div>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-small" disabled={busy}>
          {busy ? "Saving…" : "Save"}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
