"use client";
// Import a team's gene-set library from a GMT file (one set per line: name, description, genes,
// tab-separated; plain or .gz), and delete one. GMT errors name their line.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../generated/index.ts";
import { gql } from "../lib/graphql/client.ts";
import { describeError } from "../lib/graphql/errors.ts";
import { Alert } from "./ui.tsx";

const Delete = graphql(`
  mutation DeleteGeneSetLibrary($id: ID!) {
    deleteGeneSetLibrary(id: $id)
  }
`);

interface UploadError {
  message: string;
  line?: number;
  column?: number;
}

export function GeneSetImport({ teamId, canWrite }: { teamId: string; canWrite: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UploadError>();
  const [done, setDone] = useState<string>();
  if (!canWrite) return <Alert kind="info">Viewers cannot import libraries. Ask a team admin for the member role.</Alert>;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError({ message: "Choose a GMT file first." });
      return;
    }
    const body = new FormData();
    body.append("teamId", teamId);
    body.append("name", String(form.get("name") ?? "").trim());
    body.append("description", String(form.get("description") ?? ""));
    body.append("file", file, file.name);
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const res = await fetch("/api/upload/gene-sets", { method: "POST", body });
      const json = (await res.json()) as { library?: { name: string; setCount: number }; error?: UploadError };
      if (!res.ok || !json.library) setError(json.error ?? { message: `The import failed (HTTP ${res.status}).` });
      else {
        setDone(`Imported ${json.library.name}: ${json.library.setCount.toLocaleString("en")} sets.`);
        (e.target as HTMLFormElement).reset();
        router.refresh();
      }
    } catch {
      setError({ message: "The upload was interrupted. Try again." });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-label="Import a gene-set library">
      <div className="field">
        <label htmlFor="gmt-file">GMT file</label>
        <input id="gmt-file" name="file" type="file" accept=".gmt,.txt,.gz" required disabled={busy} />
        <span className="help">One set per line: name, description, then its genes, separated by tabs (MSigDB, Enrichr and GO exports use it). At most 20 MB, 20,000 sets.</span>
      </div>
      <div className="field">
        <label htmlFor="gmt-name">Name</label>
        <input id="gmt-name" name="name" type="text" placeholder="Defaults to the file name" disabled={busy} />
      </div>
      <div className="field">
        <label htmlFor="gmt-description">Description</label>
        <textarea id="gmt-description" name="description" rows={2} disabled={busy} />
      </div>
      {error ? (
        <Alert kind="error" title="The library could not be imported">
          {error.line !== undefined ? <strong style={{ display: "inline" }}>Line {error.line}: </strong> : null}
          {error.message.replace(/^\s*line \d+(,\s*column \d+)?\s*:\s*/i, "")}
        </Alert>
      ) : null}
      {done ? <Alert kind="success">{done}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Importing…" : "Import library"}
        </button>
      </div>
    </form>
  );
}

export function DeleteLibraryButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  async function remove() {
    if (!window.confirm(`Delete the library ${name} and its enrichment results?`)) return;
    try {
      await gql(Delete, { id });
      router.refresh();
    } catch (e) {
      setError(describeError(e));
    }
  }
  return (
    <>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
        Delete
      </button>
      {error ? <div className="small" style={{ color: "var(--danger)" }}>{error}</div> : null}
    </>
  );
}
