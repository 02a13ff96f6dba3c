"use client";
// Follow a gene: changes to the team's annotation of it then show up in your notifications.
import { useState } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";

const Follow = graphql(`
  mutation FollowGene($teamId: ID!, $gene: String!, $follow: Boolean!) {
    followGene(teamId: $teamId, gene: $gene, follow: $follow)
  }
`);

export function FollowGene({ teamId, gene, initial }: { teamId: string; gene: string; initial: boolean }) {
  const [following, setFollowing] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function toggle() {
    setBusy(true);
    setError(undefined);
    try {
      const { followGene } = await gql(Follow, { teamId, gene, follow: !following });
      setFollowing(followGene);
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="row" style={{ gap: "0.4rem" }}>
      <button type="button" className="btn btn-small" onClick={() => void toggle()} disabled={busy} aria-pressed={following} title="Annotation changes of this gene notify you">
        {following ? "★ Following" : "☆ Follow"}
      </button>
      {error ? <span className="small" style={{ color: "var(--danger)" }}>{error}</span> : null}
    </span>
  );
}
