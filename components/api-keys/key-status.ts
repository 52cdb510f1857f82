import type { BadgeTone } from "@/components/ui/badge";
import type { ApiKey } from "@/lib/client/api-types";

export type KeyStatus = "active" | "expired" | "revoked";

export function keyStatus(key: ApiKey, now = Date.now()): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return "expired";
  return "active";
}

export const STATUS_TONE: Record<KeyStatus, BadgeTone> = { active: "green", expired: "amber", revoked: "neutral" };
export const STATUS_LABEL: Record<KeyStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };
