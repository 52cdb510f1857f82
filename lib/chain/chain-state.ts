import type { BlockReason } from "@/lib/routing-state";

export type ChainStatus = "ready" | "cooling_down" | "benched" | "no_keys" | "invalid_keys" | "pin_unavailable";

export interface ChainState {
  status: ChainStatus;
  until: string | null;
  reason: string | null;
}

export interface Block {
  /** `*` for a key-wide block. */
  model: string;
  until: number;
  reason: BlockReason | "circuit_open";
}

export interface KeyForState {
  id: string;
  status: string;
  models: string[];
  blocks: Block[];
}

const SHORT: ReadonlySet<string> = new Set(["rate_limited", "circuit_open"]);

/** When a key can serve this entry again: now (0), or the end of the block that stops it. */
function blockedUntil(key: KeyForState, pinnedModel: string | null): Block | null {
  const keyWide = key.blocks.find((b) => b.model === "*");
  if (keyWide) return keyWide;
  const relevant = pinnedModel ? key.blocks.filter((b) => b.model === pinnedModel) : key.blocks;
  if (relevant.length === 0) return null;
  // Unpinned, a key is stuck only when every model it lists is blocked.
  if (!pinnedModel && (key.models.length === 0 || key.models.some((m) => !relevant.some((b) => b.model === m)))) return null;
  return relevant.reduce((soonest, b) => (b.until < soonest.until ? b : soonest));
}

/**
 * One entry's state from its keys: ready while any active key can serve it; otherwise the
 * block that lifts first says when and why (short cooldowns vs. benches until a reset).
 */
export function deriveChainState(keys: KeyForState[], pinnedModel: string | null): ChainState {
  if (keys.length === 0) return { status: "no_keys", until: null, reason: null };
  const active = keys.filter((k) => k.status === "active");
  if (active.length === 0) return { status: "invalid_keys", until: null, reason: "Every key for this provider is invalid or disabled" };
  const blocks = active.map((k) => blockedUntil(k, pinnedModel));
  if (blocks.some((b) => b === null)) return { status: "ready", until: null, reason: null };
  const first = (blocks as Block[]).reduce((soonest, b) => (b.until < soonest.until ? b : soonest));
  return { status: SHORT.has(first.reason) ? "cooling_down" : "benched", until: new Date(first.until).toISOString(), reason: first.reason };
}

/** A pinned model none of the entry's keys serves for chat is said so, rather than looking benched or ready. */
export function withPinState(state: ChainState, pinnedModel: string | null, pinnable: readonly string[]): ChainState {
  if (!pinnedModel || pinnable.includes(pinnedModel) || state.status === "no_keys" || state.status === "invalid_keys") return state;
  return { status: "pin_unavailable", until: null, reason: `${pinnedModel} is not a chat model these keys serve; pin another model or use any model` };
}
