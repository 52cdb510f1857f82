import type { ProfileName } from "../types";
import { cerebrasProfile } from "./cerebras";
import { geminiProfile } from "./gemini";
import { groqProfile } from "./groq";
import { kiloProfile } from "./kilo";
import { mistralProfile } from "./mistral";
import { nvidiaProfile } from "./nvidia";
import { openaiProfile } from "./openai";
import { openrouterProfile } from "./openrouter";
import type { ProviderProfile } from "./provider-profile";

export const profiles: Record<ProfileName, ProviderProfile> = {
  openai: openaiProfile,
  groq: groqProfile,
  gemini: geminiProfile,
  openrouter: openrouterProfile,
  mistral: mistralProfile,
  nvidia: nvidiaProfile,
  cerebras: cerebrasProfile,
  kilo: kiloProfile,
};

export const profileNames = Object.keys(profiles) as ProfileName[];

export function getProfile(name: string): ProviderProfile {
  const profile = profiles[name as ProfileName];
  if (!profile) throw new Error(`Unknown mock profile "${name}". Known: ${profileNames.join(", ")}`);
  return profile;
}
