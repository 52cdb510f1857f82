import { encryptSecret, decryptSecret } from "@/lib/crypto";
import { routingChanged } from "@/lib/routing-state/routing-changes";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { upstreamText } from "@/lib/redact";
import { PROVIDERS, type ProviderId } from "@/lib/providers";
import { lastFourOf, providerKeyFields, toProviderKeyView } from "./provider-key-view";
import { markProviderKeyValid } from "./key-maintenance";
import type { AddProviderKeyData } from "./schemas";
import { toStoredModels } from "./stored-models";
import { KeyCheckError, assertUsableBaseUrl, fetchModelsForKey } from "./validate-provider-key";

/**
 * Validates the key against the provider before anything is saved, stores it encrypted, and
 * puts the provider at the end of the owner's chain if it is not there yet.
 */
export async function addProviderKey(userId: string, data: AddProviderKeyData) {
  const providerId = data.providerId as ProviderId;
  const baseUrl = await assertUsableBaseUrl(providerId, data.baseUrl);
  if (!data.key && PROVIDERS[providerId].auth !== "bearer-optional") {
    throw new AppError("invalid_request", "Paste the API key", "key");
  }
  await assertNotSavedYet(userId, providerId, data.key, baseUrl);
  const { models, modelCapabilities } = toStoredModels(await fetchModelsForKey(providerId, data.key, baseUrl));
  const key = await prisma.$transaction(async (tx) => {
    const created = await tx.providerKey.create({
      data: {
        userId,
        providerId,
        label: data.label,
        baseUrl,
        encryptedSecret: encryptSecret(data.key),
        lastFour: lastFourOf(data.key),
        models,
        modelCapabilities,
        lastValidatedAt: new Date(),
      },
      select: providerKeyFields,
    });
    const inChain = await tx.fallbackEntry.findFirst({ where: { userId, providerId }, select: { id: true } });
    if (!inChain) {
      const last = await tx.fallbackEntry.aggregate({ where: { userId }, _max: { position: true } });
      await tx.fallbackEntry.create({ data: { userId, providerId, position: (last._max.position ?? -1) + 1, enabled: true } });
    }
    return created;
  });
  await routingChanged(userId);
  return { key: toProviderKeyView(key), models };
}

/**
 * The same secret twice would only look like more capacity. Secrets are stored encrypted with a
 * fresh IV, so they are compared by decrypting the owner's keys of that provider (a handful).
 */
async function assertNotSavedYet(userId: string, providerId: ProviderId, secret: string, baseUrl: string | null) {
  const saved = await prisma.providerKey.findMany({
    where: { userId, providerId },
    select: { label: true, lastFour: true, baseUrl: true, encryptedSecret: true },
  });
  const twin = saved.find((row) => row.baseUrl === baseUrl && decryptSecret(row.encryptedSecret) === secret);
  if (twin) {
    const name = twin.label ? `“${twin.label}”` : `the key ending …${twin.lastFour}`;
    throw new AppError("conflict", `This key is already saved as ${name}. Adding it twice does not add capacity.`, "key");
  }
}

export async function listProviderKeys(userId: string) {
  const rows = await prisma.providerKey.findMany({ where: { userId }, select: providerKeyFields, orderBy: { createdAt: "asc" } });
  return rows.map(toProviderKeyView);
}

async function getOwnedKeyOrThrow(userId: string, id: string) {
  const key = await prisma.providerKey.findFirst({ where: { id, userId }, omit: { encryptedSecret: false } });
  if (!key) throw new AppError("not_found", "Provider key not found");
  return key;
}

/**
 * Lists the models again. A key the provider rejects is marked invalid with its reason; an
 * outage is reported (400) without touching the key, so a blip does not take it out of rotation.
 * A key that works again is active and whatever benched it is cleared.
 */
export async function recheckProviderKey(userId: string, id: string) {
  const key = await getOwnedKeyOrThrow(userId, id);
  try {
    const listed = await fetchModelsForKey(key.providerId as ProviderId, decryptSecret(key.encryptedSecret), key.baseUrl);
    await markProviderKeyValid(key, listed);
  } catch (error) {
    if (!(error instanceof KeyCheckError && error.keyIsBad)) throw error;
    await prisma.providerKey.update({
      where: { id: key.id },
      data: { status: "invalid", statusReason: upstreamText(error.message), lastValidatedAt: new Date() },
    });
    await routingChanged(userId);
  }
  const view = toProviderKeyView(await prisma.providerKey.findUniqueOrThrow({ where: { id: key.id }, select: providerKeyFields }));
  return { key: view, models: view.models };
}

export async function deleteProviderKey(userId: string, id: string) {
  const { count } = await prisma.providerKey.deleteMany({ where: { id, userId } });
  if (count === 0) throw new AppError("not_found", "Provider key not found");
  await routingChanged(userId);
}
