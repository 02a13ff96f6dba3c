"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { signUpAction } from "../../auth/actions.ts";
import { Alert } from "../ui.tsx";

const MIN_PASSWORD = 8;

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const [error, setError] = useState<{ message: string; field?: string } | undefined>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get("name") ?? "");
    const email = String(form.get("email") ?? "");
    const password = String(form.get("password") ?? "");
    if (password.length < MIN_PASSWORD) {
      setError({ field: "password", message: `The password needs at least ${MIN_PASSWORD} characters.` });
      return;
    }
    setBusy(true);
    setError(undefined);
    const result = await signUpAction({ name, email, password });
    if (!result.ok) {
      setBusy(false);
      setError({ message: result.message, field: result.field });
      return;
    }
    const signedIn = await signIn("credentials", { email, password, redirect: false });
    if (!signedIn || signedIn.error) {
      setBusy(false);
      // The same words whether the email was new or taken (sign-up does not reveal accounts).
      setError({ message: "We could not sign you in with this email and password. If you already have an account, sign in with its password." });
      return;
    }
    window.location.assign(callbackUrl);
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  return (
    <div className="stack" style={{ gap: "1rem" }}>
      {error ? <Alert kind="error">{error.message}</Alert> : null}
      <form className="form" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor="name">Your name</label>
          <input id="name" name="name" type="text" autoComplete="name" required autoFocus aria-invalid={invalid("name")} />
        </div>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required aria-invalid={invalid("email")} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD}
            aria-describedby="password-help"
            aria-invalid={invalid("password")}
          />
          <span id="password-help" className="help">At least {MIN_PASSWORD} characters, not a common password (a few words make a good one).</span>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? "Creating your account…" : "Create account"}
        </button>
      </form>
      <p className="small muted" style={{ textAlign: "center", margin: 0 }}>
        Already have an account? <a href={`/signin${callbackUrl !== "/" ? `?callbackUrl=${encodeURIComponent(callbackUrl)}` : ""}`}>Sign in</a>
      </p>
    </div>
  );
}
