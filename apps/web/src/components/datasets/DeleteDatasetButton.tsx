"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";

const DeleteDataset = graphql(`
  mutation DeleteDataset($id: ID!) {
    deleteDataset(id: $id)
  }
`);

export function DeleteDatasetButton({ id, name, runCount, redirectTo }: { id: string; name: string; runCount: number; redirectTo?: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function onClick() {
    const runs = runCount ? ` and its ${runCount} run${runCount === 1 ? "" : "s"} with their biclusters` : "";
    if (!window.confirm(`Delete “${name}”${runs}? This cannot be undone.`)) return;
    setBusy(true);
    setError(undefined);
    try {
      await gql(DeleteDataset, { id });
      if (redirectTo) router.push(redirectTo);
      router.refresh();
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }
  return (
    <span>
      <button type="button" className="btn btn-danger btn-small" onClick={() => void onClick()} disabled={busy} aria-label={`Delete dataset ${name}`}>
        {busy ? "Deleting…" : "Delete"}
      </button>
      {error ? (
        <span role="alert" className="small" style={{ color: "var(--danger)", marginLeft: 8 }}>
          {error}
        </span>
      ) : null}
    </span>
  );
}
