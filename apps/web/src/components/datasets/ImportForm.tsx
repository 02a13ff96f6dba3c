"use client";
// Dataset import: a multipart POST through /api/upload with XMLHttpRequest, so the progress
// bar follows the bytes really sent; the importer's line/column errors are shown in words, once.
// Choosing a file first shows a preview (what was detected and the first rows) from the API's
// /upload/preview; an optional sample sheet travels with the matrix and is checked with it.
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { Alert, ProgressBar } from "../ui.tsx";
import { FilePreview, loadPreview, type PreviewState } from "./FilePreview.tsx";

interface ImportError {
  code: string;
  message: string;
  line?: number;
  column?: number;
  field?: string;
  /** "sampleSheet" when the error is in the sample sheet. */
  source?: string;
}

/** The API reads a sample sheet sent as a form field of at most this size. */
const MAX_SHEET_FIELD = 64 * 1024;

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; loaded: number; total: number }
  | { kind: "importing" }
  | { kind: "failed"; error: ImportError };

function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function ImportForm({ teamId, canWrite }: { teamId: string; canWrite: boolean }) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  /** The name follows the chosen file until the user types one. */
  const nameTyped = useRef(false);
  const [preview, setPreview] = useState<PreviewState>({ kind: "none" });
  const previewFor = useRef<File | null>(null);

  function onFileChange(file: File | undefined) {
    if (file && nameRef.current && !nameTyped.current) {
      nameRef.current.value = file.name.replace(/\.(csv|tsv|txt|gct|xlsx)(\.gz)?$/i, "");
    }
    if (phase.kind === "failed") setPhase({ kind: "idle" });
    previewFor.current = file ?? null;
    if (!file) {
      setPreview({ kind: "none" });
      return;
    }
    setPreview({ kind: "loading" });
    void loadPreview(file).then((state) => {
      if (previewFor.current === file) setPreview(state);
    });
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setPhase({ kind: "failed", error: { code: "BAD_USER_INPUT", message: "Please choose a file to import.", field: "file" } });
      return;
    }
    const sheetFile = form.get("sampleSheet");
    let sheet = "";
    if (sheetFile instanceof File && sheetFile.size > 0) {
      if (sheetFile.size > MAX_SHEET_FIELD) {
        setPhase({
          kind: "failed",
          error: { code: "BAD_USER_INPUT", source: "sampleSheet", message: "This sample sheet is over 64 KB: import the matrix without it, then upload the sheet on the dataset page (Conditions)." },
        });
        return;
      }
      sheet = await sheetFile.text();
    }
    // The API reads the fields before the file part: keep this order.
    const body = new FormData();
    body.append("teamId", teamId);
    body.append("name", String(form.get("name") ?? "").trim() || file.name);
    body.append("description", String(form.get("description") ?? ""));
    body.append("kind", String(form.get("kind") ?? "TIME_COURSE"));
    if (sheet) body.append("sampleSheet", sheet);
    body.append("file", file, file.name);

    const xhr = new XMLHttpRequest();
    xhrRef.current = xhr;
    xhr.open("POST", "/api/upload");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      setPhase({ kind: "uploading", loaded: e.loaded, total: e.lengthComputable ? e.total : file.size });
    };
    xhr.upload.onload = () => setPhase({ kind: "importing" });
    xhr.onload = () => {
      xhrRef.current = null;
      const json = xhr.response as { dataset?: { id: string }; error?: ImportError } | null;
      if (xhr.status >= 200 && xhr.status < 300 && json?.dataset) {
        router.push(`/datasets/${json.dataset.id}`);
        router.refresh();
        return;
      }
      setPhase({
        kind: "failed",
        error: json?.error ?? { code: "NETWORK", message: `The import failed (HTTP ${xhr.status}).` },
      });
    };
    xhr.onerror = () => {
      xhrRef.current = null;
      setPhase({ kind: "failed", error: { code: "NETWORK", message: "The upload was interrupted. Check your connection and try again." } });
    };
    xhr.onabort = () => {
      xhrRef.current = null;
      setPhase({ kind: "idle" });
    };
    setPhase({ kind: "uploading", loaded: 0, total: file.size });
    xhr.send(body);
  }

  const busy = phase.kind === "uploading" || phase.kind === "importing";
  if (!canWrite) {
    return <Alert kind="info">Viewers cannot import datasets. Ask a team admin for the member role.</Alert>;
  }
  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-label="Import a dataset">
      <div className="field">
        <label htmlFor="file">Expression matrix file</label>
        <input id="file" name="file" type="file" required accept=".csv,.tsv,.txt,.gct,.gz,.xlsx" aria-describedby="file-help" disabled={busy} onChange={(e) => onFileChange(e.currentTarget.files?.[0])} />
        <span id="file-help" className="help">
          Genes as rows, conditions as columns: CSV or TSV (comma, semicolon or tab; decimal point or comma; optionally .gz), an Excel .xlsx workbook, GCT, or a GEO series matrix.
        </span>
      </div>
      <FilePreview state={preview} />
      <div className="field">
        <label htmlFor="sampleSheet">Sample sheet (optional)</label>
        <input id="sampleSheet" name="sampleSheet" type="file" accept=".csv,.tsv,.txt" aria-describedby="sheet-help" disabled={busy} onChange={() => phase.kind === "failed" && setPhase({ kind: "idle" })} />
        <span id="sheet-help" className="help">
          One row per condition: its id (the matrix column), and any of time (e.g. 30 min, 2 h, 1 d, or a number with a unit column or “time (h)” header), group, replicate, subject, label.
        </span>
      </div>
      <div className="field">
        <label htmlFor="ds-name">Name</label>
        <input
          id="ds-name"
          name="name"
          type="text"
          ref={nameRef}
          placeholder="Defaults to the file name"
          disabled={busy}
          onInput={(e) => {
            nameTyped.current = e.currentTarget.value !== "";
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="ds-description">Description</label>
        <textarea id="ds-description" name="description" rows={2} disabled={busy} />
      </div>
      <fieldset disabled={busy}>
        <legend>Kind of data</legend>
        <div className="radio-row">
          <label>
            <input type="radio" name="kind" value="TIME_COURSE" defaultChecked /> Time course
          </label>
          <label>
            <input type="radio" name="kind" value="SAMPLES" /> Samples
          </label>
        </div>
      </fieldset>
      {phase.kind === "uploading" ? (
        <div className="stack" style={{ gap: "0.35rem" }} aria-live="polite">
          <ProgressBar value={phase.total ? phase.loaded / phase.total : 0} label="Upload progress" />
          <span className="small muted">
            Uploading… {phase.total ? Math.round((phase.loaded / phase.total) * 100) : 0}% ({formatBytes(phase.loaded)} of{" "}
            {formatBytes(phase.total)})
          </span>
        </div>
      ) : null}
      {phase.kind === "importing" ? (
        <div className="stack" style={{ gap: "0.35rem" }} aria-live="polite">
          <ProgressBar value={1} label="Upload progress" />
          <span className="small muted">Uploaded. Checking and importing the matrix…</span>
        </div>
      ) : null}
      {phase.kind === "failed" ? <ImportErrorAlert error={phase.error} /> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Importing…" : "Import dataset"}
        </button>
        {phase.kind === "uploading" ? (
          <button type="button" className="btn" onClick={() => xhrRef.current?.abort()}>
            Cancel upload
          </button>
        ) : null}
      </div>
    </form>
  );
}

/** The API's message may start with the location we show separately ("line 3, column 3, (t1): ..."). */
export function withoutLocation(message: string): string {
  const stripped = message.replace(/^\s*line \d+(,\s*column \d+)?(,\s*\([^)]*\))?\s*:\s*/i, "");
  return stripped ? stripped.charAt(0).toUpperCase() + stripped.slice(1) : message;
}

function ImportErrorAlert({ error }: { error: ImportError }) {
  const inSheet = error.source === "sampleSheet";
  const message = inSheet ? error.message.replace(/^Sample sheet:\s*/i, "") : error.message;
  const where = [
    inSheet ? "sample sheet" : null,
    error.line !== undefined ? `line ${error.line}` : null,
    error.column !== undefined ? `column ${error.column}` : null,
  ].filter(Boolean);
  return (
    <div data-testid="import-error">
      <Alert kind="error" title={inSheet ? "The sample sheet does not fit the matrix" : "The file could not be imported"}>
        {where.length ? (
          <p style={{ margin: 0 }}>
            <strong style={{ display: "inline" }}>
              {where.join(", ").replace(/^./, (c) => c.toUpperCase())}
              {error.field && error.field !== "file" && error.field !== "sampleSheet" ? ` (column “${error.field}”)` : ""}:
            </strong>{" "}
            {withoutLocation(message)}
          </p>
        ) : (
          <p style={{ margin: 0 }}>{message}</p>
        )}
        <p style={{ margin: "0.25rem 0 0" }}>Nothing was imported. Fix the {inSheet ? "sample sheet" : "file"} and import it again.</p>
      </Alert>
    </div>
  );
}
