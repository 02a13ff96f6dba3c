"use client";
// Run forms of the kinds beyond biclustering: the generic NewRunForm plus what the kind takes
// (a classifier: the column of the classes and an optional gene panel; a regression: the column
// to predict).
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import type { MethodFormViewFragment } from "../../generated/graphql.ts";
import { gql } from "../../lib/graphql/client.ts";
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
