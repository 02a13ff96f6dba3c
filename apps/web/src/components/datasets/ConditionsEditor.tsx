"use client";
// The conditions of a dataset: shown with their time (in their unit), group, replicate, subject
// and label; members edit them in place or apply a sample sheet (checked first: which columns
// were recognised, which conditions have no row, which rows match nothing).
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import type { CheckSampleSheetQuery } from "../../generated/graphql.ts";
import { gql } from "../../lib/graphql/client.ts";
import { ApiError, describeError } from "../../lib/graphql/errors.ts";
import { Alert } from "../ui.tsx";

const Update = graphql(`
  mutation UpdateConditions($datasetId: ID!, $expectedVersion: Int!, $conditions: [ConditionEdit!]!) {
    updateConditions(datasetId: $datasetId, expectedVersion: $expectedVersion, conditions: $conditions) {
      id
      conditionsVersion
    }
  }
`);

const Check = graphql(`
  query CheckSampleSheet($datasetId: ID!, $text: String!) {
    checkSampleSheet(datasetId: $datasetId, text: $text) {
      columns {
        role
        header
      }
      fieldColumns
      rows
      missing
      extra
      suggestions {
        conditionId
        sheetId
      }
    }
  }
`);

const Apply = graphql(`
  mutation ApplySampleSheet($datasetId: ID!, $text: String!, $expectedVersion: Int!) {
    applySampleSheet(datasetId: $datasetId, text: $text, expectedVersion: $expectedVersion) {
      id
      conditionsVersion
    }
  }
`);

export interface EditableCondition {
  index: number;
  id: string;
  time?: number | null;
  timeUnit?: string | null;
  label?: string | null;
  group?: string | null;
  replicate?: string | null;
  subject?: string | null;
}

const UNITS: Record<string, number> = { s: 1 / 3600, min: 1 / 60, h: 1, d: 24, w: 168 };
const FIELDS = ["label", "group", "replicate", "subject"] as const;

/** A time in hours shown in its unit ("30 min"). */
export function timeText(c: Pick<EditableCondition, "time" | "timeUnit">): string {
  if (c.time === null || c.time === undefined) return "–";
  const unit = c.timeUnit && UNITS[c.timeUnit] ? c.timeUnit : "h";
  return `${Number((c.time / UNITS[unit]!).toPrecision(6))} ${unit}`;
}

/** Where an API error points, in words ("line 3, column 2: "). */
function located(error: unknown): string {
  const msg = describeError(error);
  if (!(error instanceof ApiError)) return msg;
  const { line, column } = error.extensions;
  if (typeof line !== "number") return msg;
  return msg.includes(`line ${line}`) ? msg : `Line ${line}${typeof column === "number" ? `, column ${column}` : ""}: ${msg}`;
}

interface Draft {
  time: string;
  unit: string;
  label: string;
  group: string;
  replicate: string;
  subject: string;
}

function draftOf(c: EditableCondition): Draft {
  const unit = c.timeUnit && UNITS[c.timeUnit] ? c.timeUnit : "h";
  return {
    time: c.time === null || c.time === undefined ? "" : String(Number((c.time / UNITS[unit]!).toPrecision(6))),
    unit,
    label: c.label ?? "",
    group: c.group ?? "",
    replicate: c.replicate ?? "",
    subject: c.subject ?? "",
  };
}

export function ConditionsEditor(props: { datasetId: string; version: number; conditions: EditableCondition[]; canEdit: boolean }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [drafts, setDrafts] = useState<Draft[]>(() => props.conditions.map(draftOf));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [sheet, setSheet] = useState<{ text: string; name: string; check: CheckSampleSheetQuery["checkSampleSheet"] } | null>(null);
  const shown = (k: keyof Draft) => FIELDS.includes(k as (typeof FIELDS)[number]) && (editing || props.conditions.some((c) => c[k as (typeof FIELDS)[number]]));
  const hasTimes = editing || props.conditions.some((c) => c.time !== null && c.time !== undefined);

  async function save() {
    setBusy(true);
    setError(undefined);
    try {
      const edits = props.conditions.flatMap((c, k) => {
        const d = drafts[k]!;
        const before = draftOf(c);
        if (JSON.stringify(d) === JSON.stringify(before)) return [];
        const time = d.time.trim() === "" ? null : Number(d.time.replace(",", "."));
        if (time !== null && !Number.isFinite(time)) throw new Error(`Condition ${c.id}: “${d.time}” is not a number.`);
        return [
          {
            index: c.index,
            time: time === null ? null : time * UNITS[d.unit]!,
            timeUnit: time === null ? null : d.unit,
            label: d.label.trim() || null,
            group: d.group.trim() || null,
            replicate: d.replicate.trim() || null,
            subject: d.subject.trim() || null,
          },
        ];
      });
      if (edits.length === 0) {
        setEditing(false);
        return;
      }
      await gql(Update, { datasetId: props.datasetId, expectedVersion: props.version, conditions: edits });
      setSaved(`Saved ${edits.length} condition${edits.length === 1 ? "" : "s"}.`);
      setEditing(false);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError && e.code === "CONFLICT" ? `${e.message}` : located(e));
    } finally {
      setBusy(false);
    }
  }

  async function readSheet(file: File | undefined) {
    setError(undefined);
    setSaved(undefined);
    setSheet(null);
    if (!file) return;
    if (file.size > 1_000_000) {
      setError("A sample sheet is at most 1 MB.");
      return;
    }
    const text = await file.text();
    try {
      const { checkSampleSheet } = await gql(Check, { datasetId: props.datasetId, text });
      setSheet({ text, name: file.name, check: checkSampleSheet });
    } catch (e) {
      setError(`${file.name}: ${located(e)}`);
    }
  }

  async function applySheet() {
    if (!sheet) return;
    setBusy(true);
    setError(undefined);
    try {
      await gql(Apply, { datasetId: props.datasetId, text: sheet.text, expectedVersion: props.version });
      setSaved(`Applied ${sheet.name}.`);
      setSheet(null);
      router.refresh();
    } catch (e) {
      setError(located(e));
    } finally {
      setBusy(false);
    }
  }

  const set = (k: number, field: keyof Draft, value: string) => setDrafts((ds) => ds.map((d, i) => (i === k ? { ...d, [field]: value } : d)));

  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      {props.canEdit ? (
        <div className="row" style={{ justifyContent: "space-between" }}>
          {editing ? (
            <div className="row">
              <button type="button" className="btn btn-primary btn-small" onClick={() => void save()} disabled={busy}>
                {busy ? "Saving…" : "Save conditions"}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setDrafts(props.conditions.map(draftOf));
                  setEditing(false);
                }}
              >
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              Edit conditions
            </button>
          )}
          <label className="btn btn-small" style={{ cursor: "pointer" }}>
            Upload a sample sheet…
            <input
              type="file"
              accept=".csv,.tsv,.txt"
              className="sr-only"
              aria-label="Sample sheet file"
              onChange={(e) => {
                void readSheet(e.currentTarget.files?.[0]);
                e.currentTarget.value = "";
              }}
            />
          </label>
        </div>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      {saved ? <Alert kind="success">{saved}</Alert> : null}
      {sheet ? (
        <div data-testid="sample-sheet-check">
          <Alert kind={sheet.check.missing.length || sheet.check.extra.length ? "warning" : "info"} title={`${sheet.name}: ${sheet.check.rows} rows`}>
            <p style={{ margin: "0.2rem 0" }}>Columns read as {sheet.check.columns.map((c) => `${c.role} (“${c.header}”)`).join(", ")}
              {sheet.check.fieldColumns.length ? `; kept as text: ${sheet.check.fieldColumns.join(", ")}` : ""}.</p>
            {sheet.check.missing.length ? <p style={{ margin: "0.2rem 0" }}>No row for {sheet.check.missing.length} condition(s): {sheet.check.missing.slice(0, 8).join(", ")}{sheet.check.missing.length > 8 ? ", …" : ""}.</p> : null}
            {sheet.check.extra.length ? <p style={{ margin: "0.2rem 0" }}>Rows that match no condition: {sheet.check.extra.slice(0, 8).join(", ")}{sheet.check.extra.length > 8 ? ", …" : ""}.</p> : null}
            {sheet.check.suggestions.length ? (
              <p style={{ margin: "0.2rem 0" }}>Perhaps: {sheet.check.suggestions.slice(0, 5).map((s) => `“${s.sheetId}” for ${s.conditionId}`).join(", ")}.</p>
            ) : null}
            <div className="row" style={{ marginTop: "0.4rem" }}>
              <button type="button" className="btn btn-primary btn-small" onClick={() => void applySheet()} disabled={busy || sheet.check.missing.length > 0 || sheet.check.extra.length > 0}>
                Apply the sample sheet
              </button>
              <button type="button" className="btn btn-small" onClick={() => setSheet(null)}>
                Discard
              </button>
            </div>
          </Alert>
        </div>
      ) : null}
      <div className="table-wrap" style={{ maxHeight: 460, overflowY: "auto" }}>
        <table className={`table${editing ? " edit-conditions" : ""}`} aria-label="Conditions">
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Column</th>
              {hasTimes ? <th className={editing ? undefined : "num"}>Time</th> : null}
              {FIELDS.filter((f) => shown(f)).map((f) => (
                <th key={f}>{f.charAt(0).toUpperCase() + f.slice(1)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.conditions.map((c, k) => (
              <tr key={c.index}>
                <td className="num">{c.index + 1}</td>
                <td className="mono">{c.id}</td>
                {hasTimes ? (
                  editing ? (
                    <td className="nowrap">
                      <div className="row" style={{ gap: "0.25rem", flexWrap: "nowrap" }}>
                        <input type="text" inputMode="decimal" value={drafts[k]!.time} onChange={(e) => set(k, "time", e.currentTarget.value)} aria-label={`Time of ${c.id}`} style={{ width: 70 }} />
                        <select value={drafts[k]!.unit} onChange={(e) => set(k, "unit", e.currentTarget.value)} aria-label={`Time unit of ${c.id}`}>
                          {Object.keys(UNITS).map((u) => (
                            <option key={u}>{u}</option>
                          ))}
                        </select>
                      </div>
                    </td>
                  ) : (
                    <td className="num nowrap">{timeText(c)}</td>
                  )
                ) : null}
                {FIELDS.filter((f) => shown(f)).map((f) =>
                  editing ? (
                    <td key={f}>
                      <input type="text" value={drafts[k]![f]} onChange={(e) => set(k, f, e.currentTarget.value)} aria-label={`${f} of ${c.id}`} />
                    </td>
                  ) : (
                    <td key={f}>{c[f] ?? "–"}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
