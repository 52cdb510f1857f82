import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { inject } from "vitest";
import { createApiKey, type CreateApiKeyInput, createApiKeySchema } from "@/lib/api-keys";
import { encryptSecret } from "@/lib/crypto";
import { prisma } from "@/lib/db";
import { toStoredModels } from "@/lib/provider-keys/stored-models";
import { listModels } from "@/lib/providers";
import type { Fault } from "@/tests/mocks";
import type { MockedProvider } from "./stack";

export { eventually } from "./eventually";

export const TEST_KEYS: Record<MockedProvider, string> = {
  groq: "gsk_test",
  gemini: "gemini-test-key",
  openrouter: "sk-or-v1-test",
  mistral: "mistral-test",
  nvidia: "nvapi-test",
  cerebras: "csk-test",
};

export interface ChainSpec {
  provider: MockedProvider;
  pinnedModel?: string;
  /** Several keys for one provider exercise rotation. */
  keys?: string[];
}

/**
 * A fresh user with provider keys, a chain and a unified key, as the dashboard would make them.
 * Every test gets new key ids, so cooldowns learned by the app in one test never leak into another.
 */
export async function createGatewayUser(chain: Array<MockedProvider | ChainSpec>, apiKey: Partial<CreateApiKeyInput> = {}) {
  const specs = chain.map((entry) => (typeof entry === "string" ? { provider: entry } : entry));
  const user = await prisma.user.create({ data: { email: `gw-${randomBytes(6).toString("hex")}@example.test` } });
  const keyIds: Record<string, string[]> = {};
  for (const spec of specs) {
    const secrets = spec.keys ?? [TEST_KEYS[spec.provider]];
    const { models, modelCapabilities } = toStoredModels(await listModels(spec.provider, TEST_KEYS[spec.provider]));
    for (const secret of secrets) {
      const row = await prisma.providerKey.create({
        data: {
          userId: user.id,
          providerId: spec.provider,
          encryptedSecret: encryptSecret(secret),
          lastFour: secret.slice(-4),
          models,
          modelCapabilities,
          lastValidatedAt: new Date(),
        },
      });
      (keyIds[spec.provider] ??= []).push(row.id);
    }
  }
  await prisma.fallbackEntry.createMany({
    data: specs.map((spec, position) => ({ userId: user.id, position, providerId: spec.provider, pinnedModel: spec.pinnedModel ?? null })),
  });
  // Routing tests repeat identical requests and count what reaches the mocks, so their keys have
  // the response cache off; cache tests turn it on (`{ responseCache: true }`).
  const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "test", responseCache: false, ...apiKey }));
  return { user, plaintext, keyIds, client: openAiClient(plaintext) };
}

export function openAiClient(apiKey: string, options: { maxRetries?: number } = {}) {
  return new OpenAI({ baseURL: `${inject("appUrl")}/v1`, apiKey, maxRetries: options.maxRetries ?? 0 });
}

function mockOrigin(provider: MockedProvider) {
  return new URL(inject("mockUrls")[provider]).origin;
}

/** Scripts a mock provider running in the setup process, over its control routes. */
export const mock = {
  async faults(provider: MockedProvider, faults: Fault[], fallback?: Fault) {
    await fetch(`${mockOrigin(provider)}/__mock/faults`, { method: "POST", body: JSON.stringify({ faults, default: fallback ?? null }) });
  },
  async reset(...providers: MockedProvider[]) {
    await Promise.all(providers.map((provider) => fetch(`${mockOrigin(provider)}/__mock/reset`, { method: "POST" })));
  },
  async requests(
    provider: MockedProvider,
  ): Promise<Array<{ path: string; body: Record<string, unknown>; headers: Record<string, string>; clientClosed?: boolean }>> {
    const response = await fetch(`${mockOrigin(provider)}/__mock/requests`);
    return ((await response.json()) as { requests: [] }).requests;
  },
};
