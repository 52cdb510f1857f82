"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "./api-fetch";

/** How often live pages poll while their tab is visible (usage is flushed every second). */
export const LIVE_REFRESH_MS = 1_000;

// Last good answer per URL, so coming back to a page paints at once and refreshes quietly.
const cache = new Map<string, unknown>();
// Several components mounting together ask once.
const inflight = new Map<string, Promise<unknown>>();

function fetchShared<T>(url: string): Promise<T> {
  let pending = inflight.get(url) as Promise<T> | undefined;
  if (!pending) {
    pending = apiFetch<T>(url).finally(() => inflight.delete(url));
    inflight.set(url, pending);
  }
  return pending;
}

export interface Resource<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** Replace the local copy (optimistic updates); the next reload reconciles. */
  mutate: (next: T | ((current: T | undefined) => T)) => void;
}

interface State<T> {
  url: string | null;
  data: T | undefined;
  error: Error | undefined;
  settled: boolean;
}

/** A small stale-while-revalidate hook over apiFetch; `url` null skips fetching. */
export function useResource<T>(url: string | null, options: { refreshMs?: number } = {}): Resource<T> {
  const { refreshMs } = options;
  const [state, setState] = useState<State<T>>(() => initial<T>(url));
  // A new URL starts from its cached copy (if any) until its own answer arrives.
  const current = state.url === url ? state : initial<T>(url);
  const active = useRef(url);
  useEffect(() => {
    active.current = url;
  }, [url]);

  const load = useCallback(async () => {
    if (!url) return;
    try {
      const data = await fetchShared<T>(url);
      cache.set(url, data);
      if (active.current === url) setState({ url, data, error: undefined, settled: true });
    } catch (caught) {
      if (active.current !== url) return;
      setState((prev) => ({ url, data: prev.url === url ? prev.data : (cache.get(url) as T | undefined), error: caught as Error, settled: true }));
    }
  }, [url]);

  useEffect(() => {
    void load();
  }, [load]);

  // Coming back to the tab shows fresh numbers; live pages may also poll while visible.
  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && void load();
    document.addEventListener("visibilitychange", onVisible);
    const timer = refreshMs ? window.setInterval(() => document.visibilityState === "visible" && void load(), refreshMs) : undefined;
    return () => {
      document.removeEventListener("visibilitychange", onVisible);
      if (timer) window.clearInterval(timer);
    };
  }, [load, refreshMs]);

  const mutate = useCallback(
    (next: T | ((current: T | undefined) => T)) => {
      setState((prev) => {
        const base = prev.url === url ? prev.data : (cache.get(url ?? "") as T | undefined);
        const data = typeof next === "function" ? (next as (c: T | undefined) => T)(base) : next;
        if (url) cache.set(url, data);
        return { url, data, error: undefined, settled: true };
      });
    },
    [url],
  );

  return {
    data: current.data,
    error: current.error,
    loading: url !== null && current.data === undefined && !current.settled,
    reload: load,
    mutate,
  };
}

function initial<T>(url: string | null): State<T> {
  const data = url ? (cache.get(url) as T | undefined) : undefined;
  return { url, data, error: undefined, settled: data !== undefined };
}
