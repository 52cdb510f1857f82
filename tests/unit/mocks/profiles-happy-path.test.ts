import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MockProvider, profileNames, startMockProvider } from "@/tests/mocks";
import { chat, parseSse, post } from "./mock-client";

const CHAT_MODEL = {
  openai: "gpt-4o-mini",
  groq: "llama-3.3-70b-versatile",
  gemini: "gemini-2.5-flash",
  openrouter: "meta-llama/llama-3.3-70b-instruct:free",
  mistral: "mistral-small-latest",
  nvidia: "meta/llama-3.3-70b-instruct",
  cerebras: "gemma-4-31b",
  kilo: "minimax/minimax-m2.5:free",
} as const;

describe.each(profileNames)("profile %s", (name) => {
  let mock: MockProvider;
  let client: OpenAI;
  const model = CHAT_MODEL[name];
  beforeAll(async () => {
    mock = await startMockProvider({ profile: name });
    client = new OpenAI({ baseURL: mock.url, apiKey: mock.keys[0]!, maxRetries: 0 });
  });
  afterAll(() => mock.close());

  it("answers a non-stream chat through the OpenAI SDK with an echo naming provider and model", async () => {
    const res = await client.chat.completions.create({ model, messages: [{ role: "user", content: "ping 42" }] });
    expect(res.choices[0]!.message.content).toBe(`[${name}:${model}] echo: ping 42`);
    expect(res.choices[0]!.finish_reason).toBe("stop");
    expect(res.usage!.total_tokens).toBe(res.usage!.prompt_tokens + res.usage!.completion_tokens);
    expect(res.usage!.completion_tokens).toBeGreaterThan(0);
    expect(mock.requests.at(-1)).toMatchObject({ method: "POST", path: "/chat/completions", model });
    expect(mock.requests.at(-1)!.headers.authorization).toBe(`Bearer ${mock.keys[0]}`);
  });

  it("streams the same content through the OpenAI SDK", async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "stream me" }],
      stream: true,
    });
    let text = "";
    let finish: string | null = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? "";
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe(`[${name}:${model}] echo: stream me`);
    expect(finish).toBe("stop");
  });

  it("frames SSE as OpenAI does: role first, finish chunk, then [DONE]", async () => {
    const res = await chat(mock, { model, stream: true });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const { events, done } = parseSse(await res.text());
    expect(done).toBe(true);
    expect(events[0]!.choices![0]!.delta.role).toBe("assistant");
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    expect(events.some((e) => e.choices?.[0]?.finish_reason === "stop")).toBe(true);
  });

  it("lists its models and rejects an unknown model", async () => {
    const list = (await (await fetch(`${mock.url}/models`, { headers: { authorization: `Bearer ${mock.keys[0]}` } })).json()) as {
      data: Array<{ id: string }>;
    };
    const ids = list.data.map((m) => m.id.replace(/^models\//, ""));
    expect(ids).toContain(model);
    const res = await chat(mock, { model: "no-such-model" });
    expect([400, 404]).toContain(res.status);
  });

  it("refuses a wrong key", async () => {
    const res = await chat(mock, { model }, "wrong-key");
    expect(res.status).toBe(name === "gemini" ? 400 : 401);
  });

  it("answers a tool call when asked to call a tool", async () => {
    const res = await client.chat.completions.create({
      model,
      messages: [{ role: "user", content: "please call tool" }],
      tools: [{ type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } }],
    });
    const call = res.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && call.function.name).toBe("get_weather");
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ city: "please call tool" });
    expect(res.choices[0]!.finish_reason).toBe("tool_calls");
  });
});

describe("embeddings", () => {
  it.each([
    ["openai", "text-embedding-3-small", 1536],
    ["gemini", "gemini-embedding-001", 768],
    ["mistral", "mistral-embed", 1024],
    ["nvidia", "nvidia/nv-embedqa-e5-v5", 1024],
  ] as const)("%s serves deterministic unit vectors (SDK base64 and float)", async (profile, model, dims) => {
    const mock = await startMockProvider({ profile });
    try {
      const client = new OpenAI({ baseURL: mock.url, apiKey: mock.keys[0]!, maxRetries: 0 });
      const viaSdk = await client.embeddings.create({ model, input: ["alpha", "beta"] });
      expect(viaSdk.data).toHaveLength(2);
      expect(viaSdk.data[0]!.embedding).toHaveLength(dims);
      const norm = Math.hypot(...viaSdk.data[0]!.embedding);
      expect(norm).toBeCloseTo(1, 4);
      const asFloat = (await (await post(mock, "/embeddings", { model, input: "alpha", encoding_format: "float" })).json()) as {
        data: Array<{ embedding: number[] }>;
      };
      expect(asFloat.data[0]!.embedding[0]).toBeCloseTo(viaSdk.data[0]!.embedding[0]!, 6);
      expect(viaSdk.data[0]!.embedding).not.toEqual(viaSdk.data[1]!.embedding);
    } finally {
      await mock.close();
    }
  });

  it("is not offered by groq", async () => {
    const mock = await startMockProvider({ profile: "groq" });
    const res = await post(mock, "/embeddings", { model: "llama-3.3-70b-versatile", input: "x" });
    expect(res.status).toBe(400);
    await mock.close();
  });
});
