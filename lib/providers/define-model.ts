import type { LimitValue, ModelSpec } from "./types";

type ModelInput = Pick<ModelSpec, "id" | "contextWindow" | "maxOutput" | "rank"> & Partial<ModelSpec>;

/** A chat model with the common defaults: tools and JSON mode on, vision and reasoning off. */
export function defineModel(input: ModelInput): ModelSpec {
  return { tools: true, vision: false, jsonMode: true, reasoning: false, ...input };
}

export const limit = (value: number, source: string, asOf: string): LimitValue => ({ value, source, asOf });
