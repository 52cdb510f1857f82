import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { keySettingsFields } from "./key-fields";
import { forgetApiKey } from "./verify-api-key";
import { displayStart, generateApiKey, hashApiKey } from "./key-format";
import { loadKeyUsageThisMonth } from "@/lib/usage/key-usage-today";
import type { CreateApiKeyData, UpdateApiKeyLimitsData } from "./schemas";

/** What an owner may see of a key: never the hash, never the plaintext after creation. */
const publicFields = {
  id: true,
  name: true,
  start: true,
  createdAt: true,
  lastUsedAt: true,
  ...keySettingsFields,
} as const;

export type ApiKeyView = Awaited<ReturnType<typeof listApiKeys>>[number];

/** Creates a key for its owner; the plaintext is returned this once and never stored. */
export async function createApiKey(userId: string, data: CreateApiKeyData) {
  const plaintext = generateApiKey();
  const apiKey = await prisma.apiKey.create({
    data: {
      userId,
      name: data.name,
      hash: hashApiKey(plaintext),
      start: displayStart(plaintext),
      expiresAt: data.expiresAt ?? null,
      dailyRequestCap: data.dailyRequestCap ?? null,
      dailyTokenCap: data.dailyTokenCap ?? null,
      monthlyRequestCap: data.monthlyRequestCap ?? null,
      monthlyTokenCap: data.monthlyTokenCap ?? null,
      modelAllowlist: data.modelAllowlist,
      responseCache: data.responseCache,
    },
    select: publicFields,
  });
  return { apiKey, plaintext };
}

/** The owner's keys, each with what it used this calendar month (UTC), from the usage table. */
export async function listApiKeys(userId: string) {
  const keys = await prisma.apiKey.findMany({ where: { userId }, select: publicFields, orderBy: { createdAt: "desc" } });
  const used = new Map(
    (
      await loadKeyUsageThisMonth(
        Date.now(),
        keys.map((k) => k.id),
      )
    ).map((row) => [row.apiKeyId, row]),
  );
  return keys.map((key) => ({ ...key, usedThisMonth: { requests: used.get(key.id)?.requests ?? 0, tokens: used.get(key.id)?.tokens ?? 0 } }));
}

/** Changes a key's caps, scoped to the owner; the new caps apply from the next request on every instance within the key cache's TTL. */
export async function updateApiKeyLimits(userId: string, id: string, data: UpdateApiKeyLimitsData) {
  const key = await prisma.apiKey.findFirst({ where: { id, userId }, select: { id: true, hash: true } });
  if (!key) throw new AppError("not_found", "No API key matches");
  const apiKey = await prisma.apiKey.update({ where: { id: key.id }, data, select: publicFields });
  forgetApiKey(key);
  return apiKey;
}

/** Revokes by id or by name, scoped to the owner; another user's key is simply not found. */
export async function revokeApiKey(userId: string, where: { id: string } | { name: string }) {
  const key = await prisma.apiKey.findFirst({ where: { userId, revokedAt: null, ...where }, select: { id: true, hash: true } });
  if (!key) throw new AppError("not_found", "No active API key matches");
  const apiKey = await prisma.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() }, select: publicFields });
  forgetApiKey(key);
  return apiKey;
}

/** The key's response-cache switch (dashboard keys page); another user's key is simply not found. */
export async function setApiKeyResponseCache(userId: string, id: string, enabled: boolean) {
  const key = await prisma.apiKey.findFirst({ where: { id, userId }, select: { id: true, hash: true } });
  if (!key) throw new AppError("not_found", "No API key matches");
  const apiKey = await prisma.apiKey.update({ where: { id: key.id }, data: { responseCache: enabled }, select: publicFields });
  forgetApiKey(key);
  return apiKey;
}

/** For the CLI, which names keys: the owner's active key of that name. */
export async function getActiveApiKeyIdByNameOrThrow(userId: string, name: string): Promise<string> {
  const key = await prisma.apiKey.findFirst({ where: { userId, name, revokedAt: null }, select: { id: true } });
  if (!key) throw new AppError("not_found", `No active API key named "${name}"`);
  return key.id;
}
