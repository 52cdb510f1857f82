import { describe, expect, it } from "vitest";
import { buildChatCandidates } from "@/lib/router/build-candidates";
import { GatewayError } from "@/lib/router/errors";
import { describeRequest } from "@/lib/router/request-features";
import { chatModelsOf } from "@/lib/router/serves-chat";
import type { ChainEntry, ProviderKey } from "@/lib/router/types";
import { withPinState } from "@/lib/chain/chain-state";

const custom = (capabilities: ProviderKey["capabilities"], models = ["gpt-4o-mini", "text-embedding-3-small"]): ProviderKey => ({
  id: "c1",
  label: "custom …abcd",
  providerId: "custom",
  encryptedSecret: "enc",
  baseUrl: "http://127.0.0.1:1/v1",
  status: "active",
  models,
  capabilities,
});
const entry = (providerId: string, pinnedModel: string | null = null): ChainEntry => ({ providerId, pinnedModel, enabled: true });

function build(keys: ProviderKey[], chain: ChainEntry[], requestedModel = "auto") {
  return buildChatCandidates({
    chain,
    keys,
    requestedModel,
    strict: false,
    privacy: "standard",
    features: describeRequest({ messages: [{ role: "user", content: "hi" }] }),
  }).candidates.map((c) => `${c.providerId}/${c.model}`);
}

describe("chat candidates and model capabilities", () => {
  it("never offers a custom endpoint's embeddings model for chat, whether capabilities were stored or only the id is known", () => {
    const stored = custom({ "gpt-4o-mini": ["chat"], "text-embedding-3-small": ["embeddings"] });
    expect(build([stored], [entry("custom")])).toEqual(["custom/gpt-4o-mini"]);
    expect(build([custom(null)], [entry("custom")])).toEqual(["custom/gpt-4o-mini"]);
  });

  it("refuses to chat with a listed embeddings model asked for by name", () => {
    const only = custom({ "text-embedding-3-small": ["embeddings"] }, ["text-embedding-3-small"]);
    expect(() => build([only], [entry("custom")])).toThrow(GatewayError);
    expect(() => build([only], [entry("custom")], "custom/text-embedding-3-small")).toThrow(/None of your provider keys can serve/);
  });

  it("skips a pinned model the key no longer serves instead of calling it", () => {
    const groq: ProviderKey = {
      id: "g1",
      label: "groq",
      providerId: "groq",
      encryptedSecret: "enc",
      baseUrl: null,
      status: "active",
      models: ["llama-3.1-8b-instant"],
      capabilities: null,
    };
    const mistral: ProviderKey = { id: "m1", label: "mistral", providerId: "mistral", encryptedSecret: "enc", baseUrl: null, status: "active", models: null };
    expect(build([groq, mistral], [entry("groq", "llama-3.3-70b-versatile"), entry("mistral", "mistral-small-latest")])).toEqual([
      "mistral/mistral-small-latest",
    ]);
  });

  it("offers only the chat models a provider's keys serve for pinning, and flags a pin outside them", () => {
    const mistral = {
      providerId: "mistral",
      models: ["mistral-small-latest", "mistral-embed", "mistral-large-latest"],
      capabilities: { "mistral-embed": ["embeddings" as const] },
    };
    expect(chatModelsOf("mistral", [mistral])).toEqual(["mistral-large-latest", "mistral-small-latest"]);
    // A key never listed falls back to the catalog, all chat models.
    expect(chatModelsOf("groq", [{ providerId: "groq", models: null, capabilities: null }])).toContain("llama-3.3-70b-versatile");

    const ready = { status: "ready" as const, until: null, reason: null };
    expect(withPinState(ready, "mistral-embed", chatModelsOf("mistral", [mistral]))).toMatchObject({
      status: "pin_unavailable",
      reason: expect.stringContaining("mistral-embed"),
    });
    expect(withPinState(ready, "mistral-small-latest", chatModelsOf("mistral", [mistral]))).toBe(ready);
    const invalid = { status: "invalid_keys" as const, until: null, reason: "x" };
    expect(withPinState(invalid, "gone", [])).toBe(invalid);
  });
});
