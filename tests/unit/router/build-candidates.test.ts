import { beforeEach, describe, expect, it } from "vitest";
import { buildChatCandidates, type BuildCandidatesInput } from "@/lib/router/build-candidates";
import { GatewayError } from "@/lib/router/errors";
import { describeRequest } from "@/lib/router/request-features";
import { chatCompletionRequestSchema } from "@/lib/router/schemas";
import { ttfbTracker } from "@/lib/router/ttfb-tracker";
import type { ChainEntry, ProviderKey } from "@/lib/router/types";

const key = (id: string, providerId: string, models: string[] | null = null, status: ProviderKey["status"] = "active"): ProviderKey => ({
  id,
  providerId,
  label: `…${id}`,
  encryptedSecret: `enc:${id}`,
  baseUrl: null,
  status,
  models,
});
const entry = (providerId: string, pinnedModel: string | null = null, enabled = true): ChainEntry => ({ providerId, pinnedModel, enabled });
const text = { messages: [{ role: "user", content: "hi" }] };

function build(overrides: Partial<BuildCandidatesInput> & { request?: Record<string, unknown> } = {}) {
  const { request = text, ...rest } = overrides;
  return buildChatCandidates({
    chain: [entry("groq", "llama-3.3-70b-versatile"), entry("gemini", "gemini-2.5-flash"), entry("mistral", "mistral-small-latest")],
    keys: [key("g1", "groq"), key("ge1", "gemini"), key("m1", "mistral")],
    requestedModel: "auto",
    strict: false,
    privacy: "standard",
    features: describeRequest(chatCompletionRequestSchema.parse({ model: "auto", ...request })),
    ...rest,
  }).candidates.map((c) => `${c.providerId}/${c.model}@${c.key.id}`);
}

const errorCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as GatewayError).code;
  }
  return "no error";
};

describe("buildChatCandidates", () => {
  beforeEach(() => ttfbTracker.clear());

  it("auto and free follow chain order; disabled entries and inactive keys are skipped", () => {
    expect(build()).toEqual(["groq/llama-3.3-70b-versatile@g1", "gemini/gemini-2.5-flash@ge1", "mistral/mistral-small-latest@m1"]);
    const chain = [entry("mistral", "mistral-small-latest"), entry("groq", "llama-3.3-70b-versatile", false), entry("gemini", "gemini-2.5-flash")];
    expect(build({ chain, requestedModel: "free", keys: [key("g1", "groq"), key("ge1", "gemini", null, "invalid"), key("m1", "mistral")] })).toEqual([
      "mistral/mistral-small-latest@m1",
    ]);
  });

  it("an unpinned entry expands to the provider's catalog models by rank, limited to what the key listed", () => {
    const out = build({ chain: [entry("groq")], keys: [key("g1", "groq", ["llama-3.1-8b-instant", "llama-3.3-70b-versatile", "whisper-large-v3"])] });
    expect(out).toEqual(["groq/llama-3.3-70b-versatile@g1", "groq/llama-3.1-8b-instant@g1"]);
  });

  it("spreads the budget: each provider's best model (with all its keys) before any provider's second", () => {
    const out = build({
      chain: [entry("groq"), entry("gemini", "gemini-2.5-flash")],
      keys: [
        key("g1", "groq", ["llama-3.1-8b-instant", "llama-3.3-70b-versatile"]),
        key("g2", "groq", ["llama-3.1-8b-instant", "llama-3.3-70b-versatile"]),
        key("ge1", "gemini"),
      ],
    });
    expect(out.map((c) => c.replace(/@g[12]$/, "@g"))).toEqual([
      "groq/llama-3.3-70b-versatile@g",
      "groq/llama-3.3-70b-versatile@g",
      "gemini/gemini-2.5-flash@ge1",
      "groq/llama-3.1-8b-instant@g",
      "groq/llama-3.1-8b-instant@g",
    ]);
  });

  it("free-smart orders by capability rank, free-fast by measured TTFB then chain order", () => {
    expect(build({ requestedModel: "free-smart" })).toEqual([
      "gemini/gemini-2.5-flash@ge1",
      "groq/llama-3.3-70b-versatile@g1",
      "mistral/mistral-small-latest@m1",
    ]);
    ttfbTracker.record("mistral", "mistral-small-latest", 200);
    ttfbTracker.record("gemini", "gemini-2.5-flash", 900);
    expect(build({ requestedModel: "free-fast" })).toEqual([
      "mistral/mistral-small-latest@m1",
      "gemini/gemini-2.5-flash@ge1",
      "groq/llama-3.3-70b-versatile@g1",
    ]);
  });

  it("provider/model goes first; other providers serving the same model family follow unless strict", () => {
    const chain = [entry("openrouter"), entry("groq"), entry("cloudflare")];
    const keys = [key("o1", "openrouter"), key("g1", "groq"), key("c1", "cloudflare")];
    expect(build({ chain, keys, requestedModel: "groq/llama-3.3-70b-versatile" })).toEqual([
      "groq/llama-3.3-70b-versatile@g1",
      "openrouter/meta-llama/llama-3.3-70b-instruct:free@o1",
      "cloudflare/@cf/meta/llama-3.3-70b-instruct-fp8-fast@c1",
    ]);
    expect(build({ chain, keys, requestedModel: "groq/llama-3.3-70b-versatile", strict: true })).toEqual(["groq/llama-3.3-70b-versatile@g1"]);
  });

  it("a bare id finds the chain provider serving it, even one with slashes that start with a provider id", () => {
    const keys = [key("o1", "openrouter"), key("n1", "nvidia")];
    const chain = [entry("nvidia"), entry("openrouter")];
    expect(build({ chain, keys, requestedModel: "nvidia/nemotron-3-super-120b-a12b:free", strict: true })).toEqual([
      "openrouter/nvidia/nemotron-3-super-120b-a12b:free@o1",
    ]);
    expect(build({ chain, keys, requestedModel: "nvidia/meta/llama-3.3-70b-instruct", strict: true })).toEqual(["nvidia/meta/llama-3.3-70b-instruct@n1"]);
  });

  it("errors: unknown bare model, no keys at all, no key for a named provider", () => {
    expect(errorCode(() => build({ requestedModel: "gpt-99-ultra" }))).toBe("model_not_found");
    expect(errorCode(() => build({ keys: [] }))).toBe("no_provider_keys");
    expect(errorCode(() => build({ keys: [key("g1", "groq", null, "disabled")] }))).toBe("no_provider_keys");
    expect(errorCode(() => build({ requestedModel: "cerebras/gpt-oss-120b" }))).toBe("no_provider_keys");
  });

  it("no-training privacy keeps only providers that do not train on free-tier prompts", () => {
    expect(build({ privacy: "no-training" })).toEqual(["groq/llama-3.3-70b-versatile@g1"]);
    expect(errorCode(() => build({ privacy: "no-training", requestedModel: "gemini/gemini-2.5-flash" }))).toBe("model_not_found");
  });

  it("filters on tools, images and context window", () => {
    const chain = [entry("gemini", "gemma-3-27b-it"), entry("groq", "llama-3.3-70b-versatile"), entry("gemini", "gemini-2.5-flash")];
    const tools = { ...text, tools: [{ type: "function", function: { name: "f" } }] };
    expect(build({ chain, request: tools })).toEqual(["groq/llama-3.3-70b-versatile@g1", "gemini/gemini-2.5-flash@ge1"]);
    const image = { messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "https://x/y.png" } }] }] };
    expect(build({ chain, request: image })).toEqual(["gemini/gemma-3-27b-it@ge1", "gemini/gemini-2.5-flash@ge1"]);
    const huge = { messages: [{ role: "user", content: "x".repeat(4 * 200_000) }] };
    expect(build({ chain, request: huge })).toEqual(["gemini/gemini-2.5-flash@ge1"]);
    // Neither retryable: no model takes images, or the prompt fits no window.
    expect(errorCode(() => build({ chain: [entry("groq", "llama-3.3-70b-versatile")], request: image }))).toBe("invalid_request");
    expect(errorCode(() => build({ chain: [entry("groq", "llama-3.3-70b-versatile")], request: huge }))).toBe("context_length_exceeded");
  });

  it("rotates the starting key across requests", () => {
    const keys = [key("a", "groq"), key("b", "groq")];
    const chain = [entry("groq", "llama-3.3-70b-versatile")];
    const first = build({ keys, chain });
    const second = build({ keys, chain });
    expect(first).toHaveLength(2);
    expect(second[0]).not.toBe(first[0]);
  });
});
