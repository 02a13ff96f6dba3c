"use client";
// The new-run form, generated from the API's `methods` query (core's method registry): every
// parameter with its label, one-line help, default, bounds and group; words such as "auto" where
// the method accepts them; the expected time and memory before the run starts. Nothing in this
// file knows a particular method: a method added to the registry gets its form for free.
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from "react";
import { graphql } from "../../generated/index.ts";
import type { MethodFormViewFragment, RunEstimateQuery } from "../../generated/graphql.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError, isApiError } from "../../lib/graphql/errors.ts";
import { formatDuration, formatInt } from "../../lib/format.ts";
import { defaultText, parseParamValues, type FormValues, type ParamInfo } from "../../lib/runs/param-values.ts";
import { Alert } from "../ui.tsx";

export const MethodParamView = graphql(`
  fragment MethodParamView on MethodParam {
    name
    label
    help
    group
    unit
    type
    default
    optional
    min
    max
    options
    alternatives
  }
`);

export const MethodFormView = graphql(`
  fragment MethodFormView on Method {
    id
    kind
    label
    description
    reference
    isDefault
    params {
      ...MethodParamView
    }
  }
`);

const CreateRun = graphql(`
  mutation CreateRun($datasetId: ID!, $method: String, $params: JSON, $seed: Int, $name: String) {
    createRun(datasetId: $datasetId, method: $method, params: $params, seed: $seed, name: $name) {
      id
    }
  }
`);

const RunEstimate = graphql(`
  query RunEstimate($datasetId: ID!, $method: String, $params: JSON) {
    estimateRun(datasetId: $datasetId, method: $method, params: $params) {
      seconds
      memoryMb
      budgetSeconds
      withinBudget
      message
    }
  }
`);

type Estimate = RunEstimateQuery["estimateRun"];

function ParamField({ p, value, set, invalid }: { p: ParamInfo; value: string; set: (v: string) => void; invalid: boolean }) {
  const id = `param-${p.name}`;
  const custom = p.alternatives && !p.alternatives.includes(value);
  const describedBy = `${id}-help`;
  let input;
  if (p.type === "ENUM" || (p.type === "BOOLEAN" && !p.alternatives)) {
    const options = p.type === "ENUM" ? (p.options ?? []) : ["true", "false"];
    input = (
      <select id={id} value={value} onChange={(e) => set(e.currentTarget.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o === "true" ? "yes" : o === "false" ? "no" : o}
          </option>
        ))}
      </select>
    );
  } else if (p.type === "ENUM_LIST") {
    const chosen = new Set(value.split(",").filter(Boolean));
    input = (
      <div id={id} className="checkbox-list" aria-describedby={describedBy}>
        {(p.options ?? []).map((o) => (
          <label key={o}>
            <input
              type="checkbox"
              checked={chosen.has(o)}
              onChange={(e) => {
                const next = new Set(chosen);
                if (e.currentTarget.checked) next.add(o);
                else next.delete(o);
                set((p.options ?? []).filter((x) => next.has(x)).join(","));
              }}
            />{" "}
            {o}
          </label>
        ))}
      </div>
    );
  } else {
    // Numbers (and booleans) that also accept words such as "auto": a mode select, then the value.
    const valueInput =
      p.type === "BOOLEAN" ? (
        <select aria-label={`${p.label} value`} value={custom ? value : "true"} onChange={(e) => set(e.currentTarget.value)}>
          <option value="true">yes</option>
          <option value="false">no</option>
        </select>
      ) : (
        <input
          id={p.alternatives ? `${id}-value` : id}
          aria-label={p.alternatives ? `${p.label} value` : undefined}
          type="number"
          inputMode="decimal"
          step={p.type === "INTEGER" ? 1 : "any"}
          min={p.min ?? undefined}
          max={p.max ?? undefined}
          value={value}
          placeholder={p.optional ? "not set" : undefined}
          onChange={(e) => set(e.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
        />
      );
    input = p.alternatives ? (
      <div className="row" style={{ gap: "0.4rem", flexWrap: "nowrap" }}>
        <select
          id={id}
          value={custom ? "__custom" : value}
          onChange={(e) => {
            const v = e.currentTarget.value;
            set(v === "__custom" ? (p.type === "BOOLEAN" ? "true" : String(p.min ?? 1)) : v);
          }}
          aria-describedby={describedBy}
        >
          {p.alternatives.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
          <option value="__custom">{p.type === "BOOLEAN" ? "choose" : "value"}</option>
        </select>
        {custom ? valueInput : null}
      </div>
    ) : (
      valueInput
    );
  }
  const range = p.min !== null && p.max !== null ? ` Range ${p.min}–${p.max}.` : p.min !== null ? ` At least ${p.min}.` : "";
  return (
    <div className="field">
      <label htmlFor={id}>
        {p.label}
        {p.unit ? <span className="muted small"> ({p.unit})</span> : null}
      </label>
      {input}
      <span id={describedBy} className="help">
        {p.help}
        {p.default !== null && p.default !== undefined ? ` Default: ${defaultText(p) === "true" ? "yes" : defaultText(p) === "false" ? "no" : defaultText(p)}.` : ""}
        {range} <span className="mono">{p.name}</span>
      </span>
    </div>
  );
}

function EstimateLine({ estimate, error }: { estimate: Estimate | undefined; error: string | undefined }) {
  if (error) return <span className="small muted">Estimate unavailable: {error}</span>;
  if (!estimate) return <span className="small muted">Estimating…</span>;
  if (!estimate.withinBudget) return <Alert kind="warning">{estimate.message}</Alert>;
  return (
    <span className="small muted" data-testid="run-estimate">
      Expected: about {formatDuration(estimate.seconds)} and {formatInt(Math.round(estimate.memoryMb))} MB (budget {formatDuration(estimate.budgetSeconds)} per run).
    </span>
  );
}

export interface CreateArgs {
  datasetId: string;
  method: string;
  params: Record<string, unknown>;
  seed: number | undefined;
  name: string | undefined;
}

export interface NewRunFormProps {
  datasetId: string;
  methods: MethodFormViewFragment[];
  /** Fields of the run kind shown above the method's parameters (e.g. the label column). */
  extra?: ReactNode;
  /** Creates the run and resolves with its id; default: createRun (biclustering). */
  create?: (args: CreateArgs) => Promise<string>;
  /** A reason the form cannot be sent yet (e.g. no label column chosen). */
  blocked?: string;
}

const createBicluster = async (a: CreateArgs) => (await gql(CreateRun, a)).createRun.id;

export function NewRunForm({ datasetId, methods, extra, create = createBicluster, blocked }: NewRunFormProps) {
  const router = useRouter();
  const initial = methods.find((m) => m.isDefault) ?? methods[0];
  const [methodId, setMethodId] = useState(initial?.id ?? "");
  const method = methods.find((m) => m.id === methodId) ?? initial;
  const [values, setValues] = useState<FormValues>({});
  const [name, setName] = useState("");
  const [seed, setSeed] = useState("");
  const [error, setError] = useState<{ field?: string; message: string }>();
  const [busy, setBusy] = useState(false);
  const [estimate, setEstimate] = useState<Estimate>();
  const [estimateError, setEstimateError] = useState<string>();

  const params = useMemo(() => method?.params ?? [], [method]);
  const valueOf = (p: ParamInfo) => values[p.name] ?? defaultText(p);
  const parsed = useMemo(() => parseParamValues(params, values), [params, values]);
  const paramsKey = parsed.ok ? JSON.stringify(parsed.params) : null;

  // Re-estimate when the method or the parameters change (debounced; the latest answer wins).
  useEffect(() => {
    if (!method || paramsKey === null) return;
    const ac = new AbortController();
    const timer = setTimeout(() => {
      gql(RunEstimate, { datasetId, method: method.id, params: JSON.parse(paramsKey) as unknown }, ac.signal)
        .then((r) => {
          setEstimate(r.estimateRun);
          setEstimateError(undefined);
        })
        .catch((e: unknown) => {
          if (!ac.signal.aborted) setEstimateError(describeError(e));
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      ac.abort();
    };
  }, [datasetId, method, paramsKey]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!method) return;
    if (!parsed.ok) {
      setError({ field: parsed.field, message: parsed.message });
      return;
    }
    let seedValue: number | undefined;
    if (seed.trim() !== "") {
      seedValue = Number(seed);
      if (!Number.isInteger(seedValue) || seedValue < 0) {
        setError({ field: "seed", message: "The seed must be a whole number of 0 or more." });
        return;
      }
    }
    if (blocked) {
      setError({ message: blocked });
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const id = await create({ datasetId, method: method.id, params: parsed.params, seed: seedValue, name: name.trim() || undefined });
      router.push(`/runs/${id}`);
    } catch (e) {
      setBusy(false);
      const field = isApiError(e) && typeof e.extensions.field === "string" ? e.extensions.field : undefined;
      setError({ field, message: describeError(e) });
    }
  }

  if (!method) return <Alert kind="error">No analysis methods are available from the API.</Alert>;

  const field = (p: ParamInfo) => (
    <ParamField
      key={p.name}
      p={p}
      value={valueOf(p)}
      set={(v) => setValues((s) => ({ ...s, [p.name]: v }))}
      invalid={error?.field === p.name || error?.field === `params.${p.name}`}
    />
  );
  const main = params.filter((p) => p.group === "MAIN");
  const advanced = params.filter((p) => p.group === "ADVANCED");

  return (
    <form className="form" onSubmit={(e) => void onSubmit(e)} aria-label="New run" noValidate>
      <div className="field">
        <label htmlFor="method">Method</label>
        <select
          id="method"
          value={method.id}
          onChange={(e) => {
            setMethodId(e.currentTarget.value);
            setValues({});
            setError(undefined);
          }}
          aria-describedby="method-help"
          style={{ maxWidth: 420 }}
        >
          {methods.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
              {m.isDefault ? " (default)" : ""}
            </option>
          ))}
        </select>
        <span id="method-help" className="help">
          {method.description} <span className="muted">Reference: {method.reference}</span>
        </span>
      </div>

      {extra}
      <div className="grid-2">
        <div className="field">
          <label htmlFor="run-name">Name</label>
          <input id="run-name" value={name} maxLength={120} placeholder={`${method.label}, seed …`} onChange={(e) => setName(e.currentTarget.value)} />
          <span className="help">Optional: how the run is listed for your team.</span>
        </div>
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
          />
          <span id="seed-help" className="help">
            Same data + same seed = same biclusters. Leave empty for a random seed; it is recorded with the run.
          </span>
        </div>
      </div>

      <div className="grid-3">{main.map(field)}</div>
      {advanced.length > 0 ? (
        <details>
          <summary style={{ cursor: "pointer", fontWeight: 600 }}>Advanced parameters ({advanced.length})</summary>
          <div className="grid-3" style={{ marginTop: "1rem" }}>
            {advanced.map(field)}
          </div>
        </details>
      ) : null}

      {error ? <Alert kind="error">{error.message}</Alert> : null}
      <EstimateLine estimate={estimate} error={estimateError} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy || estimate?.withinBudget === false}>
          {busy ? "Starting…" : "Start run"}
        </button>
        <span className="small muted">The run is queued and starts when a worker is free; you can leave the page.</span>
      </div>
    </form>
  );
}
