// Small presentational pieces shared by every page (no hooks: usable from Server Components).
import type { ReactNode } from "react";

export function Alert(props: { kind?: "error" | "warning" | "success" | "info"; title?: string; children?: ReactNode }) {
  const kind = props.kind ?? "info";
  return (
    <div className={`alert alert-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {props.title ? <strong>{props.title}</strong> : null}
      {props.children}
    </div>
  );
}

export function Empty(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <strong>{props.title}</strong>
      {props.children}
    </div>
  );
}

export function Loading(props: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {props.label ?? "Loading…"}
    </div>
  );
}

export function ProgressBar(props: { value: number; label: string; state?: "running" | "done" | "failed" }) {
  const pct = Math.max(0, Math.min(100, Math.round(props.value * 100)));
  const cls = props.state === "done" ? "progress done" : props.state === "failed" ? "progress failed" : "progress";
  return (
    <div className={cls} role="progressbar" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <div style={{ width: `${pct}%` }} />
    </div>
  );
}

export function StatusBadge(props: { status: string }) {
  const s = props.status.toLowerCase();
  const label = s.charAt(0).toUpperCase() + s.slice(1);
  return <span className={`badge badge-${s}`}>{label}</span>;
}

export function Stat(props: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <div className="stat">
      <div className="label">{props.label}</div>
      <div className="value">{props.value}</div>
      {props.hint ? <div className="hint">{props.hint}</div> : null}
    </div>
  );
}

export function PageHeader(props: { title: ReactNode; subtitle?: ReactNode; crumbs?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-header">
      <div>
        {props.crumbs ? <div className="breadcrumbs">{props.crumbs}</div> : null}
        <h1>{props.title}</h1>
        {props.subtitle ? <p className="subtitle">{props.subtitle}</p> : null}
      </div>
      {props.actions ? <div className="row">{props.actions}</div> : null}
    </div>
  );
}

export function Card(props: { title?: ReactNode; actions?: ReactNode; children: ReactNode; id?: string }) {
  return (
    <section className="card" id={props.id} aria-label={typeof props.title === "string" ? props.title : undefined}>
      {props.title || props.actions ? (
        <div className="card-header">
          {props.title ? <h2>{props.title}</h2> : <span />}
          {props.actions}
        </div>
      ) : null}
      {props.children}
    </section>
  );
}
