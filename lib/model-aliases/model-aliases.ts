import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { routingChanged } from "@/lib/routing-state/routing-changes";
import type { SetModelAliasData } from "./schemas";

const MAX_ALIASES = 200;

const fields = { id: true, alias: true, target: true, apiKeyId: true, createdAt: true, updatedAt: true } as const;

/** The owner's aliases, account-wide first, each per-key one with the name of its key. */
export async function listModelAliases(userId: string) {
  const [rows, keys] = await Promise.all([
    prisma.modelAlias.findMany({ where: { userId }, select: fields, orderBy: [{ apiKeyId: "asc" }, { alias: "asc" }] }),
    prisma.apiKey.findMany({ where: { userId }, select: { id: true, name: true } }),
  ]);
  const names = new Map(keys.map((key) => [key.id, key.name]));
  return rows.map(({ apiKeyId, ...row }) => ({ ...row, apiKeyId: apiKeyId || null, apiKeyName: apiKeyId ? (names.get(apiKeyId) ?? null) : null }));
}

export type ModelAliasView = Awaited<ReturnType<typeof listModelAliases>>[number];

async function getOwnActiveKeyNameOrThrow(userId: string, apiKeyId: string): Promise<string> {
  const key = await prisma.apiKey.findFirst({ where: { id: apiKeyId, userId, revokedAt: null }, select: { name: true } });
  if (!key) throw new AppError("not_found", "No active unified key of yours has that id", "apiKeyId");
  return key.name;
}

/** Creates or replaces the alias of that name in its scope (the account, or one unified key). */
export async function setModelAlias(userId: string, data: SetModelAliasData): Promise<ModelAliasView> {
  const apiKeyName = data.apiKeyId ? await getOwnActiveKeyNameOrThrow(userId, data.apiKeyId) : null;
  const apiKeyId = data.apiKeyId ?? "";
  const where = { userId_apiKeyId_alias: { userId, apiKeyId, alias: data.alias } };
  const exists = await prisma.modelAlias.findUnique({ where, select: { id: true } });
  if (!exists && (await prisma.modelAlias.count({ where: { userId } })) >= MAX_ALIASES) {
    throw new AppError("invalid_request", `At most ${MAX_ALIASES} aliases per account`, "alias");
  }
  const row = await prisma.modelAlias.upsert({
    where,
    create: { userId, apiKeyId, alias: data.alias, target: data.target },
    update: { target: data.target },
    select: fields,
  });
  await routingChanged(userId);
  return { ...row, apiKeyId: data.apiKeyId, apiKeyName };
}

/** Deletes by id or by name and scope, only among the owner's aliases. */
export async function removeModelAlias(userId: string, where: { id: string } | { alias: string; apiKeyId: string | null }): Promise<void> {
  const filter = "id" in where ? { id: where.id } : { alias: where.alias, apiKeyId: where.apiKeyId ?? "" };
  const { count } = await prisma.modelAlias.deleteMany({ where: { userId, ...filter } });
  if (count === 0) throw new AppError("not_found", "No alias of yours matches");
  await routingChanged(userId);
}
