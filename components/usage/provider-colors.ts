// Mid-tone hues that keep contrast on both a white and a zinc-950 background.
const PALETTE = ["#10b981", "#6366f1", "#f59e0b", "#0ea5e9", "#ec4899", "#8b5cf6", "#14b8a6", "#f97316", "#84cc16", "#a16207"];

import { FAILURE_COLOR, isNoProvider } from "@/lib/client/state-labels";

/** A stable color per provider, by its position in the sorted provider list; failures are red. */
export function providerColor(providers: string[], providerId: string): string {
  if (isNoProvider(providerId)) return FAILURE_COLOR;
  const index = providers
    .filter((id) => !isNoProvider(id))
    .sort()
    .indexOf(providerId);
  return PALETTE[(index < 0 ? 0 : index) % PALETTE.length];
}
