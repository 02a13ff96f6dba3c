"use client";
// Run forms of the kinds beyond biclustering: the generic NewRunForm plus what the kind takes
// (a classifier: the column of the classes and an optional gene panel; a regression: the column
// to predict).
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import type { MethodFormViewFragment } from "../../generated/graphql.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { Alert } from "../ui.tsx";
import { NewRunForm } from "./NewRunForm.tsx";

const CreateClassifyRun = graphql(`
  mutation CreateClassifyRun($datasetId: ID!, $method: String, $params: JSON, $seed: Int, $name: String, $labelColumn: String!, $panelBiclusterId: ID) {
    createClassifyRun(datasetId: $datasetId, method: $method, params: $params, seed: $seed, name: $name, labelColumn: $labelColumn, panelBiclusterId: $panelBiclusterId) {
      id
    }
  }
`);

const CreateRegressRun = graphql(`
  mutation CreateRegressRun($datasetId: ID!, $method: String, $params: JSON, $seed: Int, $name: String, $target: String!) {
    createRegressRun(datasetId: $datasetId, method: $method, params: $params, seed: $seed, name: $name, target: $target) {
      id
    }
  }
`);

export function ClassifyRunForm(props: {
  datasetId: string;
  methods: MethodFormViewFragment[];
  sampleColumns: string[];
  panel: { biclusterId: string; genes: number; title: string } | null;
}) {
  const [labelColumn, setLabelColumn] = useState(props.sampleColumns.includes("label") ? "label" : (props.sampleColumns[0] ?? ""));
  const extra = (
    <div className="grid-2">
      <div className="field">
        <label htmlFor="label-column">Classes from</label>
        <select id="label-column" value={labelColumn} onChange={(e) => setLabelColumn(e.currentTarget.value)}>
          {props.sampleColumns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
        <span className="help">The sample-metadata column whose values are the classes; unlabelled samples are left out.</span>
      </div>
      <div className="field">
        <span className="label">Genes</span>
        <p style={{ margin: "0.35rem 0" }}>
          {props.panel ? (
            <>
              The {props.panel.genes} genes of <strong>{props.panel.title}</strong> (a panel).
            </>
          ) : (
            "The method's feature set (see its parameters)."
          )}
        </p>
        <span className="help">Gene selection and scaling are fitted on the training samples only.</span>
      </div>
    </div>
  );
  return (
    <NewRunForm
      datasetId={props.datasetId}
      methods={props.methods}
      extra={extra}
      {...(labelColumn ? {} : { blocked: "Import a sample sheet with the samples' classes first." })}
      create={async (a) =>
        (await gql(CreateClassifyRun, { ...a, labelColumn, ...(props.panel ? { panelBiclusterId: props.panel.biclusterId } : {}) })).createClassifyRun.id
      }
    />
  );
}

export function RegressRunForm(props: { datasetId: string; methods: MethodFormViewFragment[]; columns: string[] }) {
  const [target, setTarget] = useState(props.columns.includes("logFC") ? "logFC" : (props.columns[0] ?? ""));
  const extra = (
    <div className="field" style={{ maxWidth: 420 }}>
      <label htmlFor="target-column">Predict</label>
      <select id="target-column" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
        {props.columns.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
      <span className="help">Columns computed from the target (e.g. t and P.Value for B) are left out of the features, so the scores are honest.</span>
    </div>
  );
  return <NewRunForm datasetId={props.datasetId} methods={props.methods} extra={extra} create={async (a) => (await gql(CreateRegressRun, { ...a, target })).createRegressRun.id} />;
}

const CreateBenchmarkRun = graphql(`
  mutation CreateBenchmarkRun($datasetId: ID!, $methods: [String!]!, $seeds: Int, $k: Int, $permutations: Int, $seed: Int, $name: String) {
    createBenchmarkRun(datasetId: $datasetId, methods: $methods, seeds: $seeds, k: $k, permutations: $permutations, seed: $seed, name: $name) {
      id
    }
  }
`);

/** A method comparison: which methods, how many seeds, K for all of them. */
export function BenchmarkRunForm(props: { datasetId: string; methods: MethodFormViewFragment[]; truth: string | null }) {
  const router = useRouter();
  const paper = ["lstm-svm", "hmm", "rnn", "svm", "kmeans"];
  const [chosen, setChosen] = useState<Set<string>>(new Set(props.methods.filter((m) => paper.includes(m.id)).map((m) => m.id)));
  const [seeds, setSeeds] = useState("5");
  const [k, setK] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const nSeeds = Number(seeds);
    const kValue = k.trim() === "" ? undefined : Number(k);
    if (!Number.isInteger(nSeeds) || nSeeds < 1 || nSeeds > 20) return setError("Seeds must be a whole number from 1 to 20.");
    if (kValue !== undefined && (!Number.isInteger(kValue) || kValue < 1)) return setError("K must be a whole number, or empty for each method's own choice.");
    if (chosen.size === 0) return setError("Choose at least one method.");
    setBusy(true);
    setError(undefined);
    try {
      const res = await gql(CreateBenchmarkRun, { datasetId: props.datasetId, methods: [...chosen], seeds: nSeeds, ...(kValue !== undefined ? { k: kValue } : {}), ...(name.trim() ? { name: name.trim() } : {}) });
      router.push(`/runs/${res.createBenchmarkRun.id}`);
    } catch (err) {
      setBusy(false);
      setError(describeError(err));
    }
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="New benchmark">
      <fieldset>
        <legend>Methods</legend>
        <div className="checkbox-list">
          {props.methods.map((m) => (
            <label key={m.id} title={m.description}>
              <input
                type="checkbox"
                checked={chosen.has(m.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.currentTarget.checked) next.add(m.id);
                  else next.delete(m.id);
                  setChosen(next);
                }}
              />{" "}
              {m.label}
            </label>
          ))}
        </div>
        <p className="help small muted">Checked by default: LSTM-SVM and the paper&apos;s baselines (HMM, RNN, SVM, k-means).</p>
      </fieldset>
      <div className="grid-3">
        <div className="field">
          <label htmlFor="bench-seeds">Seeds per method</label>
          <input id="bench-seeds" type="number" min={1} max={20} value={seeds} onChange={(e) => setSeeds(e.currentTarget.value)} />
          <span className="help">Each method runs once per seed; the spread over seeds is the error bar.</span>
        </div>
        <div className="field">
          <label htmlFor="bench-k">K for every method</label>
          <input id="bench-k" type="number" min={1} placeholder="each method's own" value={k} onChange={(e) => setK(e.currentTarget.value)} />
          <span className="help">With a known answer, the number of planted biclusters makes the comparison fair.</span>
        </div>
        <div className="field">
          <label htmlFor="bench-name">Name</label>
          <input id="bench-name" value={name} maxLength={120} onChange={(e) => setName(e.currentTarget.value)} placeholder="Benchmark of …" />
        </div>
      </div>
      <p className="small muted" style={{ margin: 0 }}>
        {props.truth ? `Scores against the dataset's ${props.truth}.` : "This dataset has no truth: accuracy, F-measure and consensus need one (upload it on the dataset page); silhouette, MSR and time are compared anyway."}{" "}
        The {chosen.size * (Number(seeds) || 0)} runs are queued together and spread over the workers.
      </p>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="form-actions">
        <button className="btn btn-primary" type="submit" disabled={busy}>
          {busy ? "Starting…" : "Start benchmark"}
        </button>
      </div>
    </form>
  );
}
