"use client";
// Edits a gene's biomarker annotation with optimistic concurrency: the version read is sent as
// expectedVersion; when someone else saved first (CONFLICT) the user sees their version and
// chooses to load it, merge it with their own edits, or save over it knowingly.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import type { AnnotationViewFragment } from "../../generated/graphql.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError, isApiError } from "../../lib/graphql/errors.ts";
import { formatRelative } from "../../lib/format.ts";
import { describeChanges, EMPTY_ANNOTATION, mergeAnnotation, type AnnotationFields } from "../../lib/annotation-merge.ts";
import { Alert, StatusBadge } from "../ui.tsx";

/** The annotation fields the editor shows; pages that render it spread this fragment in their query. */
export const AnnotationView = graphql(`
  fragment AnnotationView on Annotation {
    id
    status
    note
    tags
    evidenceLinks
    version
    updatedAt
    author {
      name
    }
  }
`);

const SaveAnnotation = graphql(`
  mutation SaveAnnotation($input: AnnotationInput!) {
    upsertAnnotation(input: $input) {
      ...AnnotationView
    }
  }
`);

const CurrentAnnotation = graphql(`
  query CurrentAnnotation($teamId: ID!, $gene: String!) {
    annotations(teamId: $teamId, gene: $gene, first: 1) {
      nodes {
        ...AnnotationView
      }
    }
  }
`);

export type Status = "CANDIDATE" | "VALIDATED" | "REJECTED";

export type AnnotationData = AnnotationViewFragment;

interface Draft {
  status: Status;
  note: string;
  tags: string;
  links: string;
}

const STATUS_HELP: Record<Status, string> = {
  CANDIDATE: "Candidate: worth following up",
  VALIDATED: "Validated: confirmed by experiment",
  REJECTED: "Rejected: ruled out",
};

const toDraft = (a: AnnotationData | null): Draft => ({
  status: a?.status ?? "CANDIDATE",
  note: a?.note ?? "",
  tags: a?.tags.join(", ") ?? "",
  links: a?.evidenceLinks.join("\n") ?? "",
});

const splitTags = (s: string) => [...new Set(s.split(/[,;]/).map((t) => t.trim()).filter(Boolean))];
const splitLinks = (s: string) => [...new Set(s.split(/\s+/).map((t) => t.trim()).filter(Boolean))];

const fieldsOf = (a: AnnotationData | null): AnnotationFields =>
  a ? { status: a.status, note: a.note, tags: a.tags, evidenceLinks: a.evidenceLinks } : EMPTY_ANNOTATION;
const fieldsOfDraft = (d: Draft): AnnotationFields => ({ status: d.status, note: d.note, tags: splitTags(d.tags), evidenceLinks: splitLinks(d.links) });
const draftOf = (f: AnnotationFields): Draft => ({
  status: (f.status || "CANDIDATE") as Status,
  note: f.note,
  tags: f.tags.join(", "),
  links: f.evidenceLinks.join("\n"),
});

export function AnnotationEditor({ teamId, gene, initial, canEdit }: { teamId: string; gene: string; initial: AnnotationData | null; canEdit: boolean }) {
  const router = useRouter();
  const [base, setBase] = useState<AnnotationData | null>(initial);
  const [draft, setDraft] = useState<Draft>(toDraft(initial));
  const [editing, setEditing] = useState(initial === null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<{ message: string; field?: string }>();
  const [conflict, setConflict] = useState<AnnotationData | null>(null);

  async function save(expected: AnnotationData | null, values: Draft) {
    setBusy(true);
    setError(undefined);
    setSaved(false);
    try {
      const { upsertAnnotation } = await gql(SaveAnnotation, {
        input: {
          teamId,
          gene,
          status: values.status,
          note: values.note,
          tags: splitTags(values.tags),
          evidenceLinks: splitLinks(values.links),
          expectedVersion: expected?.version,
        },
      });
      setBase(upsertAnnotation);
      setDraft(toDraft(upsertAnnotation));
      setConflict(null);
      setEditing(false);
      setSaved(true);
      router.refresh();
    } catch (e) {
      if (isApiError(e, "CONFLICT")) {
        try {
          const { annotations } = await gql(CurrentAnnotation, { teamId, gene });
          setConflict(annotations.nodes[0] ?? null);
          router.refresh(); // the history card shows their version too
        } catch (reloadError) {
          setError({ message: describeError(reloadError) });
        }
      } else {
        const field = isApiError(e) && typeof e.extensions.field === "string" ? e.extensions.field : undefined;
        setError({ message: describeError(e), field });
      }
    } finally {
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save(base, draft);
  }

  if (!editing) {
    return (
      <div className="stack" style={{ gap: "0.75rem" }} data-testid="annotation">
        {saved ? <Alert kind="success">Saved. Everyone in the team sees this annotation now.</Alert> : null}
        {base ? (
          <>
            <div className="row">
              <StatusBadge status={base.status} />
              <span className="small muted">
                version {base.version} · saved by {base.author.name} {formatRelative(base.updatedAt)}
              </span>
            </div>
            {base.note ? <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>{base.note}</p> : <p className="muted">No note.</p>}
            {base.tags.length ? (
              <div>
                {base.tags.map((t) => (
                  <span key={t} className="tag">
                    {t}
                  </span>
                ))}
              </div>
            ) : null}
            {base.evidenceLinks.length ? (
              <ul className="small" style={{ margin: 0, paddingLeft: "1.2rem" }}>
                {base.evidenceLinks.map((l) => (
                  <li key={l}>
                    <a href={l} target="_blank" rel="noreferrer noopener">
                      {l}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p className="muted">Not annotated yet.</p>
        )}
        {canEdit ? (
          <div>
            <button type="button" className="btn" onClick={() => { setEditing(true); setSaved(false); }}>
              {base ? "Edit annotation" : "Annotate"}
            </button>
          </div>
        ) : null}
      </div>
    );
  }

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  return (
    <form className="form" onSubmit={onSubmit} aria-label={`Annotation of ${gene}`}>
      {conflict ? (
        <div role="alert" className="alert alert-warning" data-testid="annotation-conflict">
          <strong>Someone else saved this annotation first.</strong>
          <p style={{ margin: "0.25rem 0" }}>
            {conflict.author.name} saved version {conflict.version} {formatRelative(conflict.updatedAt)} while you were editing
            {(() => {
              const changes = describeChanges(fieldsOf(base), fieldsOf(conflict));
              return changes.length ? `: they ${changes.join(", ")}.` : ".";
            })()}{" "}
            Your changes are not saved yet. Choose how to continue:
          </p>
          <div className="row" style={{ marginTop: "0.5rem" }}>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setBase(conflict);
                setDraft(toDraft(conflict));
                setConflict(null);
              }}
            >
              Load their version (discard mine)
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setDraft(draftOf(mergeAnnotation(fieldsOf(base), fieldsOfDraft(draft), fieldsOf(conflict))));
                setBase(conflict);
                setConflict(null);
              }}
            >
              Merge their changes into mine
            </button>
            <button type="button" className="btn btn-small btn-danger" onClick={() => void save(conflict, draft)} disabled={busy}>
              Save mine over theirs
            </button>
          </div>
          <p className="small" style={{ margin: "0.5rem 0 0" }}>
            Merging keeps every change that only one of you made and combines notes and tags you both changed; review it, then save.
          </p>
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="ann-status">Biomarker status</label>
        <select id="ann-status" value={draft.status} onChange={(e) => set({ status: e.currentTarget.value as Status })}>
          {(Object.keys(STATUS_HELP) as Status[]).map((s) => (
            <option key={s} value={s}>
              {STATUS_HELP[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="ann-note">Note</label>
        <textarea id="ann-note" value={draft.note} rows={4} onChange={(e) => set({ note: e.currentTarget.value })} placeholder="Why this gene matters, what to test next…" />
      </div>
      <div className="field">
        <label htmlFor="ann-tags">Tags</label>
        <input id="ann-tags" type="text" value={draft.tags} onChange={(e) => set({ tags: e.currentTarget.value })} aria-describedby="ann-tags-help" />
        <span id="ann-tags-help" className="help">
          Comma-separated, e.g. “hypoxia, qPCR”.
        </span>
      </div>
      <div className="field">
        <label htmlFor="ann-links">Evidence links</label>
        <textarea
          id="ann-links"
          rows={2}
          value={draft.links}
          onChange={(e) => set({ links: e.currentTarget.value })}
          aria-describedby="ann-links-help"
          aria-invalid={error?.field === "evidenceLinks" ? true : undefined}
        />
        <span id="ann-links-help" className="help">
          One http(s) URL per line (papers, lab notebook entries).
        </span>
      </div>
      {error ? <Alert kind="error">{error.message}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || conflict !== null}>
          {busy ? "Saving…" : "Save annotation"}
        </button>
        {base ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(toDraft(base));
              setEditing(false);
              setConflict(null);
              setError(undefined);
            }}
          >
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
