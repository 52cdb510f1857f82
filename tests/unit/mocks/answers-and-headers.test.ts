import { afterEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "@/tests/mocks";
import { chat, parseSse } from "./mock-client";

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function json(res: Response) {
  return (await res.json()) as any;
}

describe("deterministic answers", () => {
  it("json_object and json_schema response formats return valid JSON", async () => {
    mock = await startMockProvider({ profile: "groq" });
    const obj = await json(await chat(mock, { model: "llama-3.1-8b-instant", response_format: { type: "json_object" } }));
    expect(JSON.parse(obj.choices[0].message.content)).toEqual({ provider: "groq", model: "llama-3.1-8b-instant", echo: "hello" });
    const schema = {
      type: "object",
      properties: { name: { type: "string" }, age: { type: "integer" }, tags: { type: "array", items: { type: "string" } }, kind: { enum: ["a", "b"] } },
    };
    const typed = await json(await chat(mock, { model: "llama-3.1-8b-instant", response_format: { type: "json_schema", json_schema: { name: "p", schema } } }));
    expect(JSON.parse(typed.choices[0].message.content)).toEqual({ name: "hello", age: 1, tags: ["hello"], kind: "a" });
  });

  it("answers a tool result turn with content naming the result", async () => {
    mock = await startMockProvider({ profile: "openai" });
    const body = await json(
      await chat(mock, {
        model: "gpt-4o-mini",
        tools: [{ type: "function", function: { name: "f" } }],
        messages: [
          { role: "user", content: "call tool" },
          { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "f", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "call_1", content: "sunny" },
        ],
      }),
    );
    expect(body.choices[0].message.content).toBe("[openai:gpt-4o-mini] tool result: sunny");
  });

  it("tool_choice none suppresses tool calls; tool args default to {input} without properties", async () => {
    mock = await startMockProvider({ profile: "openai" });
    const tools = [{ type: "function", function: { name: "f" } }];
    const none = await json(await chat(mock, { model: "gpt-4o-mini", tools, tool_choice: "none", messages: [{ role: "user", content: "call tool" }] }));
    expect(none.choices[0].message.tool_calls).toBeUndefined();
    const called = await json(await chat(mock, { model: "gpt-4o-mini", tools, messages: [{ role: "user", content: "call tool" }] }));
    expect(JSON.parse(called.choices[0].message.tool_calls[0].function.arguments)).toEqual({ input: "call tool" });
    expect(called.choices[0].message.tool_calls[0].id).toMatch(/^call_[A-Za-z0-9]{24}$/);
  });

  it("mistral tool-call ids are 9 alphanumerics", async () => {
    mock = await startMockProvider({ profile: "mistral" });
    const body = await json(
      await chat(mock, {
        model: "mistral-small-latest",
        tools: [{ type: "function", function: { name: "f" } }],
        messages: [{ role: "user", content: "call tool" }],
      }),
    );
    expect(body.choices[0].message.tool_calls[0].id).toMatch(/^[a-zA-Z0-9]{9}$/);
  });

  it("gemini thinking eats a small max_tokens: empty content, finish length", async () => {
    mock = await startMockProvider({ profile: "gemini" });
    const body = await json(await chat(mock, { model: "gemini-2.5-flash", max_tokens: 20 }));
    expect(body.choices[0]).toMatchObject({ message: { content: "" }, finish_reason: "length" });
    expect(body.usage.completion_tokens).toBe(20);
  });

  it("max_tokens truncates with finish length; models/ prefix is accepted by gemini", async () => {
    mock = await startMockProvider({ profile: "gemini" });
    const body = await json(
      await chat(mock, { model: "models/gemini-3.1-flash-lite", max_tokens: 2, messages: [{ role: "user", content: "a long message here" }] }),
    );
    expect(body.choices[0].finish_reason).toBe("length");
    expect(body.choices[0].message.content).toHaveLength(8);
  });

  it("label option renames the echo (openai profile standing in for cohere)", async () => {
    mock = await startMockProvider({ profile: "openai", label: "cohere", basePath: "/compatibility/v1", models: ["command-a-03-2025"], keys: ["co-key"] });
    expect(mock.url).toMatch(/\/compatibility\/v1$/);
    const body = await json(await chat(mock, { model: "command-a-03-2025" }));
    expect(body.choices[0].message.content).toBe("[cohere:command-a-03-2025] echo: hello");
  });
});

describe("rate-limit headers on successes and model lists", () => {
  it("groq: x-ratelimit-* counting down, Go-duration resets", async () => {
    mock = await startMockProvider({ profile: "groq" });
    const first = await chat(mock, { model: "llama-3.3-70b-versatile" });
    const second = await chat(mock, { model: "llama-3.3-70b-versatile" });
    expect(first.headers.get("x-ratelimit-limit-requests")).toBe("1000");
    expect(first.headers.get("x-ratelimit-limit-tokens")).toBe("12000");
    expect(Number(second.headers.get("x-ratelimit-remaining-requests"))).toBe(Number(first.headers.get("x-ratelimit-remaining-requests")) - 1);
    expect(second.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+m)?[\d.]+s$/);
  });

  it("cerebras: -day/-minute headers with float seconds", async () => {
    mock = await startMockProvider({ profile: "cerebras" });
    const res = await chat(mock, { model: "gemma-4-31b" });
    expect(res.headers.get("x-ratelimit-reset-requests-day")).toMatch(/^\d+\.\d+$/);
    expect(res.headers.get("x-ratelimit-reset-tokens-minute")).toBe("11.382867097854614");
    expect(res.headers.get("x-ratelimit-limit-tokens-minute")).toBe("60000");
  });

  it("openrouter: epoch-ms reset on successes; public model list with string pricing and :free ids", async () => {
    mock = await startMockProvider({ profile: "openrouter" });
    const res = await chat(mock, { model: "qwen/qwen3-coder:free" });
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now());
    expect(res.headers.get("x-generation-id")).toMatch(/^gen-/);
    const list = await json(await fetch(`${mock.url}/models`));
    const free = list.data.filter((m: any) => m.id.endsWith(":free") && Number(m.pricing.prompt) + Number(m.pricing.completion) === 0);
    expect(free.map((m: any) => m.id)).toContain("qwen/qwen3-coder:free");
    expect(list.data.find((m: any) => m.id === "openai/gpt-4o-mini").pricing.prompt).not.toBe("0");
  });

  it("gemini lists ids with models/ prefix and sends no x-ratelimit headers", async () => {
    mock = await startMockProvider({ profile: "gemini" });
    const list = await json(await fetch(`${mock.url}/models`, { headers: { authorization: "Bearer gemini-test-key" } }));
    expect(list.data[0].id).toBe("models/gemini-2.5-flash");
    const res = await chat(mock, { model: "gemini-2.5-flash" });
    expect([...res.headers.keys()].some((h) => h.startsWith("x-ratelimit"))).toBe(false);
  });

  it("mistral and nvidia success headers", async () => {
    mock = await startMockProvider({ profile: "mistral" });
    expect((await chat(mock, { model: "mistral-small-latest" })).headers.get("x-ratelimit-limit-req-minute")).toBe("60");
    await mock.close();
    mock = await startMockProvider({ profile: "nvidia" });
    expect((await chat(mock, { model: "meta/llama-3.3-70b-instruct" })).headers.get("nvcf-status")).toBe("fulfilled");
  });

  it("GET /models/{id} returns one model", async () => {
    mock = await startMockProvider({ profile: "groq" });
    const one = await json(await fetch(`${mock.url}/models/llama-3.1-8b-instant`, { headers: { authorization: "Bearer gsk_test" } }));
    expect(one).toMatchObject({ id: "llama-3.1-8b-instant", object: "model", context_window: 131072 });
  });
});

describe("zero-latency mode", () => {
  it("answers a fixed minimal response and keeps no log", async () => {
    mock = await startMockProvider({ profile: "groq", zeroLatency: true });
    const body = await json(await chat(mock, { model: "llama-3.3-70b-versatile", messages: [{ role: "user", content: "anything" }] }));
    expect(body.choices[0].message.content).toBe("ok");
    expect(body.usage.total_tokens).toBe(2);
    const streamed = parseSse(await (await chat(mock, { model: "llama-3.3-70b-versatile", stream: true })).text());
    expect(streamed.done).toBe(true);
    expect(mock.requests).toHaveLength(0);
    expect((await chat(mock, { model: "llama-3.3-70b-versatile" }, "bad")).status).toBe(401);
  });
});
