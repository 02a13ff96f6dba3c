"use client";
// What a lab can do with a dataset besides biclustering: train a classifier on the samples'
// classes, compute differential expression between two groups (limma, saved as a DE table), or
// for a DE table: its volcano plot, top genes and a comparison of regressors.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import { gql, useQuery } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { formatInt, formatNumber } from "../../lib/format.ts";
import { ScatterPlot } from "../charts/index.tsx";
import { Alert, Card } from "../ui.tsx";

const ClassBalance = graphql(`
  query ClassBalance($id: ID!, $column: String!) {
    dataset(id: $id) {
      id
      classBalance(column: $column) {
        class
        count
      }
    }
  }
`);

const ComputeDe = graphql(`
  mutation ComputeDe($id: ID!, $column: String!, $first: String!, $second: String!, $name: String) {
    computeDifferentialExpression(datasetId: $id, labelColumn: $column, first: $first, second: $second, name: $name) {
      id
    }
  }
`);

const DeTableQuery = graphql(`
  query DeTableView($id: ID!) {
    deTable(datasetId: $id) {
      columns
      genes
      values
    }
  }
`);

function DifferentialExpressionForm({ datasetId, columns }: { datasetId: string; columns: string[] }) {
  const router = useRouter();
  const [column, setColumn] = useState(columns.includes("group") ? "group" : columns[0]!);
  const { data } = useQuery(ClassBalance, { id: datasetId, column });
  const classes = useMemo(() => data?.dataset.classBalance ?? [], [data]);
  const [first, setFirst] = useState("");
  const [second, setSecond] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setFirst(classes[0]?.class ?? "");
    setSecond(classes[1]?.class ?? "");
  }, [classes]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const res = await gql(ComputeDe, { id: datasetId, column, first, second });
      router.push(`/datasets/${res.computeDifferentialExpression.id}`);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Differential expression">
      <div className="grid-3">
        <div className="field">
          <label htmlFor="de-column">Groups from</label>
          <select id="de-column" value={column} onChange={(e) => setColumn(e.currentTarget.value)}>
            {columns.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="de-first">Reference group</label>
          <select id="de-first" value={first} onChange={(e) => setFirst(e.currentTarget.value)}>
            {classes.map((c) => (
              <option key={c.class} value={c.class}>
                {c.class} ({c.count})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="de-second">Compared group</label>
          <select id="de-second" value={second} onChange={(e) => setSecond(e.currentTarget.value)}>
            {classes.map((c) => (
              <option key={c.class} value={c.class}>
                {c.class} ({c.count})
              </option>
            ))}
          </select>
        </div>
      </div>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="form-actions">
        <button className="btn" type="submit" disabled={busy || !first || !second || first === second}>
          {busy ? "Computing…" : "Compute differential expression"}
        </button>
        <span className="small muted">limma&apos;s moderated t-test; logFC = compared − reference. The table becomes a new dataset.</span>
      </div>
    </form>
  );
}

function Volcano({ datasetId }: { datasetId: string }) {
  const { data, error } = useQuery(DeTableQuery, { id: datasetId });
  const table = data?.deTable;
  const view = useMemo(() => {
    if (!table) return null;
    const col = (name: string) => table.columns.indexOf(name);
    const [fc, p, q, b] = [col("logFC"), col("P.Value"), col("adj.P.Val"), col("B")];
    if (fc < 0 || p < 0) return { missing: true as const };
    const rows = table.genes.map((gene, i) => {
      const v = table.values[i]!;
      return { gene, logFC: v[fc] ?? Number.NaN, p: v[p] ?? Number.NaN, q: q >= 0 ? (v[q] ?? Number.NaN) : Number.NaN, b: b >= 0 ? (v[b] ?? Number.NaN) : Number.NaN };
    });
    const finite = rows.filter((r) => Number.isFinite(r.logFC) && Number.isFinite(r.p));
    const y = (r: (typeof rows)[number]) => -Math.log10(Math.max(r.p, 1e-300));
    const sig = (r: (typeof rows)[number]) => Number.isFinite(r.q) && r.q < 0.05;
    return {
      missing: false as const,
      groups: [
        { name: "adj. p ≥ 0.05", color: "#98a2b3", points: finite.filter((r) => !sig(r)).map((r) => ({ x: r.logFC, y: y(r), label: r.gene })) },
        { name: "adj. p < 0.05", color: "#d92d20", points: finite.filter(sig).map((r) => ({ x: r.logFC, y: y(r), label: r.gene })) },
      ],
      top: [...finite].sort((a, c) => a.p - c.p).slice(0, 25),
      significant: finite.filter(sig).length,
    };
  }, [table]);
  if (error) return <Alert kind="error">{describeError(error)}</Alert>;
  if (!view) return <div className="skeleton" style={{ height: 300 }} role="status" aria-label="Loading the table" />;
  if (view.missing) return <p className="muted">This table has no logFC and P.Value columns, so there is no volcano plot.</p>;
  return (
    <div className="grid-2" style={{ alignItems: "start" }}>
      <div>
        <ScatterPlot groups={view.groups} xLabel="logFC" yLabel="−log10 p" label="Volcano plot: logFC against −log10 p-value" />
        <p className="small muted">{formatInt(view.significant)} genes with adjusted p &lt; 0.05 (Benjamini–Hochberg).</p>
      </div>
      <div className="table-wrap" style={{ maxHeight: 380, overflowY: "auto" }}>
        <table className="table" aria-label="Top genes">
          <thead>
            <tr>
              <th>Gene</th>
              <th className="num">logFC</th>
              <th className="num">P.Value</th>
              <th className="num">adj.P.Val</th>
              <th className="num">B</th>
            </tr>
          </thead>
          <tbody>
            {view.top.map((r) => (
              <tr key={r.gene}>
                <td>
                  <Link href={`/genes/${encodeURIComponent(r.gene)}`}>{r.gene}</Link>
                </td>
                <td className="num">{formatNumber(r.logFC, 3)}</td>
                <td className="num">{r.p === 0 ? "< 1e-38" : r.p.toExponential(2)}</td>
                <td className="num">{Number.isFinite(r.q) ? (r.q === 0 ? "< 1e-38" : r.q.toExponential(2)) : "–"}</td>
                <td className="num">{formatNumber(r.b, 2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function DatasetAnalyses(props: { datasetId: string; kind: string; sampleColumns: string[]; canWrite: boolean }) {
  if (props.kind === "DE_TABLE") {
    return (
      <Card
        title="Differential expression"
        actions={
          props.canWrite ? (
            <Link className="btn btn-small" href={`/datasets/${props.datasetId}/new-run?kind=REGRESS`}>
              Compare regressors
            </Link>
          ) : null
        }
      >
        <Volcano datasetId={props.datasetId} />
      </Card>
    );
  }
  if (props.sampleColumns.length === 0) return null;
  return (
    <Card
      title="Classes and groups"
      actions={
        props.canWrite ? (
          <Link className="btn btn-small" href={`/datasets/${props.datasetId}/new-run?kind=CLASSIFY`}>
            Train a classifier
          </Link>
        ) : null
      }
    >
      <p className="small muted">
        The samples carry metadata ({props.sampleColumns.join(", ")}): a classifier can learn to predict a column, and two groups can be compared gene by gene.
      </p>
      {props.canWrite ? <DifferentialExpressionForm datasetId={props.datasetId} columns={props.sampleColumns} /> : null}
    </Card>
  );
}
