import { decryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { upstreamText } from "@/lib/redact";
import type { ProviderId } from "@/lib/providers";
import { KeyCheckError, fetchModelsForKey } from "./validate-provider-key";

/** The gateway calls this when an upstream says the key itself is bad; the reason is stored redacted. */
export async function markProviderKeyInvalid(keyId: string, reason: string) {
  await prisma.providerKey.updateMany({ where: { id: keyId }, data: { status: "invalid", statusReason: upstreamText(reason) } });
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
        const models = await fetchModelsForKey(key.providerId as ProviderId, decryptSecret(key.encryptedSecret), key.baseUrl);
        await prisma.providerKey.update({ where: { id: key.id }, data: { models, lastValidatedAt: new Date() } });
        counts.refreshed += 1;
      } catch (error) {
        if (error instanceof KeyCheckError && error.keyIsBad) {
          await markProviderKeyInvalid(key.id, error.message);
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
