import { describe, expect, it } from "vitest";
import { responseCacheKey } from "@/lib/cache/cache-key";
import { readCacheDirective } from "@/lib/cache/cache-directive";
import { replayAsStream } from "@/lib/cache/replay-stream";
import { MemoryResponseCache } from "@/lib/cache/response-cache-store";
import { isPossiblyTruncatedJson } from "@/lib/gateway/json-truncation";
import { withHeartbeats } from "@/lib/gateway/heartbeats";
import { ChatCompletionAssembler } from "@/lib/providers/chat-completion-assembler";
import { interpretSseEvent, SseParser } from "@/lib/providers/sse-parser";
import { GatewayError, type GatewayResponse } from "@/lib/router";

const base = {
  userId: "u1",
  strict: false,
  privacy: "standard",
  request: { model: "groq/llama", messages: [{ role: "user", content: "hi" }], temperature: 0 },
};

describe("responseCacheKey", () => {
  it("ignores field order and how the answer is delivered", () => {
    const key = responseCacheKey(base);
    expect(responseCacheKey({ ...base, request: { temperature: 0, messages: [{ content: "hi", role: "user" }], model: "groq/llama" } })).toBe(key);
    expect(responseCacheKey({ ...base, request: { ...base.request, stream: true, stream_options: { include_usage: true } } })).toBe(key);
  });

  it("differs by user, model, sampling, tools, format, seed and routing preferences", () => {
    const key = responseCacheKey(base);
    const variants = [
      { ...base, userId: "u2" },
      { ...base, strict: true },
      { ...base, privacy: "no-training" },
      { ...base, request: { ...base.request, model: "gemini/flash" } },
      { ...base, request: { ...base.request, temperature: 0.1 } },
      { ...base, request: { ...base.request, top_p: 0.5 } },
      { ...base, request: { ...base.request, max_tokens: 5 } },
      { ...base, request: { ...base.request, stop: "x" } },
      { ...base, request: { ...base.request, seed: 1 } },
      { ...base, request: { ...base.request, response_format: { type: "json_object" } } },
      { ...base, request: { ...base.request, tools: [{ type: "function", function: { name: "f" } }] } },
      { ...base, request: { ...base.request, tool_choice: "required" } },
      { ...base, request: { ...base.request, messages: [{ role: "user", content: "hi!" }] } },
    ];
    const keys = new Set(variants.map(responseCacheKey));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(key)).toBe(false);
  });
});

describe("readCacheDirective", () => {
  it("reads no-store and force, refuses anything else", () => {
    expect(readCacheDirective(null)).toBe("default");
    expect(readCacheDirective(" No-Store ")).toBe("no-store");
    expect(readCacheDirective("force")).toBe("force");
    expect(() => readCacheDirective("maybe")).toThrow(/no-store or force/);
  });
});

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe("replayAsStream", () => {
  const completion = {
    id: "chatcmpl-1",
    object: "chat.completion",
    created: 1,
    model: "m",
    choices: [
      {
        index: 0,
        message: {
          role: "assistant",
          content: "hello",
          reasoning_content: "think",
          tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: "{}" } }],
        },
        finish_reason: "tool_calls",
      },
    ],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  };

  it("streams back what was stored, usage only when asked, then [DONE]", async () => {
    for (const includeUsage of [true, false]) {
      const text = await readAll(replayAsStream(completion, includeUsage));
      expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
      const assembler = new ChatCompletionAssembler();
      let usage: unknown = null;
      for (const event of new SseParser().push(text)) {
        const payload = interpretSseEvent(event);
        if (payload.type !== "chunk") continue;
        assembler.add(payload.json);
        usage ??= payload.json.usage ?? null;
      }
      const rebuilt = assembler.build({ jsonMode: false }) as typeof completion;
      expect(rebuilt.choices[0]).toMatchObject({
        message: { content: "hello", reasoning_content: "think", tool_calls: [{ id: "c1", function: { name: "f", arguments: "{}" } }] },
        finish_reason: "tool_calls",
      });
      expect(usage).toEqual(includeUsage ? completion.usage : null);
    }
  });
});

describe("MemoryResponseCache", () => {
  it("forgets an entry after its TTL", async () => {
    const store = new MemoryResponseCache();
    const answer = { completion: { id: "x" }, providerId: "groq", model: "m", storedAt: Date.now() };
    await store.set("k", answer, 1);
    expect(await store.get("k")).toEqual(answer);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await store.get("k")).toBeNull();
  });
});

describe("isPossiblyTruncatedJson", () => {
  const answer = (content: string, finish: string) => ({ choices: [{ message: { content }, finish_reason: finish }] });
  it("only for an answer cut at the limit that does not parse", () => {
    expect(isPossiblyTruncatedJson(answer('{"a": 1', "length"))).toBe(true);
    expect(isPossiblyTruncatedJson(answer('{"a": 1}', "length"))).toBe(false);
    expect(isPossiblyTruncatedJson(answer('{"a": 1', "stop"))).toBe(false);
  });
});

describe("withHeartbeats", () => {
  const later = <T>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
  const streamOf = (text: string): GatewayResponse => ({ kind: "stream", body: new Response(text).body!, headers: { "x-freellmapi-provider": "groq" } });

  it("leaves an answer that comes before the first beat alone", async () => {
    const result = await withHeartbeats(later(5, streamOf("data: [DONE]\n\n")), 100);
    expect(result.headers["x-freellmapi-provider"]).toBe("groq");
    expect(await readAll((result as { body: ReadableStream<Uint8Array> }).body)).toBe("data: [DONE]\n\n");
  });

  it("sends keep-alives until the answer arrives, then the answer", async () => {
    const result = await withHeartbeats(later(130, streamOf("data: {}\n\ndata: [DONE]\n\n")), 30);
    expect(result.kind).toBe("stream");
    const text = await readAll((result as { body: ReadableStream<Uint8Array> }).body);
    const beats = text.split(": keep-alive\n\n").length - 1;
    expect(beats).toBeGreaterThanOrEqual(2);
    expect(text.endsWith("data: {}\n\ndata: [DONE]\n\n")).toBe(true);
  });

  it("ends with the gateway's error event when no answer comes", async () => {
    const failing = later(100, null).then(() => {
      throw new GatewayError("all_providers_exhausted", "Every provider is cooling down.");
    });
    const result = await withHeartbeats(failing, 30);
    const text = await readAll((result as { body: ReadableStream<Uint8Array> }).body);
    expect(text.startsWith(": keep-alive\n\n")).toBe(true);
    expect(text).toMatch(
      /data: \{"error":\{"message":"Every provider is cooling down.","type":"rate_limit_error","param":null,"code":"all_providers_exhausted"\}\}\n\n$/,
    );
  });

  it("an error before the first beat is thrown as before", async () => {
    const failing = Promise.reject(new GatewayError("invalid_request", "bad"));
    await expect(withHeartbeats(failing, 50)).rejects.toThrow("bad");
  });
});
