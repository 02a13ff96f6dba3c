"use client";
// A planted synthetic dataset with its truth, to see how the methods do where the answer is
// known: temporal designs (time courses) and Prelic-style constant, additive and multiplicative
// biclusters on shuffled samples.
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import { gql, useQuery } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { Alert } from "../ui.tsx";

const Designs = graphql(`
  query SyntheticDesigns {
    syntheticDesigns {
      id
      help
    }
  }
`);

const CreateSynthetic = graphql(`
  mutation CreateSynthetic($teamId: ID!, $design: String!, $genes: Int, $conditions: Int, $biclusters: Int, $noiseSd: Float, $overlap: Float, $seed: Int, $name: String) {
    createSyntheticDataset(teamId: $teamId, design: $design, genes: $genes, conditions: $conditions, biclusters: $biclusters, noiseSd: $noiseSd, overlap: $overlap, seed: $seed, name: $name) {
      id
    }
  }
`);

export function SyntheticDatasetForm({ teamId }: { teamId: string }) {
  const router = useRouter();
  const { data } = useQuery(Designs, {});
  const [design, setDesign] = useState("temporal");
  const [v, setV] = useState({ genes: "1000", conditions: "20", biclusters: "4", noiseSd: "", overlap: "", seed: "1", name: "" });
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const vars = { teamId, design, genes: num(v.genes), conditions: num(v.conditions), biclusters: num(v.biclusters), noiseSd: num(v.noiseSd), overlap: num(v.overlap), seed: num(v.seed), name: v.name.trim() || undefined };
      const res = await gql(CreateSynthetic, JSON.parse(JSON.stringify(vars)) as typeof vars);
      router.push(`/datasets/${res.createSyntheticDataset.id}`);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }
  const field = (key: keyof typeof v, label: string, help: string, type = "number") => (
    <div className="field">
      <label htmlFor={`synth-${key}`}>{label}</label>
      <input id={`synth-${key}`} type={type} step="any" value={v[key]} onChange={(e) => setV({ ...v, [key]: e.currentTarget.value })} />
      <span className="help">{help}</span>
    </div>
  );
  const help = data?.syntheticDesigns.find((d) => d.id === design)?.help;
  return (
    <form className="form" onSubmit={(e) => void submit(e)} aria-label="Synthetic dataset">
      <div className="field">
        <label htmlFor="synth-design">Design</label>
        <select id="synth-design" value={design} onChange={(e) => setDesign(e.currentTarget.value)} style={{ maxWidth: 420 }}>
          {(data?.syntheticDesigns ?? [{ id: "temporal", help: "" }]).map((d) => (
            <option key={d.id} value={d.id}>
              {d.id}
            </option>
          ))}
        </select>
        {help ? <span className="help">{help}</span> : null}
      </div>
      <div className="grid-3">
        {field("genes", "Genes", "Rows of the matrix.")}
        {field("conditions", "Conditions", "Time points or samples.")}
        {field("biclusters", "Planted biclusters", "How many groups are planted.")}
        {field("noiseSd", "Noise sd", "Gaussian noise (empty: the design's default).")}
        {field("overlap", "Overlap", "Fraction of genes shared with the previous bicluster (0 to 0.5).")}
        {field("seed", "Seed", "Same seed, same data.")}
      </div>
      {field("name", "Title", "Optional: how the dataset is listed (default: design, size and seed).", "text")}
      {error ? <Alert kind="error">{error}</Alert> : null}
      <div className="form-actions">
        <button className="btn" type="submit" disabled={busy}>
          {busy ? "Generating…" : "Create synthetic dataset"}
        </button>
        <span className="small muted">The planted biclusters are kept as the dataset&apos;s truth, so benchmarks can score every method against them.</span>
      </div>
    </form>
  );
}
