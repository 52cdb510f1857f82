import { afterEach, describe, expect, it } from "vitest";
import { listAvailableModels } from "@/lib/router/list-available-models";
import { routeEmbeddings } from "@/lib/router/route-embeddings";
import { chatCompletionRequestSchema, embeddingsRequestSchema, parseOrThrow } from "@/lib/router/schemas";
import { entry, key, makeContext } from "./support/context";
import { json, startMockUpstream } from "@/tests/mocks/scripted-upstream";

let mock: Awaited<ReturnType<typeof startMockUpstream>> | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe("routeEmbeddings", () => {
  it("fails over between embedding providers and skips providers without free embeddings", async () => {
    mock = await startMockUpstream({ gemini: "GEMINI_BASE_URL", mistral: "MISTRAL_BASE_URL" }, (hit, res) => {
      if (hit.provider === "gemini") return json(res, 503, { error: { code: 503, message: "The model is overloaded.", status: "UNAVAILABLE" } });
      json(res, 200, {
        object: "list",
        data: [{ object: "embedding", index: 0, embedding: [0.1, 0.2] }],
        model: "mistral-embed",
        usage: { prompt_tokens: 4, total_tokens: 4 },
      });
    });
    const { ctx, done } = makeContext({
      chain: [entry("groq"), entry("gemini"), entry("mistral")],
      keys: [key("g", "groq"), key("ge", "gemini"), key("m", "mistral")],
    });
    const response = await routeEmbeddings(embeddingsRequestSchema.parse({ model: "auto", input: "hello world" }), ctx);
    expect(response.headers["x-freellmapi-fallback-trail"]).toBe("gemini/gemini-embedding-001:unhealthy,mistral/mistral-embed:ok");
    expect(mock.hits.map((h) => `${h.provider}${h.path}`)).toEqual(["gemini/embeddings", "mistral/embeddings"]);
    expect(mock.hits[1].body).toMatchObject({ model: "mistral-embed", input: "hello world", encoding_format: "float" });
    expect((response as { body: { data: unknown[] } }).body.data).toHaveLength(1);
    expect(await done).toMatchObject({ status: "ok", providerId: "mistral", promptTokens: 4 });
  });

  it("no embedding-capable key → no_provider_keys; unknown named model → model_not_found", async () => {
    const { ctx } = makeContext({ keys: [key("g", "groq")] });
    await expect(routeEmbeddings({ model: "auto", input: "x" }, ctx)).rejects.toMatchObject({ code: "no_provider_keys" });
    const { ctx: ctx2 } = makeContext({ keys: [key("m", "mistral")] });
    await expect(routeEmbeddings({ model: "gemini/text-embedding-004", input: "x" }, ctx2)).rejects.toMatchObject({ code: "model_not_found" });
  });
});

describe("listAvailableModels", () => {
  it("lists meta-models then provider/model ids reachable with active keys", () => {
    const list = listAvailableModels(
      [entry("groq"), entry("mistral", "mistral-large-latest")],
      [key("g", "groq", { models: ["llama-3.1-8b-instant"] }), key("m", "mistral"), key("x", "gemini", { status: "invalid" })],
    );
    const ids = list.data.map((m) => m.id);
    expect(ids.slice(0, 4)).toEqual(["auto", "free", "free-fast", "free-smart"]);
    expect(ids).toContain("groq/llama-3.1-8b-instant");
    expect(ids).not.toContain("groq/llama-3.3-70b-versatile");
    expect(ids).toContain("mistral/mistral-large-latest");
    expect(ids).toContain("mistral/mistral-embed");
    expect(ids.some((id) => id.startsWith("gemini/"))).toBe(false);
    expect(ids.slice(4, 9)).toEqual(["free-large", "free-small", "free-vision", "free-tools", "free-reasoning"]);
    expect(list.data[9]).toMatchObject({ object: "model", owned_by: "groq" });
  });
});

describe("chatCompletionRequestSchema", () => {
  it("accepts what OpenAI clients send and keeps unknown fields", () => {
    const parsed = chatCompletionRequestSchema.parse({
      model: "auto",
      messages: [
        { role: "system", content: "s" },
        {
          role: "user",
          content: [
            { type: "text", text: "t" },
            { type: "image_url", image_url: { url: "https://x/y.png", detail: "low" } },
          ],
        },
        { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "c", content: "r" },
      ],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object" } } }],
      tool_choice: { type: "function", function: { name: "f" } },
      response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: "object" } } },
      stream: true,
      stream_options: { include_usage: true },
      reasoning_effort: "low",
      n: 1,
      extra_vendor_field: { a: 1 },
    });
    expect(parsed.extra_vendor_field).toEqual({ a: 1 });
  });

  it("rejects n>1 and bad parts with the param path", () => {
    expect(() => parseOrThrow(chatCompletionRequestSchema, { model: "auto", messages: [{ role: "user", content: "x" }], n: 2 })).toThrow(
      expect.objectContaining({ code: "invalid_request", param: "n" }),
    );
    expect(() => parseOrThrow(chatCompletionRequestSchema, { model: "auto", messages: [] })).toThrow(expect.objectContaining({ param: "messages" }));
  });
});
