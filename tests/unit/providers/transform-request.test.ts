import { describe, expect, it } from "vitest";
import { findModelSpec } from "@/lib/providers/catalog";
import { toMistralToolCallId } from "@/lib/providers/mistral/mistral-body";
import { buildUpstreamChatBody } from "@/lib/providers/transform-request";
import type { ProviderId } from "@/lib/providers/types";

const build = (providerId: ProviderId, model: string, request: Record<string, unknown>) =>
  buildUpstreamChatBody({ providerId, model, spec: findModelSpec(providerId, model), request: { messages: [{ role: "user", content: "hi" }], ...request } });

describe("buildUpstreamChatBody", () => {
  it("Mistral: allowlist, seed → random_seed, 9-char tool ids, no stream_options", () => {
    const body = build("mistral", "mistral-small-latest", {
      stream: true,
      stream_options: { include_usage: true },
      seed: 7,
      logit_bias: { 1: 2 },
      weird: 1,
      messages: [
        {
          role: "assistant",
          content: null,
          reasoning_content: "x",
          tool_calls: [{ id: "call_0fypS1hVX", type: "function", function: { name: "f", arguments: "{}" }, extra_content: {} }],
        },
        { role: "tool", tool_call_id: "call_0fypS1hVX", content: "ok" },
      ],
    });
    expect(body).not.toHaveProperty("stream_options");
    expect(body).not.toHaveProperty("weird");
    expect(body).not.toHaveProperty("seed");
    expect(body.random_seed).toBe(7);
    const [assistant, tool] = body.messages as Array<Record<string, unknown>>;
    const id = (assistant.tool_calls as Array<{ id: string }>)[0].id;
    expect(id).toMatch(/^[a-zA-Z0-9]{9}$/);
    expect(tool.tool_call_id).toBe(id);
    expect(assistant).not.toHaveProperty("reasoning_content");
    expect(toMistralToolCallId("abcDEF123")).toBe("abcDEF123");
  });

  it("Groq drops logprobs params and asks for usage when streaming; max_tokens becomes max_completion_tokens, clamped", () => {
    const body = build("groq", "llama-3.3-70b-versatile", { stream: true, logprobs: true, top_logprobs: 2, logit_bias: {}, max_tokens: 100_000 });
    expect(body).toMatchObject({ stream_options: { include_usage: true }, max_completion_tokens: 32_768 });
    expect(body).not.toHaveProperty("logprobs");
    expect(body).not.toHaveProperty("max_tokens");
  });

  it("reasoning_effort reaches reasoning models only", () => {
    expect(build("groq", "openai/gpt-oss-120b", { reasoning_effort: "high" })).toMatchObject({ reasoning_effort: "high" });
    expect(build("groq", "llama-3.3-70b-versatile", { reasoning_effort: "high" })).not.toHaveProperty("reasoning_effort");
    // A model the catalog does not know (custom endpoints) gets what the client sent.
    expect(build("custom", "my-model", { reasoning_effort: "low" })).toMatchObject({ reasoning_effort: "low" });
  });

  it("Gemini: small max_tokens turns thinking down unless the client asked for reasoning", () => {
    expect(build("gemini", "gemini-2.5-flash", { max_tokens: 100 })).toMatchObject({ reasoning_effort: "none", max_tokens: 100 });
    expect(build("gemini", "gemini-2.5-flash", { max_tokens: 100, reasoning_effort: "high" })).toMatchObject({ reasoning_effort: "high", max_tokens: 2148 });
    expect(build("gemini", "gemini-2.5-flash", { max_tokens: 5000 })).not.toHaveProperty("reasoning_effort");
  });

  it("Gemini: tool-call history without a signature gets the bypass sentinel; Gemma folds system", () => {
    const body = build("gemini", "gemini-3-flash-preview", {
      messages: [{ role: "assistant", tool_calls: [{ id: "a", type: "function", function: { name: "f", arguments: "{}" } }] }],
    });
    expect((body.messages as Array<{ tool_calls: Array<Record<string, unknown>> }>)[0].tool_calls[0].extra_content).toEqual({
      google: { thought_signature: "skip_thought_signature_validator" },
    });
    const gemma = build("gemini", "gemma-3-27b-it", {
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: "hi" },
      ],
    });
    expect(gemma.messages).toEqual([{ role: "user", content: "be brief\n\nhi" }]);
  });

  it("Cloudflare always sends max_tokens, flattens text arrays, and replaces null content beside tool_calls", () => {
    const body = build("cloudflare", "@cf/openai/gpt-oss-120b", {
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "a" },
            { type: "text", text: "b" },
          ],
        },
        { role: "assistant", content: null, tool_calls: [] },
      ],
    });
    expect(body.max_tokens).toBe(8192);
    expect((body.messages as Array<{ content: unknown }>).map((m) => m.content)).toEqual(["ab", ""]);
  });

  it("NVIDIA disables parallel tool calls and maps guided_json; Kilo drops response_format; Cohere strips schema keywords", () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "f",
          parameters: { $schema: "x", type: "object", additionalProperties: false, properties: { a: { type: "object", additionalProperties: false } } },
        },
      },
    ];
    expect(build("nvidia", "meta/llama-3.3-70b-instruct", { tools, guided_json: { type: "object" } })).toMatchObject({
      parallel_tool_calls: false,
      response_format: { type: "json_schema", json_schema: { schema: { type: "object" } } },
    });
    expect(build("kilo", "x:free", { response_format: { type: "json_object" } })).not.toHaveProperty("response_format");
    const cohere = build("cohere", "command-a-03-2025", { tools });
    expect(JSON.stringify(cohere.tools)).not.toMatch(/additionalProperties|\$schema/);
  });

  it("Cerebras gets a modest max_completion_tokens by default; stream_options dropped for non-streams", () => {
    const body = build("cerebras", "gpt-oss-120b", { stream_options: { include_usage: true } });
    expect(body.max_completion_tokens).toBe(4096);
    expect(body).not.toHaveProperty("stream_options");
  });
});
