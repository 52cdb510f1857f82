import type { Candidate } from "./candidate";
import { isModelIntent } from "./model-intents";
import type { RequestFeatures } from "./request-features";
import type { RequestedModel } from "./resolve-requested-model";
import { ttfbTracker } from "./ttfb-tracker";

/**
 * Drops models that cannot take the request (tools, images, JSON mode, context window) and orders
 * the rest: chain order for auto/free and named models, measured time-to-first-token for
 * free-fast (unmeasured ones after, in chain order), catalog rank for free-smart and the intents
 * (free-large, free-vision...; build-candidates has already kept only the models that qualify). Sorts are stable.
 */
export function orderCandidates(candidates: Candidate[], requested: RequestedModel, features: RequestFeatures): Candidate[] {
  const fitting = candidates.filter((c) => fits(c, features));
  if (fitting.length === 0 && candidates.length > 0) return [];
  if (requested.kind !== "meta") return fitting;
  if (requested.meta === "free-smart" || isModelIntent(requested.meta)) return [...fitting].sort((a, b) => (b.spec?.rank ?? 0) - (a.spec?.rank ?? 0));
  if (requested.meta === "free-fast") {
    const timed = fitting.map((c) => ({ c, ms: ttfbTracker.get(c.providerId, c.model) }));
    const measured = timed.filter((t) => t.ms !== undefined).sort((a, b) => a.ms! - b.ms!);
    return [...measured, ...timed.filter((t) => t.ms === undefined)].map((t) => t.c);
  }
  return fitting;
}

export function fits(candidate: Candidate, features: RequestFeatures): boolean {
  const spec = candidate.spec;
  if (!spec) return true;
  if (features.tools && !spec.tools) return false;
  if (features.vision && !spec.vision) return false;
  if (features.json && !spec.jsonMode) return false;
  return features.promptTokens <= spec.contextWindow;
}
