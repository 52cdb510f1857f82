import { getEnv } from "@/lib/env";
import type { RouteOptions } from "@/lib/router";

export function gatewayOptions(): RouteOptions {
  const env = getEnv();
  return {
    maxAttempts: env.GATEWAY_MAX_ATTEMPTS,
    deadlineMs: env.GATEWAY_DEADLINE_MS,
    connectTimeoutMs: env.UPSTREAM_CONNECT_TIMEOUT_MS,
    firstByteTimeoutMs: env.UPSTREAM_FIRST_BYTE_TIMEOUT_MS,
    allowPrivateUpstreams: env.ALLOW_PRIVATE_UPSTREAMS,
    hedge: env.GATEWAY_HEDGE === "on",
  };
}
