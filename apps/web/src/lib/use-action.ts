// Busy flag and error message around the async action of a form or button in a client component.
import { useState } from "react";
import { describeError } from "./graphql/errors.ts";

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** Runs `action`; while it runs `busy` is true, and if it throws `error` says why. */
  async function run(action: () => Promise<void>): Promise<void> {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, run };
}
