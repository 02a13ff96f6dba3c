"use client";
// "Is this what you meant?": what the importer makes of the chosen file before anything is
// imported. The first megabyte of a text file (a whole .xlsx, whose index is at its end) goes to
// the API's /upload/preview; the answer names the format, delimiter, decimal mark, conditions,
// annotation columns and times, shows the first rows as parsed, or the first problem with its
// line and column (never the file's raw bytes).
import { Alert } from "../ui.tsx";

export interface MatrixPreview {
  format: string | null;
  gzip: boolean;
  delimiter: string;
  decimal: "." | ",";
  header: { geneColumn: string; conditions: string[]; annotationColumns: string[]; times: (number | null)[] } | null;
  rows: { line: number; gene: string; values: (number | null)[]; annotations: string[] }[];
  formulaLikeIds: string[];
  error: { message: string; line?: number; column?: number; field?: string } | null;
  bytesRead: number;
  truncated: boolean;
}

export type PreviewState = { kind: "none" } | { kind: "loading" } | { kind: "ready"; preview: MatrixPreview; name: string } | { kind: "failed"; message: string };

const TEXT_BYTES = 1024 * 1024;
const MAX_WORKBOOK = 16 * 1024 * 1024;

async function isZip(file: File): Promise<boolean> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b;
}

export async function loadPreview(file: File): Promise<PreviewState> {
  try {
    const zip = await isZip(file);
    if (zip && file.size > MAX_WORKBOOK) {
      return { kind: "failed", message: `This workbook is ${Math.round(file.size / 1024 / 1024)} MB: too large to preview (the import still works).` };
    }
    const body = new FormData();
    body.append("file", zip ? file : file.slice(0, TEXT_BYTES), file.name);
    const res = await fetch("/api/upload/preview", { method: "POST", body });
    const json = (await res.json()) as { preview?: MatrixPreview; error?: { message: string } };
    if (!res.ok || !json.preview) return { kind: "failed", message: json.error?.message ?? `The preview failed (HTTP ${res.status}).` };
    return { kind: "ready", preview: json.preview, name: file.name };
  } catch {
    return { kind: "failed", message: "The preview could not be loaded; you can still import the file." };
  }
}

const DELIMITERS: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", " ": "space", "|": "bar" };
const FORMATS: Record<string, string> = { csv: "CSV", tsv: "TSV", gct: "GCT", "geo-series-matrix": "GEO series matrix", xlsx: "Excel workbook (.xlsx)" };

function cell(v: number | null): string {
  return v === null ? "NA" : String(Number(v.toPrecision(5)));
}

export function FilePreview({ state }: { state: PreviewState }) {
  if (state.kind === "none") return null;
  if (state.kind === "loading") return <p className="small muted" role="status">Reading the start of the file…</p>;
  if (state.kind === "failed") return <Alert kind="warning">{state.message}</Alert>;
  const p = state.preview;
  const layout = [
    p.format ? FORMATS[p.format] ?? p.format : "unknown format",
    p.gzip ? "gzip-compressed" : null,
    p.format !== "xlsx" && p.delimiter ? `${DELIMITERS[p.delimiter] ?? `“${p.delimiter}”`}-separated` : null,
    p.format !== "xlsx" ? `decimal ${p.decimal === "," ? "comma" : "point"}` : null,
  ].filter(Boolean);
  const h = p.header;
  const shownCols = h ? Math.min(h.conditions.length, 8) : 0;
  const times = h?.times.filter((t): t is number => t !== null) ?? [];
  const timeRange = times.length ? `${Math.min(...times)}–${Math.max(...times)} h` : "";
  return (
    <div className="stack" style={{ gap: "0.4rem" }} data-testid="file-preview" aria-label="Preview of the file">
      <p className="small" style={{ margin: 0 }}>
        <strong>Detected:</strong> {layout.join(", ")}
        {h ? (
          <>
            {" "}
            · gene ids in “{h.geneColumn}” · {h.conditions.length} condition{h.conditions.length === 1 ? "" : "s"}
            {times.length > 0 ? `, ${times.length === h.conditions.length ? "all" : times.length} with a time (${timeRange}, read from the column names)` : ""}
            {h.annotationColumns.length ? ` · annotation columns: ${h.annotationColumns.join(", ")}` : ""}
          </>
        ) : null}
      </p>
      {p.error ? (
        <Alert kind="error" title="This file will not import as it is">
          {p.error.line !== undefined ? `Line ${p.error.line}${p.error.column !== undefined ? `, column ${p.error.column}` : ""}: ` : ""}
          {p.error.message.replace(/^\s*line \d+(,\s*column \d+)?(,\s*\([^)]*\))?\s*:\s*/i, "")}
        </Alert>
      ) : null}
      {h && p.rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table preview-table" aria-label="First rows as they will be imported">
            <thead>
              <tr>
                <th>{h.geneColumn}</th>
                {h.conditions.slice(0, shownCols).map((c) => (
                  <th key={c} className="num">
                    {c}
                  </th>
                ))}
                {h.conditions.length > shownCols ? <th>… {h.conditions.length - shownCols} more</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.rows.slice(0, 5).map((r) => (
                <tr key={r.line}>
                  <td className="mono">{r.gene}</td>
                  {r.values.slice(0, shownCols).map((v, k) => (
                    <td key={k} className="num">
                      {cell(v)}
                    </td>
                  ))}
                  {h.conditions.length > shownCols ? <td /> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {p.formulaLikeIds.length > 0 ? (
        <p className="small muted" style={{ margin: 0 }}>
          Some ids start like spreadsheet formulas ({p.formulaLikeIds.slice(0, 3).join(", ")}): exports will prefix them with a quote.
        </p>
      ) : null}
    </div>
  );
}
