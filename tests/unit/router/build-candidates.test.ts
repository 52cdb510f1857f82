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

  it("rotates each model's keys from where the provider's rotation starts, also for models only some keys serve", () => {
    const both = ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"];
    const keys = [key("a", "groq", both), key("b", "groq", ["llama-3.3-70b-versatile"]), key("c", "groq", both)];
    const chain = [entry("groq")];
    const starts = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const order = build({ keys, chain });
      const byModel = (model: string) => order.filter((c) => c.startsWith(`groq/${model}@`)).map((c) => c.split("@")[1]);
      const big = byModel("llama-3.3-70b-versatile");
      starts.add(big[0]);
      // A rotation of a, b, c, and the smaller model's keys in the same order, b left out.
      expect(["abc", "bca", "cab"]).toContain(big.join(""));
      expect(byModel("llama-3.1-8b-instant")).toEqual(big.filter((k) => k !== "b"));
    }
    expect(starts.size).toBe(3);
  });

  it("builds once per routing read and model: later requests reuse the candidates, with their own rotation and needs", () => {
    const keys = [key("g1", "groq"), key("ge1", "gemini")];
    const chain = [entry("groq"), entry("gemini")];
    const input = (request: Record<string, unknown>): BuildCandidatesInput => ({
      chain,
      keys,
      requestedModel: "auto",
      strict: false,
      privacy: "standard",
      features: describeRequest(chatCompletionRequestSchema.parse({ model: "auto", ...request })),
    });
    const first = buildChatCandidates(input(text)).candidates;
    const again = buildChatCandidates(input(text)).candidates;
    expect(again).toHaveLength(first.length);
    again.forEach((c, i) => expect(c).toBe(first[i]));

    // The same read, a request with tools: only the models with tools, from the same candidates.
    const withTools = buildChatCandidates(input({ ...text, tools: [{ type: "function", function: { name: "f", parameters: {} } }] })).candidates;
    expect(withTools.length).toBeGreaterThan(0);
    expect(withTools.length).toBeLessThan(first.length);
    for (const c of withTools) {
      expect(c.spec?.tools).toBe(true);
      expect(first).toContain(c);
    }

    // A new read of the same routing (a reload) or a changed chain builds afresh.
    const reread = buildChatCandidates({ ...input(text), keys: [...keys] }).candidates;
    expect(reread.map((c) => c.target)).toEqual(first.map((c) => c.target));
    expect(reread[0]).not.toBe(first[0]);
    const reordered = buildChatCandidates({ ...input(text), chain: [entry("gemini"), entry("groq")] }).candidates;
    expect(reordered[0].providerId).toBe("gemini");
  });

  it("spreads keys with their own base URL as providers of their own", () => {
    const own = (id: string, models: string[]): ProviderKey => ({ ...key(id, "custom", models), baseUrl: `http://127.0.0.1:1/${id}` });
    const order = build({
      keys: [own("c1", ["x", "y"]), own("c2", ["z"]), key("g1", "groq", ["llama-3.3-70b-versatile", "llama-3.1-8b-instant"])],
      chain: [entry("custom"), entry("groq")],
    });
    expect(order).toEqual(["custom/x@c1", "custom/z@c2", "groq/llama-3.3-70b-versatile@g1", "custom/y@c1", "groq/llama-3.1-8b-instant@g1"]);
  });
});
