import type { FreeTierLimits, ResetWindow } from "@/lib/providers/types";
import type { TargetSnapshot } from "@/lib/routing-state/state";
import { nextWindowReset } from "./usage-windows";

type Limits = Omit<FreeTierLimits, "window">;

/**
 * When our own count of a catalog limit says the window is spent: epoch ms it frees up, else null.
 * Tokens per minute only stop a target that already has usage this minute, so one large prompt is
 * left for the provider to judge (413) instead of being skipped forever.
 */
export function limitReachedUntil(
  limits: Limits | undefined,
  usage: TargetSnapshot["usage"],
  window: ResetWindow,
  promptTokens: number,
  now: number,
): number | null {
  if (!limits) return null;
  const nextMinute = (Math.floor(now / 60_000) + 1) * 60_000;
  if (limits.rpd && usage.dayRequests >= limits.rpd.value) return nextWindowReset(window, now);
  if (limits.tpd && usage.dayTokens >= limits.tpd.value) return nextWindowReset(window, now);
  if (limits.rpm && usage.minuteRequests >= limits.rpm.value) return nextMinute;
  if (limits.tpm && usage.minuteTokens > 0 && usage.minuteTokens + promptTokens > limits.tpm.value) return nextMinute;
  return null;
}
