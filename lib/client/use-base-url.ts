"use client";

import { useSyncExternalStore } from "react";

const noop = () => () => {};

/** The gateway's origin as this browser reaches it (Anthropic clients take this; they add /v1). */
export function useGatewayOrigin(): string {
  return useSyncExternalStore(
    noop,
    () => window.location.origin,
    () => "http://localhost:3001",
  );
}

/** The gateway's OpenAI base URL as this browser reaches it; a sensible default while rendering on the server. */
export function useBaseUrl(): string {
  return `${useGatewayOrigin()}/v1`;
}
