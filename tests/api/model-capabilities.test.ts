import { randomBytes } from "node:crypto";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey, createApiKeySchema } from "@/lib/api-keys";
import { getChain, setChain } from "@/lib/chain";
import { prisma } from "@/lib/db";
import { resetEnvCache } from "@/lib/env";
import { addProviderKey, addProviderKeySchema } from "@/lib/provider-keys";
import { startMockProvider, type MockProvider } from "@/tests/mocks";
import { openAiClient } from "@/tests/support/gateway-fixtures";

// A custom OpenAI-compatible endpoint whose /models lists two chat models and an embeddings model.
let endpoint: MockProvider;

beforeAll(async () => {
  endpoint = await startMockProvider({ profile: "openai" });
  process.env.ALLOW_PRIVATE_UPSTREAMS = "true";
  resetEnvCache();
});

afterAll(() => endpoint.close());

beforeEach(() => endpoint.reset());

/** A user whose only provider is the custom endpoint, added the way the dashboard adds it. */
async function customUser() {
  const user = await prisma.user.create({ data: { email: `cap-${randomBytes(6).toString("hex")}@example.test` } });
  const { key, models } = await addProviderKey(
    user.id,
    addProviderKeySchema.parse({ providerId: "custom", baseUrl: endpoint.url, key: "sk-test", label: null }),
  );
  const { plaintext } = await createApiKey(user.id, createApiKeySchema.parse({ name: "caps", responseCache: false }));
  return { user, key, models, client: openAiClient(plaintext) };
}

const chatModels = () => endpoint.requests.filter((r) => r.path === "/chat/completions").map((r) => r.model);

describe("capabilities of models learned from a key's /models", () => {
  it("stores what each listed model can do", async () => {
    const { key, models } = await customUser();
    expect(models).toEqual(["gpt-4o-mini", "o4-mini", "text-embedding-3-small"]);
    const row = await prisma.providerKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(row.modelCapabilities).toEqual({ "gpt-4o-mini": ["chat"], "o4-mini": ["chat"], "text-embedding-3-small": ["embeddings"] });
  });

  it("never sends a chat request to the embeddings model, even when every chat model fails", async () => {
    const { client } = await customUser();
    const { response } = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] }).withResponse();
    expect(["gpt-4o-mini", "o4-mini"]).toContain(response.headers.get("x-freellmapi-model"));

    endpoint.setFaults([], { kind: "server-error", status: 500 });
    const error = await client.chat.completions.create({ model: "auto", messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    // Not "Every provider rejected the request": the embeddings model was never a candidate.
    expect(error.status).not.toBe(400);
    expect(chatModels().length).toBeGreaterThan(1);
    expect(chatModels()).not.toContain("text-embedding-3-small");

    const named = await client.chat.completions.create({ model: "custom/text-embedding-3-small", messages: [{ role: "user", content: "hi" }] }).catch((e) => e);
    expect(named).toBeInstanceOf(OpenAI.NotFoundError);
    expect(named.code).toBe("model_not_found");
    expect(chatModels()).not.toContain("text-embedding-3-small");
  });

  it("answers /v1/embeddings from the listed embeddings model, never from a chat model", async () => {
    const { client } = await customUser();
    const auto = await client.embeddings.create({ model: "auto", input: "hello" }).withResponse();
    expect(auto.response.headers.get("x-freellmapi-model")).toBe("text-embedding-3-small");
    expect(auto.data.data[0].embedding.length).toBe(1536);
    const named = await client.embeddings.create({ model: "custom/text-embedding-3-small", input: "hello" });
    expect(named.data).toHaveLength(1);
    const chat = await client.embeddings.create({ model: "custom/gpt-4o-mini", input: "hello" }).catch((e) => e);
    expect(chat).toBeInstanceOf(OpenAI.NotFoundError);
    expect(endpoint.requests.filter((r) => r.path === "/embeddings").map((r) => r.model)).toEqual(["text-embedding-3-small", "text-embedding-3-small"]);
  });

  it("lets the chain pin only chat models the key serves, and says so when a pin stops being served", async () => {
    const { user, key } = await customUser();
    const [entry] = await getChain(user.id);
    expect(entry.pinnableModels).toEqual(["gpt-4o-mini", "o4-mini"]);
    await expect(setChain(user.id, [{ providerId: "custom", pinnedModel: "text-embedding-3-small", enabled: true }])).rejects.toThrow(/not a chat model/);
    const [pinned] = await setChain(user.id, [{ providerId: "custom", pinnedModel: "o4-mini", enabled: true }]);
    expect(pinned.state.status).toBe("ready");

    // The endpoint retires o4-mini; the next listing no longer has it.
    await prisma.providerKey.update({ where: { id: key.id }, data: { models: ["gpt-4o-mini", "text-embedding-3-small"] } });
    const [gone] = await getChain(user.id);
    expect(gone.state).toMatchObject({ status: "pin_unavailable", reason: expect.stringContaining("o4-mini") });
    // A stale pin does not block saving the rest of the chain.
    await expect(setChain(user.id, [{ providerId: "custom", pinnedModel: "o4-mini", enabled: false }])).resolves.toHaveLength(1);
  });
});
