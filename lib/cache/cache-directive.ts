import { AppError } from "@/lib/errors";

/**
 * `x-freellmapi-cache` on a request: `no-store` neither reads nor writes the cache; `force` also
 * stores a streamed answer sampled with temperature > 0 (see docs/ROUTING.md). Absent = default.
 */
export type CacheDirective = "default" | "no-store" | "force";

export const CACHE_HEADER = "x-freellmapi-cache";

export function readCacheDirective(value: string | null): CacheDirective {
  if (value === null || value.trim() === "") return "default";
  const directive = value.trim().toLowerCase();
  if (directive === "no-store" || directive === "force") return directive;
  throw new AppError("invalid_request", `${CACHE_HEADER} must be no-store or force.`, CACHE_HEADER);
}
