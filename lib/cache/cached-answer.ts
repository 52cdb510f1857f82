/** What the cache keeps for one answer: the whole chat.completion and who produced it. */
export interface CachedAnswer {
  /** The `chat.completion` object, usage included. */
  completion: Record<string, unknown>;
  providerId: string;
  model: string;
  /** Epoch ms the answer was stored. */
  storedAt: number;
}

export function isCachedAnswer(value: unknown): value is CachedAnswer {
  const v = value as CachedAnswer | null;
  return (
    !!v &&
    typeof v === "object" &&
    typeof v.completion === "object" &&
    v.completion !== null &&
    typeof v.providerId === "string" &&
    typeof v.model === "string" &&
    typeof v.storedAt === "number"
  );
}
