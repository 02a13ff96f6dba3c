"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "../ui.tsx";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "That email and password do not match an account.",
  OAuthAccountNotLinked: "This sign-in provider could not be linked to an ExprLab account.",
  AccessDenied: "Access was denied.",
  SessionRequired: "Please sign in to continue.",
};

export function SignInForm(props: {
  callbackUrl: string;
  error?: string;
  expired?: boolean;
  providers: { id: string; name: string }[];
}) {
  const [error, setError] = useState<string | undefined>(
    props.error ? (MESSAGES[props.error] ?? "Sign-in failed. Please try again.") : undefined,
  );
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    if (!result || result.error) {
      setBusy(false);
      setError(MESSAGES[result?.error ?? ""] ?? result?.error ?? "Sign-in failed. Please try again.");
      return;
    }
    window.location.assign(props.callbackUrl);
  }

  return (
    <div className="stack" style={{ gap: "1rem" }}>
      {props.expired && !error ? <Alert kind="info">Your session has ended. Please sign in again.</Alert> : null}
      {error ? <Alert kind="error">{error}</Alert> : null}
      <form className="form" onSubmit={onSubmit} noValidate={false}>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required autoFocus />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {props.providers.length > 0 ? (
        <>
          <div className="divider">or</div>
          {props.providers.map((p) => (
            <button key={p.id} type="button" className="btn" onClick={() => void signIn(p.id, { callbackUrl: props.callbackUrl })}>
              Continue with {p.name}
            </button>
          ))}
        </>
      ) : null}
      <p className="small muted" style={{ textAlign: "center", margin: 0 }}>
        New to ExprLab?{" "}
        <a href={`/signup${props.callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(props.callbackUrl)}` : ""}`}>
          Create an account
        </a>
      </p>
    </div>
  );
}
