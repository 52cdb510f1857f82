import { afterEach, describe, expect, it } from "vitest";
import { type MockProvider, startMockProvider } from "@/tests/mocks";
import { chat } from "./mock-client";

let mock: MockProvider | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const twoTools = [
  { type: "function", function: { name: "a", parameters: { type: "object", properties: {} } } },
  { type: "function", function: { name: "b", parameters: { type: "object", properties: {} } } },
];

describe("provider strictness quirks", () => {
  it("mistral: 422 extra_forbidden for stream_options, located inside it", async () => {
    mock = await startMockProvider({ profile: "mistral" });
    const res = await chat(mock, { model: "mistral-small-latest", stream: true, stream_options: { include_usage: true } });
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      object: "error",
      message: {
        detail: [{ type: "extra_forbidden", loc: ["body", "stream_options", "include_usage"], msg: "Extra inputs are not permitted", input: true }],
      },
      type: "invalid_request_error",
      param: null,
      code: null,
    });
    expect((mock.requests[0]!.body as Record<string, unknown>).stream_options).toEqual({ include_usage: true });
  });

  it("mistral: 422 for unknown top-level and message fields", async () => {
    mock = await startMockProvider({ profile: "mistral" });
    const res = await chat(mock, {
      model: "mistral-small-latest",
      seed: 3,
      messages: [
        { role: "assistant", content: "x", reasoning_content: "hidden" },
        { role: "user", content: "y" },
      ],
    });
    const body = (await res.json()) as { message: { detail: Array<{ loc: unknown[] }> } };
    expect(res.status).toBe(422);
    expect(body.message.detail.map((d) => d.loc)).toEqual([
      ["body", "seed"],
      ["body", "messages", 0, "assistant", "reasoning_content"],
    ]);
  });

  it("mistral: 400 code 3280 for a tool-call id that is not 9 alphanumerics", async () => {
    mock = await startMockProvider({ profile: "mistral" });
    const messages = [
      { role: "user", content: "call tool" },
      { role: "assistant", content: "", tool_calls: [{ id: "call_0fypS1hVX", type: "function", function: { name: "a", arguments: "{}" } }] },
      { role: "tool", tool_call_id: "call_0fypS1hVX", content: "42" },
    ];
    const res = await chat(mock, { model: "mistral-small-latest", messages });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      message: "Tool call id was call_0fypS1hVX but must be a-z, A-Z, 0-9, with a length of 9.",
      type: "invalid_function_call",
      code: "3280",
    });
    messages[1]!.tool_calls![0]!.id = "abcDEF123";
    messages[2]!.tool_call_id = "abcDEF123";
    const ok = await chat(mock, { model: "mistral-small-latest", messages });
    expect(ok.status).toBe(200);
  });

  it.each(["logprobs", "top_logprobs", "logit_bias"])("groq: 400 on %s", async (param) => {
    mock = await startMockProvider({ profile: "groq" });
    const value = param === "logit_bias" ? { "50256": -100 } : param === "top_logprobs" ? 2 : true;
    const res = await chat(mock, { model: "llama-3.3-70b-versatile", [param]: value });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe(param);
  });

  it("nvidia: single-tool-call models refuse parallel tool calls unless disabled", async () => {
    mock = await startMockProvider({ profile: "nvidia" });
    const model = "deepseek-ai/deepseek-v4-flash";
    const refused = await chat(mock, { model, tools: twoTools });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ detail: "This model only supports single tool-calls at once!" });
    expect((await chat(mock, { model, tools: twoTools, parallel_tool_calls: false })).status).toBe(200);
    expect((await chat(mock, { model: "meta/llama-3.3-70b-instruct", tools: twoTools })).status).toBe(200);
  });

  it("kilo: any response_format is a 400 'Provider returned error'", async () => {
    mock = await startMockProvider({ profile: "kilo" });
    const res = await chat(mock, { model: "minimax/minimax-m2.5:free", response_format: { type: "json_object" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe("Provider returned error");
  });

  it("openai: stream_options without stream is a 400 on param stream_options", async () => {
    mock = await startMockProvider({ profile: "openai" });
    const res = await chat(mock, { model: "gpt-4o-mini", stream_options: { include_usage: true } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { param: string } }).error.param).toBe("stream_options");
  });

  it("malformed JSON is a 400 in the provider's envelope", async () => {
    mock = await startMockProvider({ profile: "groq" });
    const res = await fetch(`${mock.url}/chat/completions`, { method: "POST", headers: { authorization: "Bearer gsk_test" }, body: "{nope" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe("invalid_request_error");
  });
});
