"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { graphql } from "../../generated/index.ts";
import { gql } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { formatDate, formatRelative } from "../../lib/format.ts";
import { useAction } from "../../lib/use-action.ts";
import { CopyField } from "../CopyField.tsx";
import { Alert } from "../ui.tsx";

const CreateToken = graphql(`
  mutation CreateApiToken($name: String!, $expiresInDays: Int) {
    createApiToken(name: $name, expiresInDays: $expiresInDays) {
      token
      apiToken {
        id
        name
      }
    }
  }
`);
const RevokeToken = graphql(`
  mutation RevokeApiToken($id: ID!) {
    revokeApiToken(id: $id) {
      id
    }
  }
`);

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt?: string | null;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

export function ApiTokens({ tokens, apiUrl }: { tokens: TokenRow[]; apiUrl: string }) {
  const router = useRouter();
  const [created, setCreated] = useState<{ name: string; token: string }>();
  const { busy, error, setError, run } = useAction();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const days = String(data.get("expires") ?? "");
    await run(async () => {
      const { createApiToken } = await gql(CreateToken, {
        name: String(data.get("name") ?? "").trim(),
        expiresInDays: days === "never" ? null : Number(days),
      });
      setCreated({ name: createApiToken.apiToken.name, token: createApiToken.token });
      form.reset();
      router.refresh();
    });
  }

  return (
    <div className="stack" style={{ gap: "0.75rem" }}>
      <p className="small muted" style={{ margin: 0 }}>
        Personal tokens let your scripts call the API as you: <code>Authorization: Bearer &lt;token&gt;</code> on {apiUrl}.
      </p>
      <form className="row" onSubmit={(e) => void onSubmit(e)} aria-label="Create an API token" style={{ alignItems: "flex-end" }}>
        <div className="field" style={{ flex: 2, minWidth: 200 }}>
          <label htmlFor="token-name">Token name</label>
          <input id="token-name" name="name" type="text" required placeholder="e.g. analysis notebook" />
        </div>
        <div className="field" style={{ flex: 1, minWidth: 140 }}>
          <label htmlFor="token-expires">Expires</label>
          <select id="token-expires" name="expires" defaultValue="90">
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="never">never</option>
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Creating…" : "Create token"}
        </button>
      </form>
      {error ? <Alert kind="error">{error}</Alert> : null}
      {created ? (
        <div className="alert alert-success">
          <CopyField id="new-token" label={`New token “${created.name}”`} value={created.token} />
          <p className="small" style={{ margin: "0.4rem 0 0" }}>
            Copy it now: it is shown only once. If you lose it, revoke it and create another.
          </p>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>No tokens yet.</p>
      ) : (
        <table className="table" aria-label="API tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Created</th>
              <th>Last used</th>
              <th>Expires</th>
              <th><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id}>
                <td>{t.name}</td>
                <td className="mono small">{t.prefix}…</td>
                <td className="small">{formatRelative(t.createdAt)}</td>
                <td className="small">{t.lastUsedAt ? formatRelative(t.lastUsedAt) : "never"}</td>
                <td className="small">{t.revokedAt ? <span className="badge badge-canceled">Revoked</span> : t.expiresAt ? formatDate(t.expiresAt) : "never"}</td>
                <td>
                  {t.revokedAt ? null : (
                    <button
                      type="button"
                      className="btn btn-danger btn-small"
                      aria-label={`Revoke token ${t.name}`}
                      onClick={() => {
                        if (!window.confirm(`Revoke “${t.name}”? Scripts using it stop working.`)) return;
                        gql(RevokeToken, { id: t.id }).then(
                          () => router.refresh(),
                          (e: unknown) => setError(describeError(e)),
                        );
                      }}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
