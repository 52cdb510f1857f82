import { describe, expect, it } from "vitest";
import { PROVIDERS } from "@/lib/providers/catalog";
import { buildChatCandidates } from "@/lib/router/build-candidates";
import { INTENT_NAMES, MODEL_INTENTS } from "@/lib/router/model-intents";
import { describeRequest } from "@/lib/router/request-features";
import { chatCompletionRequestSchema } from "@/lib/router/schemas";
import { META_MODELS } from "@/lib/router/resolve-requested-model";
import type { ChainEntry, ProviderKey } from "@/lib/router/types";

const key = (providerId: string, models: string[] | null = null): ProviderKey => ({
  id: `${providerId}-1`,
  label: providerId,
  providerId,
  encryptedSecret: "enc",
  baseUrl: null,
  status: "active",
  models,
  capabilities: null,
});
const entry = (providerId: string): ChainEntry => ({ providerId, pinnedModel: null, enabled: true });
const hi = { messages: [{ role: "user", content: "hi" }] };

function pick(requestedModel: string, body: Record<string, unknown> = hi, keys = [key("groq"), key("gemini"), key("mistral")]) {
  return buildChatCandidates({
    chain: keys.map((k) => entry(k.providerId)),
    keys,
    requestedModel,
    strict: false,
    privacy: "standard",
    features: describeRequest(chatCompletionRequestSchema.parse({ model: "auto", ...body })),
  }).candidates;
}
const ids = (candidates: ReturnType<typeof pick>) => candidates.map((c) => `${c.providerId}/${c.model}`);
const specOf = (c: ReturnType<typeof pick>[number]) => c.spec!;

describe("intent names pick models by the catalog's capability and size data", () => {
  it("are meta-models beside auto, free-fast and free-smart", () => {
    expect(META_MODELS).toEqual(["auto", "free", "free-fast", "free-smart", "free-large", "free-small", "free-vision", "free-tools", "free-reasoning"]);
  });

  it("free-vision reaches only vision models, even for a text-only request", () => {
    const candidates = pick("free-vision");
    expect(candidates.length).toBeGreaterThan(2);
    expect(candidates.every((c) => specOf(c).vision)).toBe(true);
    // Groq's catalog has no vision model, so none of its models is offered.
    expect(candidates.some((c) => c.providerId === "groq")).toBe(false);
  });

  it("free-tools drops models without tool calls; free-reasoning keeps only reasoning models", () => {
    const tools = pick("free-tools");
    expect(tools.every((c) => specOf(c).tools)).toBe(true);
    expect(ids(tools)).not.toContain("groq/groq/compound");
    expect(ids(tools)).not.toContain("gemini/gemma-3-27b-it");
    const reasoning = pick("free-reasoning");
    expect(reasoning.every((c) => specOf(c).reasoning)).toBe(true);
    expect(ids(reasoning)).toContain("groq/openai/gpt-oss-120b");
    expect(ids(reasoning)).not.toContain("groq/llama-3.3-70b-versatile");
  });

  it("free-large takes models of 70B or more and free-small of 32B or less; models of unpublished size are never picked", () => {
    const large = pick("free-large");
    expect(ids(large).sort()).toEqual(["groq/llama-3.3-70b-versatile", "groq/openai/gpt-oss-120b"]);
    const small = pick("free-small");
    expect(small.every((c) => specOf(c).params! <= 32)).toBe(true);
    expect(ids(small)).toEqual(expect.arrayContaining(["groq/llama-3.1-8b-instant", "gemini/gemma-3-27b-it", "mistral/mistral-small-latest"]));
    expect(ids([...large, ...small]).some((id) => id.startsWith("gemini/gemini-"))).toBe(false);
  });

  it("tries the qualifying models most capable first within each provider round", () => {
    const large = pick("free-large", hi, [key("groq")]);
    expect(ids(large)).toEqual(["groq/openai/gpt-oss-120b", "groq/llama-3.3-70b-versatile"]);
    const ranks = pick("free-vision", hi, [key("gemini")]).map((c) => specOf(c).rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });

  it("still applies the request's own needs: free-small with tools skips the small model without tools", () => {
    const withTools = pick("free-small", { ...hi, tools: [{ type: "function", function: { name: "f", parameters: {} } }] });
    expect(ids(withTools)).not.toContain("gemini/gemma-3-27b-it");
    expect(withTools.length).toBeGreaterThan(0);
  });

  it("answers model_not_found naming the trait when no reachable model has it", () => {
    expect(() => pick("free-vision", hi, [key("groq")])).toThrow(/free-vision.*image input/);
    // A custom endpoint's models are unknown to the catalog: no data, so no pick.
    const custom = { ...key("custom", ["big-model-405b"]), baseUrl: "http://127.0.0.1:1/v1" };
    expect(pick("auto", hi, [custom]).map((c) => c.model)).toEqual(["big-model-405b"]);
    expect(() => pick("free-large", hi, [custom])).toThrow(/at least 70B/);
  });

  it("every intent has at least one catalog model, and sizes are whole billions", () => {
    const all = Object.values(PROVIDERS).flatMap((p) => p.models);
    for (const name of INTENT_NAMES)
      expect(
        all.some((spec) => MODEL_INTENTS[name].accepts(spec)),
        name,
      ).toBe(true);
    for (const spec of all) if (spec.params !== undefined) expect(Number.isInteger(spec.params) && spec.params > 0).toBe(true);
  });
});
