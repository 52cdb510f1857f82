import { decryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { getRoutingState } from "@/lib/routing-state/get-routing-state";
import { routingChanged } from "@/lib/routing-state/routing-changes";
import { log } from "@/lib/log";
import { upstreamText } from "@/lib/redact";
import type { ProviderId } from "@/lib/providers";
import type { ListedModel } from "@/lib/providers/model-capabilities";
import { nextRecheckAt, parseRecheckSchedule } from "./recheck-schedule";
import { toStoredModels } from "./stored-models";
import { KeyCheckError, fetchModelsForKey } from "./validate-provider-key";

export function recheckDelays(): number[] {
  return parseRecheckSchedule(getEnv().PROVIDER_KEY_RECHECK_SCHEDULE);
}

/**
 * The gateway calls this when an upstream says the key itself is bad (the reason is stored redacted). Providers do send
 * spurious 401s, so the key is rechecked on a backoff schedule before it stays invalid.
 */
export async function markProviderKeyInvalid(keyId: string, reason: string, now = Date.now()) {
  await prisma.providerKey.updateMany({
    where: { id: keyId },
    data: { status: "invalid", statusReason: upstreamText(reason), recheckAttempts: 0, recheckAt: nextRecheckAt(0, now, recheckDelays()) },
  });
}

/** The provider lists the key's models again: it is active, and what benched it is forgotten. */
export async function markProviderKeyValid(key: { id: string; userId: string }, listed: readonly ListedModel[]) {
  const updated = await prisma.providerKey.update({
    where: { id: key.id },
    data: { status: "active", statusReason: null, ...toStoredModels(listed), lastValidatedAt: new Date(), recheckAttempts: 0, recheckAt: null },
  });
  await getRoutingState().clearKey(key.id);
  await routingChanged(key.userId, [key.id]);
  return updated;
}

/**
 * Rechecks every invalid key whose automatic recheck is due. A key the provider accepts again
 * comes back; one it still rejects waits for the next delay, or stays invalid when none is left.
 * An unreachable provider proves nothing, so that recheck is tried again after the same delay.
 */
export async function runDueRechecks(now = Date.now()) {
  const due = await prisma.providerKey.findMany({ where: { status: "invalid", recheckAt: { lte: new Date(now) } }, omit: { encryptedSecret: false } });
  const delays = recheckDelays();
  const counts = { restored: 0, rejected: 0, failed: 0 };
  for (const key of due) {
    try {
      const listed = await fetchModelsForKey(key.providerId as ProviderId, decryptSecret(key.encryptedSecret), key.baseUrl);
      await markProviderKeyValid(key, listed);
      log.info(`Provider key ${key.id} works again after an automatic recheck`);
      counts.restored += 1;
    } catch (error) {
      const rejected = error instanceof KeyCheckError && error.keyIsBad;
      const attempts = rejected ? key.recheckAttempts + 1 : key.recheckAttempts;
      const retryAt = rejected ? nextRecheckAt(attempts, now, delays) : new Date(now + delays[Math.min(attempts, delays.length - 1)]);
      await prisma.providerKey.update({
        where: { id: key.id },
        data: {
          recheckAttempts: attempts,
          recheckAt: retryAt,
          lastValidatedAt: new Date(now),
          ...(rejected ? { statusReason: upstreamText((error as Error).message) } : {}),
        },
      });
      if (rejected) counts.rejected += 1;
      else {
        counts.failed += 1;
        log.warn(`Automatic recheck of provider key ${key.id} could not reach the provider`, error);
      }
    }
  }
  return counts;
}

/**
 * Re-lists the models of every active key (a few hours apart is plenty). A key the provider
 * now rejects becomes invalid; an unreachable provider leaves the key and its models alone.
 */
export async function refreshProviderModels(options: { concurrency?: number } = {}) {
  const keys = await prisma.providerKey.findMany({ where: { status: "active" }, omit: { encryptedSecret: false } });
  const counts = { refreshed: 0, invalid: 0, failed: 0 };
  const queue = [...keys];
  const worker = async () => {
    for (let key = queue.shift(); key; key = queue.shift()) {
      try {
        const listed = await fetchModelsForKey(key.providerId as ProviderId, decryptSecret(key.encryptedSecret), key.baseUrl);
        await prisma.providerKey.update({ where: { id: key.id }, data: { ...toStoredModels(listed), lastValidatedAt: new Date() } });
        await routingChanged(key.userId);
        counts.refreshed += 1;
      } catch (error) {
        if (error instanceof KeyCheckError && error.keyIsBad) {
          await markProviderKeyInvalid(key.id, error.message);
          await routingChanged(key.userId);
          counts.invalid += 1;
        } else {
          log.warn(`Model refresh failed for provider key ${key.id}`, error);
          counts.failed += 1;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return counts;
}
