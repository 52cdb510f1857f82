import type { Prisma } from "@/lib/generated/prisma/client";

/** The columns an owner may see: everything but the encrypted secret. */
export const providerKeyFields = {
  id: true,
  providerId: true,
  label: true,
  lastFour: true,
  baseUrl: true,
  status: true,
  statusReason: true,
  models: true,
  createdAt: true,
  lastValidatedAt: true,
  lastUsedAt: true,
} as const satisfies Prisma.ProviderKeySelect;

type Row = Prisma.ProviderKeyGetPayload<{ select: typeof providerKeyFields }>;

export function toProviderKeyView(row: Row) {
  return { ...row, models: Array.isArray(row.models) ? (row.models as string[]) : [] };
}

export type ProviderKeyView = ReturnType<typeof toProviderKeyView>;

export function lastFourOf(secret: string): string {
  return secret.length >= 8 ? secret.slice(-4) : "";
}

/** A key as its owner knows it: "work (…abcd)", "…abcd", or its label alone when it has no secret. */
export function providerKeyLabel(label: string | null, lastFour: string): string {
  const tail = lastFour ? `…${lastFour}` : "";
  if (label && tail) return `${label} (${tail})`;
  return label || tail || "key without a secret";
}
