"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";

export function CompareForm({ runId, others }: { runId: string; others: { id: string; label: string }[] }) {
  const router = useRouter();
  const [other, setOther] = useState(others[0]?.id ?? "");
  if (others.length === 0) {
    return <p className="small muted">Start another run on this dataset (e.g. with a different seed or K) to compare the two.</p>;
  }
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (other) router.push(`/runs/compare?a=${runId}&b=${other}`);
      }}
    >
      <label htmlFor="compare-with">Compare with</label>
      <select id="compare-with" value={other} onChange={(e) => setOther(e.currentTarget.value)}>
        {others.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="submit" className="btn">
        Compare
      </button>
    </form>
  );
}
