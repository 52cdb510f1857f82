import { recordTokens } from "@/lib/limits";
import { log } from "@/lib/log";
import { markOutcomeRecorded } from "@/lib/observability/unrouted-requests";
import { markProviderKeyInvalid } from "@/lib/provider-keys/key-maintenance";
import type { GatewayResponse, RouteContext, RoutingFreshness } from "@/lib/router";
import { flushUsageAfterResponse } from "@/lib/usage/flush-after-response";
import { recordUsage } from "@/lib/usage/recorder";
import type { Caller } from "./caller";
import { gatewayOptions } from "./gateway-options";
import { resolveModelFor, type ResolvedModel } from "./resolve-model";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { routingChanged } from "@/lib/routing-state/routing-changes";
import { forgetUserRouting, getUserRouting, isCurrentRouting, routingSecret, type UserRouting } from "./user-routing";

async function markKeyInvalid(userId: string, keyId: string, reason: string) {
  await markProviderKeyInvalid(keyId, reason);
  await routingChanged(userId);
  log.warn(`Provider key ${keyId} marked invalid: ${reason}`);
}

export interface PreparedRoute extends ResolvedModel {
  ctx: RouteContext;
  /** Puts the name the client sent back into the answer's headers (the router saw the target). */
  finish(result: GatewayResponse): GatewayResponse;
}

/**
 * Everything the router needs for one request of this caller, from one cached read of their
 * routing: the context, and the model to route after aliases and the key's allowlist. Every
 * protocol's route goes through here, so aliases apply to all of them alike.
 */
export async function prepareRoute(caller: Caller, requestedModel: string): Promise<PreparedRoute> {
  const routing = await getUserRouting(caller.userId);
  const { chain, keys, aliases } = routing;
  const resolve = (rules: UserRouting["aliases"]) => resolveModelFor(requestedModel, rules, caller.apiKeyId, caller.modelAllowlist);
  const resolved = resolve(aliases);
  flushUsageAfterResponse();
  // From here the router reports the outcome (onComplete), and that record is logged and counted.
  markOutcomeRecorded(caller);
  const ctx: RouteContext = {
    requestId: caller.requestId,
    chain,
    keys,
    ...caller.preferences,
    decrypt: (envelope) => routingSecret(routing, envelope),
    state: getRoutingState(),
    options: gatewayOptions(),
    admitted: caller.admitted,
    freshness: freshnessOf(caller.userId, routing, (rules) => resolve(rules).model),
    onKeyInvalid: (keyId, reason) => markKeyInvalid(caller.userId, keyId, reason).catch((error) => log.error("Could not mark a key invalid", error)),
    onComplete: (outcome) => {
      recordUsage({ userId: caller.userId, apiKeyId: caller.apiKeyId, protocol: caller.protocol, outcome: { ...outcome, requestedModel }, at: new Date() });
      const tokens = outcome.promptTokens + outcome.completionTokens;
      if (caller.apiKeyId && tokens > 0) void recordTokens({ apiKeyId: caller.apiKeyId, identifier: caller.identifier, tokens });
    },
  };
  const finish = (result: GatewayResponse): GatewayResponse => {
    if (!resolved.alias) return result;
    // The router names the model it routed: the alias target, or after a reload the fresh aliases' one.
    const target = result.headers["x-freellmapi-requested-model"] ?? resolved.model;
    return { ...result, headers: { ...result.headers, "x-freellmapi-requested-model": requestedModel, "x-freellmapi-alias-for": target } };
  };
  return { ...resolved, ctx, finish };
}

/**
 * How the router tells that another instance changed this user's routing since it was cached, and
 * reads it again: chain, keys, and the model the request names resolved through the fresh aliases.
 */
function freshnessOf(userId: string, routing: UserRouting, resolve: (aliases: UserRouting["aliases"]) => string): RoutingFreshness {
  return {
    userId,
    isCurrent: (version) => isCurrentRouting(routing, version),
    reload: async () => {
      forgetUserRouting(userId);
      const fresh = await getUserRouting(userId);
      return { chain: fresh.chain, keys: fresh.keys, model: resolve(fresh.aliases), freshness: freshnessOf(userId, fresh, resolve) };
    },
  };
}
