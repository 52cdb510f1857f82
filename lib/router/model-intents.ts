import type { ModelSpec } from "@/lib/providers/types";

/**
 * Meta-models that pick by the catalog's data rather than the chain's order. Each keeps only
 * the models whose catalog entry has the trait (a model the catalog does not know, or whose
 * size was never published, is never picked) and tries them most capable first (`rank`).
 */
export const MODEL_INTENTS = {
  "free-large": { accepts: (spec: ModelSpec) => spec.params !== undefined && spec.params >= 70, describe: "at least 70B parameters" },
  "free-small": { accepts: (spec: ModelSpec) => spec.params !== undefined && spec.params <= 32, describe: "at most 32B parameters" },
  "free-vision": { accepts: (spec: ModelSpec) => spec.vision, describe: "image input" },
  "free-tools": { accepts: (spec: ModelSpec) => spec.tools, describe: "tool calls" },
  "free-reasoning": { accepts: (spec: ModelSpec) => spec.reasoning, describe: "reasoning" },
} as const;

export type ModelIntent = keyof typeof MODEL_INTENTS;
export const INTENT_NAMES = Object.keys(MODEL_INTENTS) as ModelIntent[];

export function isModelIntent(name: string): name is ModelIntent {
  return Object.hasOwn(MODEL_INTENTS, name);
}

/** Whether a catalog entry (or an unknown model: never) qualifies for the intent. */
export function acceptsIntent(intent: ModelIntent, spec: ModelSpec | undefined): boolean {
  return spec !== undefined && MODEL_INTENTS[intent].accepts(spec);
}
