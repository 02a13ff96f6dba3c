"use client";
// The new-run form, generated from the API's `methods` query: every parameter with its paper
// default and one-line explanation; K fixed or automatic; seed. Only changed values are sent.
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError, isApiError } from "../../lib/graphql/errors.ts";
import { Alert } from "../ui.tsx";

const CreateRun = graphql(`
  mutation CreateRun($datasetId: ID!, $method: String, $params: JSON, $seed: Int) {
    createRun(datasetId: $datasetId, method: $method, params: $params, seed: $seed) {
      id
    }
  }
`);

export interface MethodParamInfo {
  name: string;
  type: string;
  description: string;
  default?: unknown;
  min?: number | null;
  max?: number | null;
  optional: boolean;
  options?: string[] | null;
}

export interface MethodInfo {
  name: string;
  label: string;
  description: string;
  isDefault: boolean;
  params: MethodParamInfo[];
}

/** Shown first; the rest sit under "Advanced parameters". */
const MAIN = ["epochs", "units", "topVariance", "transform", "features", "permutations"];
/** Handled by dedicated controls. */
const SPECIAL = new Set(["seed", "k"]);

const LABELS: Record<string, string> = {
  kMin: "Smallest K",
  kMax: "Largest K",
  backend: "Compute backend",
  transform: "Input transform",
  impute: "Missing-value imputation",
  topVariance: "Most variable genes kept",
  units: "LSTM hidden units",
  epochs: "Training epochs",
  learningRate: "Learning rate",
  inputDim: "LSTM window (time steps)",
  batchSize: "Batch size",
  validationSplit: "Validation split",
  patience: "Early-stopping patience",
  maxTrainSequences: "Genes the LSTM trains on",
  fineTuneEpochs: "Fine-tune epochs",
  labelWeight: "Cluster-label loss weight",
  features: "Features clustered",
  embeddingWeight: "Embedding weight",
  background: "Leave flat genes unassigned",
  svmGamma: "SVM gamma",
  svmCost: "SVM cost (C)",
  svmFolds: "SVM folds",
  svmMaxIterations: "SVM refinement iterations",
  svmMaxPerCluster: "SVM genes per cluster",
  svmConfidence: "SVM confidence threshold",
  svmMargin: "SVM move margin",
  maxOuterIterations: "Outer iterations",
  outerTolerance: "Outer tolerance",
  contiguous: "Contiguous time window",
  permutations: "Permutations for p-values",
};

function labelOf(name: string): string {
  return LABELS[name] ?? name.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
}

function defaultText(p: MethodParamInfo): string {
  if (p.default === null || p.default === undefined) return p.optional ? "" : "";
  return String(p.default);
}

type Values = Record<string, string>;

/** Turns the form's strings into typed parameter values; returns an error naming the field. */
export function parseParamValues(
  params: MethodParamInfo[],
  values: Values,
): { ok: true; params: Record<string, unknown> } | { ok: false; field: string; message: string } {
  const out: Record<string, unknown> = {};
  for (const p of params) {
    if (SPECIAL.has(p.name)) continue;
    const raw = (values[p.name] ?? "").trim();
    if (raw === defaultText(p)) continue; // unchanged: the API applies the default
    if (raw === "") {
      if (p.optional || p.default === null || p.default === undefined) continue;
      return { ok: false, field: p.name, message: `${labelOf(p.name)} needs a value.` };
    }
    let value: unknown;
    const base = p.type.split("|")[0];
    const alt = p.type.split("|")[1];
    if (alt && raw === alt) value = alt;
    else if (base === "boolean") value = raw === "true";
    else if (base === "enum") value = raw;
    else {
      const n = Number(raw);
      if (!Number.isFinite(n)) return { ok: false, field: p.name, message: `${labelOf(p.name)} must be a number.` };
      if (base === "integer" && !Number.isInteger(n)) return { ok: false, field: p.name, message: `${labelOf(p.name)} must be a whole number.` };
      if (p.min !== null && p.min !== undefined && n < p.min) return { ok: false, field: p.name, message: `${labelOf(p.name)} must be at least ${p.min}.` };
      if (p.max !== null && p.max !== undefined && n > p.max) return { ok: false, field: p.name, message: `${labelOf(p.name)} must be at most ${p.max}.` };
      value = n;
    }
    out[p.name] = value;
  }
  return { ok: true, params: out };
}

export function NewRunForm({ datasetId, methods }: { datasetId: string; methods: MethodInfo[] }) {
  const router = useRouter();
  const initial = methods.find((m) => m.isDefault) ?? methods[0];
  const [methodName, setMethodName] = useState(initial?.name ?? "");
  const method = methods.find((m) => m.name === methodName) ?? initial;
  const [values, setValues] = useState<Values>({});
  const [kMode, setKMode] = useState<"auto" | "fixed">("auto");
  const [kValue, setKValue] = useState("4");
  const [seed, setSeed] = useState("");
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [busy, setBusy] = useState(false);

  const params = useMemo(() => method?.params ?? [], [method]);
  const kParam = params.find((p) => p.name === "k");
  const main = params.filter((p) => MAIN.includes(p.name));
  const advanced = params.filter((p) => !MAIN.includes(p.name) && !SPECIAL.has(p.name));
  const valueOf = (p: MethodParamInfo) => values[p.name] ?? defaultText(p);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!method) return;
    const parsed = parseParamValues(params, Object.fromEntries(params.map((p) => [p.name, valueOf(p)])));
    if (!parsed.ok) {
      setError({ field: parsed.field, message: parsed.message });
      return;
    }
    const runParams = { ...parsed.params };
    if (kParam) {
      if (kMode === "fixed") {
        const k = Number(kValue);
        if (!Number.isInteger(k) || k < 1 || k > (kParam.max ?? 100)) {
          setError({ field: "k", message: `K must be a whole number between 1 and ${kParam.max ?? 100}.` });
          return;
        }
        runParams.k = k;
      } else {
        runParams.k = "auto";
      }
    }
    let seedValue: number | undefined;
    if (seed.trim() !== "") {
      seedValue = Number(seed);
      if (!Number.isInteger(seedValue) || seedValue < 0) {
        setError({ field: "seed", message: "The seed must be a whole number of 0 or more." });
        return;
      }
    }
    setBusy(true);
    setError(undefined);
    try {
      const { createRun } = await gql(CreateRun, { datasetId, method: method.name, params: runParams, seed: seedValue });
      router.push(`/runs/${createRun.id}`);
    } catch (e) {
      setBusy(false);
      const field = isApiError(e) && typeof e.extensions.field === "string" ? e.extensions.field : undefined;
      setError({ field, message: describeError(e) });
    }
  }

  if (!method) return <Alert kind="error">No analysis methods are available from the API.</Alert>;

  const renderParam = (p: MethodParamInfo) => {
    const id = `param-${p.name}`;
    const invalid = error?.field === p.name || error?.field === `params.${p.name}` ? true : undefined;
    const base = p.type.split("|")[0];
    const alt = p.type.split("|")[1];
    const set = (v: string) => setValues((s) => ({ ...s, [p.name]: v }));
    let input;
    if (base === "enum" || base === "boolean" || alt === "auto") {
      const options = base === "enum" ? (p.options ?? []) : alt === "auto" ? ["auto", "true", "false"] : ["true", "false"];
      input = (
        <select id={id} value={valueOf(p)} onChange={(e) => set(e.currentTarget.value)} aria-describedby={`${id}-help`} aria-invalid={invalid}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o === "true" ? "yes" : o === "false" ? "no" : o}
            </option>
          ))}
        </select>
      );
    } else {
      input = (
        <input
          id={id}
          type={alt ? "text" : "number"}
          inputMode="decimal"
          step={base === "integer" ? 1 : "any"}
          min={p.min ?? undefined}
          max={p.max ?? undefined}
          value={valueOf(p)}
          placeholder={p.optional && (p.default === null || p.default === undefined) ? "not set (default)" : undefined}
          onChange={(e) => set(e.currentTarget.value)}
          aria-describedby={`${id}-help`}
          aria-invalid={invalid}
        />
      );
    }
    return (
      <div className="field" key={p.name}>
        <label htmlFor={id}>{labelOf(p.name)}</label>
        {input}
        <span id={`${id}-help`} className="help">
          {p.description}
          {p.default !== null && p.default !== undefined ? ` Default: ${String(p.default)}.` : ""}{" "}
          <span className="mono">{p.name}</span>
        </span>
      </div>
    );
  };

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-label="New run" noValidate>
      <div className="field">
        <label htmlFor="method">Method</label>
        <select
          id="method"
          value={method.name}
          onChange={(e) => setMethodName(e.currentTarget.value)}
          aria-describedby="method-help"
          style={{ maxWidth: 420 }}
        >
          {methods.map((m) => (
            <option key={m.name} value={m.name}>
              {m.label}
              {m.isDefault ? " (default)" : ""}
            </option>
          ))}
        </select>
        <span id="method-help" className="help">
          {method.description}
        </span>
      </div>

      {kParam ? (
        <fieldset>
          <legend>Number of clusters (K)</legend>
          <div className="radio-row">
            <label>
              <input type="radio" name="kmode" value="auto" checked={kMode === "auto"} onChange={() => setKMode("auto")} /> Automatic
            </label>
            <label>
              <input type="radio" name="kmode" value="fixed" checked={kMode === "fixed"} onChange={() => setKMode("fixed")} /> Fixed
            </label>
            {kMode === "fixed" ? (
              <label>
                <span className="sr-only">K</span>
                <input
                  type="number"
                  aria-label="K"
                  min={1}
                  max={kParam.max ?? 100}
                  step={1}
                  value={kValue}
                  onChange={(e) => setKValue(e.currentTarget.value)}
                  style={{ width: 90 }}
                  aria-invalid={error?.field === "k" ? true : undefined}
                />
              </label>
            ) : null}
          </div>
          <p className="help small muted" style={{ margin: "0.4rem 0 0" }}>
            {kParam.description} Automatic tries K between “Smallest K” and “Largest K” below.
          </p>
        </fieldset>
      ) : null}

      <div className="field">
        <label htmlFor="seed">Seed</label>
        <input
          id="seed"
          type="number"
          min={0}
          step={1}
          value={seed}
          placeholder="random"
          onChange={(e) => setSeed(e.currentTarget.value)}
          aria-describedby="seed-help"
          aria-invalid={error?.field === "seed" ? true : undefined}
          style={{ maxWidth: 200 }}
        />
        <span id="seed-help" className="help">
          Same data + same seed = same biclusters. Leave empty for a random seed; it is recorded with the run.
        </span>
      </div>

      <div className="grid-3">{main.map(renderParam)}</div>
      <details>
        <summary style={{ cursor: "pointer", fontWeight: 600 }}>Advanced parameters ({advanced.length})</summary>
        <div className="grid-3" style={{ marginTop: "1rem" }}>
          {advanced.map(renderParam)}
        </div>
      </details>

      {error ? <Alert kind="error">{error.message}</Alert> : null}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Starting…" : "Start run"}
        </button>
        <span className="small muted">The run is queued and starts when a worker is free; you can leave the page.</span>
      </div>
    </form>
  );
}
