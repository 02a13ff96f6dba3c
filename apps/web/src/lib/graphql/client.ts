"use client";
// GraphQL from the browser: through the web app's /api/graphql proxy, which adds the token.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "./errors.ts";
import { postGraphQL, type Doc } from "./request.ts";

export function gql<R, V>(doc: Doc<R, V>, variables?: V, signal?: AbortSignal): Promise<R> {
  return postGraphQL("/api/graphql", doc, variables, {}, { signal }).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED" && typeof window !== "undefined") {
      window.location.assign(`/signin?expired=1&callbackUrl=${encodeURIComponent(window.location.pathname)}`);
    }
    throw error;
  });
}

export interface QueryState<R> {
  data: R | undefined;
  error: unknown;
  loading: boolean;
  refetch: () => Promise<void>;
}

/**
 * Loads an operation in the browser; with pollMs, reloads while `poll` is true. Polling is
 * single-flight: the next request is sent pollMs after the previous answer (never while one is in
 * flight, so slow answers cannot pile up), and after errors the wait doubles up to 30 s.
 */
export function useQuery<R, V>(
  doc: Doc<R, V>,
  variables: V,
  options: { pollMs?: number; poll?: boolean; skip?: boolean } = {},
): QueryState<R> {
  const [data, setData] = useState<R | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(!options.skip);
  const key = JSON.stringify(variables);
  const keyRef = useRef(key);
  keyRef.current = key;

  /** Resolves true when the request succeeded. */
  const run = useCallback(async (): Promise<boolean> => {
    const requested = key;
    try {
      const result = await gql(doc, JSON.parse(requested) as V);
      if (keyRef.current === requested) {
        setData(result);
        setError(undefined);
      }
      return true;
    } catch (e) {
      if (keyRef.current === requested) setError(e);
      return false;
    } finally {
      if (keyRef.current === requested) setLoading(false);
    }
  }, [doc, key]);

  useEffect(() => {
    if (options.skip) return;
    setLoading(true);
    void run();
  }, [run, options.skip]);

  const { pollMs, poll = true } = options;
  useEffect(() => {
    if (!pollMs || !poll || options.skip) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let wait = pollMs;
    const tick = async () => {
      const ok = await run();
      if (stopped) return;
      wait = ok ? pollMs : Math.min(wait * 2, 30_000);
      timer = setTimeout(() => void tick(), wait);
    };
    timer = setTimeout(() => void tick(), pollMs);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [run, pollMs, poll, options.skip]);

  return {
    data,
    error,
    loading,
    refetch: async () => {
      await run();
    },
  };
}
