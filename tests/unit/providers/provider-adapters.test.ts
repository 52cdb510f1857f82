import { describe, expect, it } from "vitest";
import { allowsNoTrainingPrompts, PROVIDER_IDS, PROVIDERS, resolveProviderId, resolveUpstream } from "@/lib/providers";
import { classifyUpstreamError } from "@/lib/providers/classify-error";
import { findModelSpec } from "@/lib/providers/catalog";
import { buildUpstreamChatBody } from "@/lib/providers/transform-request";
import type { ProviderAdapter, ProviderId } from "@/lib/providers/types";

const build = (providerId: ProviderId, model: string, request: Record<string, unknown>) =>
  buildUpstreamChatBody({ providerId, model, spec: findModelSpec(providerId, model), request: { messages: [{ role: "user", content: "hi" }], ...request } });
const classify = (providerId: ProviderId, status: number, message: string) =>
  classifyUpstreamError({ providerId, status, headers: {}, body: JSON.stringify({ error: { message } }) });
const schema = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };

describe("the provider list (lib/providers/index.ts)", () => {
  it("lists each adapter under its own id, with its own base URL variable and aliases nobody else claims", () => {
    const adapters = Object.entries(PROVIDERS) as Array<[string, ProviderAdapter]>;
    for (const [key, adapter] of adapters) expect(adapter.id).toBe(key);
    expect(PROVIDER_IDS).toEqual(Object.keys(PROVIDERS));
    const envs = adapters.map(([, a]) => a.baseUrlEnv);
    expect(new Set(envs).size).toBe(envs.length);
    const names = adapters.flatMap(([id, a]) => [id, ...(a.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("resolves ids and aliases case-insensitively, and nothing else", () => {
    expect(resolveProviderId(" Google ")).toBe("gemini");
    expect(resolveProviderId("NIM")).toBe("nvidia");
    expect(resolveProviderId("z.ai")).toBe("zai");
    expect(resolveProviderId("groq")).toBe("groq");
    expect(resolveProviderId("openai")).toBeUndefined();
    expect(resolveProviderId("constructor")).toBeUndefined();
  });

  it("keeps the user's own endpoint and no-training providers under no-training, and no one else", () => {
    const kept = PROVIDER_IDS.filter(allowsNoTrainingPrompts);
    expect(kept).toContain("custom");
    expect(kept).toContain("groq");
    expect(kept).not.toContain("gemini");
    expect(kept).not.toContain("cerebras");
    for (const id of kept) expect(PROVIDERS[id].userEndpoint === true || PROVIDERS[id].trainsOnFreeTier === false).toBe(true);
  });
});

describe("adapter quirks", () => {
  it("NVIDIA: a json_schema response format is also sent as nvext.guided_json; the client's nvext fields stay", () => {
    const format = { type: "json_schema", json_schema: { name: "city", schema } };
    const body = build("nvidia", "meta/llama-3.3-70b-instruct", { response_format: format, nvext: { priority: 1 } });
    expect(body.response_format).toEqual(format);
    expect(body.nvext).toEqual({ priority: 1, guided_json: schema });
    expect(build("nvidia", "meta/llama-3.3-70b-instruct", { response_format: { type: "json_object" } }).nvext).toBeUndefined();
    // Other providers take the schema as sent.
    expect(build("groq", "llama-3.3-70b-versatile", { response_format: format }).nvext).toBeUndefined();
  });

  it("custom endpoint: the client's stream_options go through on streams, none are added", () => {
    expect(build("custom", "my-model", { stream: true, stream_options: { include_usage: false } }).stream_options).toEqual({ include_usage: false });
    expect(build("custom", "my-model", { stream: true })).not.toHaveProperty("stream_options");
    expect(build("custom", "my-model", { stream: false, stream_options: { include_usage: true } })).not.toHaveProperty("stream_options");
    // A catalog provider that does not take them never gets them.
    expect(build("mistral", "mistral-small-latest", { stream: true, stream_options: { include_usage: true } })).not.toHaveProperty("stream_options");
  });

  it("Ollama: a bare 403 is a model outside the free plan; elsewhere it is a bad request", () => {
    expect(classify("ollama", 403, "forbidden").kind).toBe("not_on_free_tier");
    expect(classify("groq", 403, "forbidden").kind).toBe("bad_request_provider_specific");
  });

  it("Cohere: a trial key's monthly cap is a long quota, not a minute's rate limit", () => {
    const message = "trial key rate limit reached for this month";
    expect(classify("cohere", 429, message).kind).toBe("quota_exhausted_day");
    expect(classify("groq", 429, message).kind).toBe("rate_limited_short");
  });

  it("OpenRouter: attribution headers on every call; others send only the key", () => {
    const secret = ["sk", "or", "v1", "x".repeat(8)].join("-");
    expect(resolveUpstream("openrouter", secret).headers).toEqual({
      authorization: `Bearer ${secret}`,
      "x-title": "freellmapi",
      "http-referer": "https://github.com/freellmapi",
    });
    expect(resolveUpstream("groq", "k").headers).toEqual({ authorization: "Bearer k" });
  });

  it("Cloudflare: the listing is the text-generation search, entries named by `name`", () => {
    const cf = PROVIDERS.cloudflare;
    expect(cf.modelsUrl?.("https://api.cloudflare.com/client/v4/accounts/acc/ai/v1")).toBe(
      "https://api.cloudflare.com/client/v4/accounts/acc/ai/models/search?search=Text+Generation",
    );
    expect(cf.listedModelId?.({ id: "uuid-1", name: "@cf/meta/llama-3.3-70b-instruct-fp8-fast" })).toBe("@cf/meta/llama-3.3-70b-instruct-fp8-fast");
    expect(() => resolveUpstream("cloudflare", "token-without-account")).toThrow(/accountId:token/);
  });

  it("Kilo and OpenRouter keep only free entries; other listings are kept whole", () => {
    for (const id of ["kilo", "openrouter"] as const) {
      const keep = PROVIDERS[id].keepListedModel!;
      expect(keep({ id: "a/b:free", pricing: { prompt: "0", completion: "0" } })).toBe(true);
      expect(keep({ id: "a/b:free", pricing: { prompt: "0.1", completion: "0" } })).toBe(false);
      expect(keep({ id: "a/b", pricing: { prompt: "0", completion: "0" } })).toBe(false);
      expect(keep({ id: "a/b:free" })).toBe(true);
    }
    expect(PROVIDERS.groq.keepListedModel).toBeUndefined();
  });

  it("Gemini: listed ids lose their models/ prefix", () => {
    expect(PROVIDERS.gemini.listedModelId?.({ id: "models/gemini-2.5-flash" })).toBe("gemini-2.5-flash");
    expect(PROVIDERS.gemini.listedModelId?.({ name: "models/gemma-3-27b-it" })).toBe("gemma-3-27b-it");
  });
});
