"use client";
import { useState } from "react";
import { graphql } from "../generated/index.ts";
import { gql } from "../lib/graphql/client.ts";
import { describeError } from "../lib/graphql/errors.ts";
import { setCurrentTeam } from "../lib/team-actions.ts";
import { Alert } from "./ui.tsx";

const Accept = graphql(`
  mutation AcceptInvitation($token: String!) {
    acceptInvitation(token: $token) {
      id
      name
    }
  }
`);

export function AcceptInvitation({ token }: { token: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function accept() {
    setBusy(true);
    setError(undefined);
    try {
      const { acceptInvitation } = await gql(Accept, { token });
      await setCurrentTeam(acceptInvitation.id);
      window.location.assign("/");
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  }
  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      {error ? <Alert kind="error">{error}</Alert> : null}
      <button type="button" className="btn btn-primary" onClick={() => void accept()} disabled={busy}>
        {busy ? "Joining…" : "Accept invitation"}
      </button>
    </div>
  );
}
