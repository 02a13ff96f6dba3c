"use client";
// The known answer of a dataset (planted, a truth file or gene classes): what it is, a way to
// upload one, and the benchmark that uses it.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { formatInt } from "../../lib/format.ts";
import { Alert, Card } from "../ui.tsx";

const UploadTruth = graphql(`
  mutation UploadTruth($id: ID!, $content: String!) {
    uploadDatasetTruth(datasetId: $id, content: $content) {
      id
    }
  }
`);

const SOURCES: Record<string, string> = { planted: "planted by the generator", "truth-file": "from a truth file", "gene-classes": "gene classes from a table" };

export function TruthCard(props: {
  datasetId: string;
  truth: { source: string; classes: number; labelledGenes: number; biclusters: number | null } | null;
  canWrite: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function upload(file: File) {
    setBusy(true);
    setError(undefined);
    try {
      if (file.size > 4 * 1024 * 1024) throw new Error("The file is over 4 MB.");
      await gql(UploadTruth, { id: props.datasetId, content: await file.text() });
      router.refresh();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card
      title="Known answer and method comparison"
      actions={
        props.canWrite ? (
          <Link className="btn btn-small" href={`/datasets/${props.datasetId}/new-run?kind=BENCHMARK`}>
            Compare methods
          </Link>
        ) : null
      }
    >
      {props.truth ? (
        <p style={{ marginTop: 0 }}>
          Truth {SOURCES[props.truth.source] ?? props.truth.source}: {props.truth.classes} classes over {formatInt(props.truth.labelledGenes)} genes
          {props.truth.biclusters !== null ? `, ${props.truth.biclusters} biclusters with their conditions` : ""}. Benchmarks score accuracy, precision, recall,
          F-measure and consensus against it.
        </p>
      ) : (
        <p className="muted" style={{ marginTop: 0 }}>
          No known answer yet: a benchmark then compares silhouette, residue and time only. Upload gene classes (a CSV of gene,class) or a truth JSON
          (from <span className="mono">exprlab synth</span>) to score methods against it.
        </p>
      )}
      {props.canWrite ? (
        <label className="small">
          {props.truth ? "Replace the truth: " : "Upload a truth: "}
          <input type="file" accept=".csv,.tsv,.txt,.json" disabled={busy} onChange={(e) => e.currentTarget.files?.[0] && void upload(e.currentTarget.files[0])} aria-label="Truth file" />
        </label>
      ) : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
    </Card>
  );
}
