import { decryptSecret } from "@/lib/crypto";
import { recordTokens } from "@/lib/limits";
import { log } from "@/lib/log";
import { markProviderKeyInvalid } from "@/lib/provider-keys/key-maintenance";
import type { Protocol } from "@/lib/protocols/protocol";
import type { RouteContext } from "@/lib/router";
import { recordUsage } from "@/lib/usage/recorder";
import { gatewayOptions } from "./gateway-options";
import { getRoutingState } from "./routing-state";
import { forgetUserRouting, getUserRouting } from "./user-routing";

export interface Caller {
  requestId: string;
  userId: string;
  /** Null for the dashboard playground. */
  apiKeyId: string | null;
  identifier?: string;
  /** The wire protocol the request came in on (the request log shows it). */
  protocol: Protocol;
  /** Models this caller's key may use; empty = any. */
  modelAllowlist: readonly string[];
}

export interface RequestPreferences {
  strict: boolean;
  privacy: "standard" | "no-training";
  signal: AbortSignal;
}

export function readPreferences(request: Request): RequestPreferences {
  return {
    strict: request.headers.get("x-freellmapi-strict")?.toLowerCase() === "true",
    privacy: request.headers.get("x-freellmapi-privacy")?.toLowerCase() === "no-training" ? "no-training" : "standard",
    signal: request.signal,
  };
}

async function markKeyInvalid(userId: string, keyId: string, reason: string) {
  await markProviderKeyInvalid(keyId, reason);
  forgetUserRouting(userId);
  log.warn(`Provider key ${keyId} marked invalid: ${reason}`);
}

/** Everything the router needs for one request of this caller. */
export async function buildRouteContext(caller: Caller, preferences: RequestPreferences): Promise<RouteContext> {
  const { chain, keys } = await getUserRouting(caller.userId);
  return {
    requestId: caller.requestId,
    chain,
    keys,
    ...preferences,
    decrypt: decryptSecret,
    state: getRoutingState(),
    options: gatewayOptions(),
    onKeyInvalid: (keyId, reason) => markKeyInvalid(caller.userId, keyId, reason).catch((error) => log.error("Could not mark a key invalid", error)),
    onComplete: (outcome) => {
      recordUsage({ userId: caller.userId, apiKeyId: caller.apiKeyId, protocol: caller.protocol, outcome, at: new Date() });
      const tokens = outcome.promptTokens + outcome.completionTokens;
      if (caller.apiKeyId && tokens > 0) void recordTokens({ apiKeyId: caller.apiKeyId, identifier: caller.identifier, tokens });
    },
  };
}
