"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** The gateway's OpenAI base URL as this browser reaches it; a sensible default while rendering on the server. */
export function useBaseUrl(): string {
  return useSyncExternalStore(
    noop,
    () => `${window.location.origin}/v1`,
    () => "http://localhost:3001/v1",
  );
}
