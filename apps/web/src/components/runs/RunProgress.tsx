"use client";
// Live progress of a queued or running run: polls the API (single-flight, every second), shows
// the stage in words (the method's own labels) and a progress bar, offers Cancel, and when the run
// ends re-renders the page in place so its results appear without a reload.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { graphql } from "../../generated/index.ts";
import { gql, useQuery } from "../../lib/graphql/client.ts";
import { describeError } from "../../lib/graphql/errors.ts";
import { formatPercent } from "../../lib/format.ts";
import { Alert, ProgressBar, StatusBadge } from "../ui.tsx";

const RunStatusQuery = graphql(`
  query RunStatus($id: ID!) {
    run(id: $id) {
      id
      status
      progress
      stage
      stageLabel
      cancelRequested
      error
    }
  }
`);

const CancelRun = graphql(`
  mutation CancelRun($id: ID!) {
    cancelRun(id: $id) {
      id
      status
      cancelRequested
    }
  }
`);

export interface RunStatusInfo {
  id: string;
  status: string;
  progress: number;
  stage?: string | null;
  stageLabel: string;
  cancelRequested: boolean;
}

const ACTIVE = new Set(["QUEUED", "RUNNING"]);

export function RunProgress({ initial, canCancel }: { initial: RunStatusInfo; canCancel: boolean }) {
  const router = useRouter();
  const [active, setActive] = useState(ACTIVE.has(initial.status));
  const { data, error } = useQuery(RunStatusQuery, { id: initial.id }, { pollMs: 1000, poll: active, skip: !active });
  const run = data?.run ?? initial;
  const [cancelError, setCancelError] = useState<string>();
  const [cancelling, setCancelling] = useState(false);
  const reported = useRef(false);

  useEffect(() => {
    if (!ACTIVE.has(run.status) && active) {
      setActive(false);
      if (!reported.current) {
        reported.current = true;
        router.refresh(); // load metrics and biclusters
      }
    }
  }, [run.status, active, router]);

  async function cancel() {
    if (!window.confirm("Cancel this run? Work done so far is discarded.")) return;
    setCancelling(true);
    setCancelError(undefined);
    try {
      await gql(CancelRun, { id: initial.id });
    } catch (e) {
      setCancelError(describeError(e));
    } finally {
      setCancelling(false);
    }
  }

  const running = ACTIVE.has(run.status);
  const stage = run.stageLabel;
  return (
    <div className="stack" style={{ gap: "0.6rem" }} aria-live="polite" data-testid="run-progress">
      <div className="row">
        <StatusBadge status={run.status} />
        {running ? (
          <span>
            <strong>{stage}</strong> · {formatPercent(run.progress)}
            {run.cancelRequested ? " · stopping after the current step…" : ""}
          </span>
        ) : null}
        <span className="spacer" />
        {running && canCancel && !run.cancelRequested ? (
          <button type="button" className="btn btn-danger btn-small" onClick={() => void cancel()} disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel run"}
          </button>
        ) : null}
      </div>
      {running ? <ProgressBar value={run.progress} label="Run progress" /> : null}
      {error ? <Alert kind="warning">Live updates paused: {describeError(error)} Retrying…</Alert> : null}
      {cancelError ? <Alert kind="error">{cancelError}</Alert> : null}
    </div>
  );
}
