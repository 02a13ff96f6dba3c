"use client";
import { useEffect } from "react";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="card" style={{ maxWidth: 620, margin: "3rem auto" }} role="alert">
      <h1>This page could not be loaded</h1>
      <p>
        The ExprLab server did not answer as expected. It may be restarting; your data is safe. Try again in a moment.
      </p>
      {error.digest ? <p className="small muted">Reference for support: {error.digest}</p> : null}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={reset}>
          Try again
        </button>
        <a className="btn" href="/">
          Dashboard
        </a>
      </div>
    </div>
  );
}
