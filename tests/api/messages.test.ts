import Anthropic from "@anthropic-ai/sdk";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock } from "@/tests/support/gateway-fixtures";

/** The official Anthropic client against the running app: x-api-key by default, Bearer with `authToken`. */
function anthropic(key: string, auth: "apiKey" | "authToken" = "apiKey") {
  const credentials = auth === "apiKey" ? { apiKey: key } : { apiKey: null, authToken: key };
  return new Anthropic({ baseURL: inject("appUrl"), maxRetries: 0, ...credentials });
}

const chatCalls = async (provider: Parameters<typeof mock.requests>[0]) => (await mock.requests(provider)).filter((r) => r.path.endsWith("/chat/completions"));
const lastChatBody = async (provider: Parameters<typeof mock.requests>[0]) => (await chatCalls(provider)).at(-1)?.body as Record<string, any>;

const weatherTool = {
  name: "get_weather",
  description: "Current weather for a city",
  input_schema: { type: "object" as const, properties: { city: { type: "string" } }, required: ["city"] },
};
const timeTool = { name: "get_time", description: "Local time in a city", input_schema: { type: "object" as const, properties: { city: { type: "string" } } } };
const newsTool = { name: "get_news", description: "Headlines", input_schema: { type: "object" as const, properties: { topic: { type: "string" } } } };

describe("POST /v1/messages with @anthropic-ai/sdk", () => {
  beforeEach(() => mock.reset("groq", "gemini", "mistral", "cerebras"));

  it("answers messages.create with a Message, usage and request-id (x-api-key)", async () => {
    const { plaintext, user } = await createGatewayUser(["groq"]);
    const { data, response } = await anthropic(plaintext)
      .messages.create({ model: "auto", max_tokens: 200, messages: [{ role: "user", content: "hello there" }] })
      .withResponse();
    expect(data.id).toMatch(/^msg_/);
    expect(data.type).toBe("message");
    expect(data.role).toBe("assistant");
    // The mock's model reasons, but thinking was not asked for: only the text block.
    expect(data.content).toHaveLength(1);
    expect(data.content[0]).toMatchObject({ type: "text" });
    expect((data.content[0] as Anthropic.TextBlock).text).toContain("[groq:");
    expect((data.content[0] as Anthropic.TextBlock).text).toContain("echo: hello there");
    expect(data.stop_reason).toBe("end_turn");
    expect(data.stop_sequence).toBeNull();
    expect(data.model).not.toBe("");
    expect(data.usage.input_tokens).toBeGreaterThan(0);
    expect(data.usage.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get("request-id")).toMatch(/^req_/);
    expect(response.headers.get("request-id")).toBe(response.headers.get("x-request-id"));
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    const sent = await lastChatBody("groq");
    expect(sent.max_completion_tokens ?? sent.max_tokens).toBe(200);
    const logs = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(logs[0]).toMatchObject({ protocol: "messages", status: 200, providerId: "groq" });
  });

  it("accepts Authorization: Bearer and the ?beta=true path Claude Code calls", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const client = anthropic(plaintext, "authToken");
    const message = await client.beta.messages.create(
      { model: "auto", max_tokens: 100, messages: [{ role: "user", content: "bearer please" }] },
      { headers: { "anthropic-beta": "claude-code-20250219,interleaved-thinking-2025-05-14" } },
    );
    expect(message.content[0]).toMatchObject({ type: "text" });
    expect(JSON.stringify(message.content)).toContain("echo: bearer please");
  });

  it("streams Anthropic's event sequence; messages.stream accumulates it into finalMessage", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const stream = anthropic(plaintext).messages.stream({ model: "auto", max_tokens: 300, messages: [{ role: "user", content: "stream please" }] });
    const events: string[] = [];
    let text = "";
    stream.on("streamEvent", (event) => events.push(event.type));
    stream.on("text", (delta) => (text += delta));
    const final = await stream.finalMessage();
    expect(events[0]).toBe("message_start");
    expect(events.at(-1)).toBe("message_stop");
    expect(events.at(-2)).toBe("message_delta");
    expect(events).toContain("content_block_start");
    expect(events).toContain("content_block_delta");
    expect(text).toContain("echo: stream please");
    expect(final.content).toEqual([{ type: "text", text }]);
    expect(final.stop_reason).toBe("end_turn");
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    expect(final.usage.input_tokens).toBeGreaterThan(0);
    // The gateway asked the upstream for usage, which Anthropic's message_delta carries.
    expect((await lastChatBody("groq")).stream_options).toEqual({ include_usage: true });
  });

  it("counts tokens with a local estimate that grows with the input", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const client = anthropic(plaintext);
    const short = await client.messages.countTokens({ model: "auto", messages: [{ role: "user", content: "hi" }] });
    const long = await client.messages.countTokens({
      model: "auto",
      system: "You are terse.",
      tools: [weatherTool],
      messages: [{ role: "user", content: "hi ".repeat(400) }],
    });
    expect(short.input_tokens).toBeGreaterThan(0);
    expect(long.input_tokens).toBeGreaterThan(short.input_tokens + 250);
    // Counting calls no provider.
    expect(await chatCalls("groq")).toHaveLength(0);
  });

  it("runs a tool use round trip: tool_use with parsed input, then tool_result", async () => {
    const { plaintext } = await createGatewayUser(["mistral"]);
    const client = anthropic(plaintext);
    const question: Anthropic.MessageParam = { role: "user", content: "call tool for Paris" };
    const first = await client.messages.create({ model: "auto", max_tokens: 200, tools: [weatherTool], messages: [question] });
    expect(first.stop_reason).toBe("tool_use");
    const call = first.content.find((block): block is Anthropic.ToolUseBlock => block.type === "tool_use")!;
    expect(call).toMatchObject({ name: "get_weather" });
    expect(call.input).toHaveProperty("city");
    expect(typeof call.id).toBe("string");

    const second = await client.messages.create({
      model: "auto",
      max_tokens: 200,
      tools: [weatherTool],
      messages: [
        question,
        { role: "assistant", content: first.content },
        { role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "sunny, 21C" }] },
      ],
    });
    expect(second.stop_reason).toBe("end_turn");
    expect(JSON.stringify(second.content)).toContain("tool result: sunny, 21C");
    // Upstream, the history is OpenAI's: the assistant's tool call, then a tool message with the same id.
    const sent = (await lastChatBody("mistral")).messages as Array<Record<string, any>>;
    const assistant = sent.find((m) => m.role === "assistant")!;
    const tool = sent.find((m) => m.role === "tool")!;
    expect(assistant.tool_calls[0].function).toMatchObject({ name: "get_weather" });
    expect(tool.tool_call_id).toBe(assistant.tool_calls[0].id);
  });

  it("streams several tool calls in one turn from Gemini (index-less deltas) as separate tool_use blocks", async () => {
    const { plaintext } = await createGatewayUser(["gemini"]);
    const stream = anthropic(plaintext).messages.stream({
      model: "auto",
      max_tokens: 4000,
      tools: [weatherTool, timeTool, newsTool],
      messages: [{ role: "user", content: "call all tools for Paris" }],
    });
    const final = await stream.finalMessage();
    const calls = final.content.filter((block): block is Anthropic.ToolUseBlock => block.type === "tool_use");
    expect(calls.map((c) => c.name)).toEqual(["get_weather", "get_time", "get_news"]);
    for (const c of calls) expect(typeof c.input).toBe("object");
    expect(calls[0].input).toHaveProperty("city");
    expect(new Set(calls.map((c) => c.id)).size).toBe(3);
    expect(final.stop_reason).toBe("tool_use");
    expect(await chatCalls("gemini")).not.toHaveLength(0);
  });

  it("folds system blocks and a role:system message into one system prompt", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    // role "system" inside messages is what Claude Code sends; top_k is what older clients send (this SDK no longer types it).
    const params: Anthropic.MessageCreateParamsNonStreaming & { top_k: number } = {
      model: "auto",
      max_tokens: 100,
      system: [
        { type: "text", text: "You are a gateway test." },
        { type: "text", text: "Answer briefly.", cache_control: { type: "ephemeral" } },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "hi", cache_control: { type: "ephemeral" } }] },
        { role: "system", content: [{ type: "text", text: "Today is Tuesday." }] },
      ],
      metadata: { user_id: "someone" },
      top_k: 3,
    };
    await anthropic(plaintext).messages.create(params);
    const body = await lastChatBody("groq");
    expect(body.messages).toEqual([
      { role: "system", content: "You are a gateway test.\n\nAnswer briefly.\n\nToday is Tuesday." },
      { role: "user", content: "hi" },
    ]);
    expect(body).not.toHaveProperty("top_k");
    expect(body).not.toHaveProperty("metadata");
    expect(body).not.toHaveProperty("user");
  });

  it("shows the upstream's reasoning as thinking blocks when thinking is on, and sends reasoning_effort", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const client = anthropic(plaintext);
    const thinking = { type: "enabled" as const, budget_tokens: 2048 };
    const json = await client.messages.create({ model: "auto", max_tokens: 3000, thinking, messages: [{ role: "user", content: "think first" }] });
    expect(json.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect((json.content[0] as Anthropic.ThinkingBlock).thinking).toContain("Thinking about: think first");
    expect((await lastChatBody("groq")).reasoning_effort).toBe("low");

    const stream = client.messages.stream({
      model: "auto",
      max_tokens: 3000,
      thinking,
      output_config: { effort: "high" },
      messages: [{ role: "user", content: "think again" }],
    });
    let thought = "";
    stream.on("thinking", (delta) => (thought += delta));
    const final = await stream.finalMessage();
    expect(thought).toContain("Thinking about: think again");
    expect(final.content.map((block) => block.type)).toEqual(["thinking", "text"]);
    expect((await lastChatBody("groq")).reasoning_effort).toBe("high");

    // Claude Code's adaptive thinking with display "omitted": no thinking blocks.
    const omitted = await client.messages.create({
      model: "auto",
      max_tokens: 3000,
      thinking: { type: "adaptive", display: "omitted" },
      messages: [{ role: "user", content: "quiet" }],
    });
    expect(omitted.content.map((block) => block.type)).toEqual(["text"]);
  });

  it("cuts at a stop sequence the upstream ignored and reports stop_sequence", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const client = anthropic(plaintext);
    const request = { model: "auto", max_tokens: 200, stop_sequences: ["echo"], messages: [{ role: "user" as const, content: "stop here" }] };
    const json = await client.messages.create(request);
    expect(json.stop_reason).toBe("stop_sequence");
    expect(json.stop_sequence).toBe("echo");
    const text = (json.content[0] as Anthropic.TextBlock).text;
    expect(text).toContain("[groq:");
    expect(text).not.toContain("echo");
    expect((await lastChatBody("groq")).stop).toEqual(["echo"]);

    const final = await client.messages.stream(request).finalMessage();
    expect(final).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "echo" });
    expect((final.content[0] as Anthropic.TextBlock).text).toBe(text);
  });

  it("sends base64 images upstream as data URLs", async () => {
    const { plaintext } = await createGatewayUser([{ provider: "gemini", pinnedModel: "gemini-2.5-flash" }]);
    const pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    await anthropic(plaintext).messages.create({
      model: "auto",
      max_tokens: 500,
      messages: [
        {
          role: "user",
          content: [
            { type: "image", source: { type: "base64", media_type: "image/png", data: pixel } },
            { type: "text", text: "what is this?" },
          ],
        },
      ],
    });
    const user = ((await lastChatBody("gemini")).messages as Array<Record<string, any>>).find((m) => m.role === "user")!;
    expect(user.content[0]).toEqual({ type: "image_url", image_url: { url: `data:image/png;base64,${pixel}` } });
  });

  it("fails over before the first byte, invisibly", async () => {
    const { plaintext } = await createGatewayUser(["groq", "mistral"]);
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 30 });
    const { data, response } = await anthropic(plaintext)
      .messages.create({ model: "auto", max_tokens: 100, messages: [{ role: "user", content: "x" }] })
      .withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("mistral");
    expect(JSON.stringify(data.content)).toContain("[mistral:");

    const streamed = await anthropic(plaintext)
      .messages.stream({ model: "auto", max_tokens: 100, messages: [{ role: "user", content: "y" }] })
      .finalMessage();
    expect(JSON.stringify(streamed.content)).toContain("[mistral:");
  });

  it("raises in the SDK when the stream breaks after output began (an error event, no message_stop)", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    await mock.faults("groq", [{ kind: "stream-cut", afterChunks: 3 }]);
    const stream = anthropic(plaintext).messages.stream({
      model: "auto",
      max_tokens: 300,
      messages: [{ role: "user", content: "a long enough answer to cut in the middle" }],
    });
    const events: string[] = [];
    stream.on("streamEvent", (event) => events.push(event.type));
    const error = await stream.finalMessage().catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(String(error.message)).toMatch(/Upstream stream failed/);
    expect(events[0]).toBe("message_start");
    expect(events).not.toContain("message_stop");
  });
});

describe("errors in Anthropic's envelope", () => {
  beforeEach(() => mock.reset("groq", "cerebras"));

  it("401 authentication_error for a bad key, with request-id", async () => {
    const error = await anthropic("freellmapi-0123456789abcdefghijABCDEFGHIJ01")
      .messages.create({ model: "auto", max_tokens: 10, messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.AuthenticationError);
    expect(error.type).toBe("authentication_error");
    expect(error.requestID).toMatch(/^req_/);
    expect(error.error).toMatchObject({ type: "error", error: { type: "authentication_error" }, request_id: error.requestID });
  });

  it("404 not_found_error for a model no provider serves (Claude's own names, until aliased)", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const error = await anthropic(plaintext)
      .messages.create({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect(error.type).toBe("not_found_error");
    expect(error.error.error.code).toBe("model_not_found");
  });

  it("429 rate_limit_error with retry-after when every provider is limited", async () => {
    const { plaintext } = await createGatewayUser(["groq", "cerebras"]);
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 20 });
    await mock.faults("cerebras", [], { kind: "rate-limit", retryAfterSeconds: 40 });
    const error = await anthropic(plaintext)
      .messages.create({ model: "auto", max_tokens: 10, messages: [{ role: "user", content: "x" }] })
      .catch((e) => e);
    expect(error).toBeInstanceOf(Anthropic.RateLimitError);
    expect(error.type).toBe("rate_limit_error");
    const retryAfter = Number(error.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(40);
  });

  it("400 invalid_request_error naming the field; unknown /v1/messages paths and wrong methods stay in the envelope", async () => {
    const { plaintext } = await createGatewayUser(["groq"]);
    const base = inject("appUrl");
    const headers = { "x-api-key": plaintext, "content-type": "application/json", "anthropic-version": "2023-06-01" };
    const invalid = await fetch(`${base}/v1/messages`, { method: "POST", headers, body: JSON.stringify({ model: "auto", max_tokens: 10 }) });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get("request-id")).toMatch(/^req_/);
    expect(await invalid.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error", message: expect.stringContaining("messages") } });

    const pdf = await fetch(`${base}/v1/messages`, {
      method: "POST",
      headers,
      body: JSON.stringify({
        model: "auto",
        max_tokens: 10,
        messages: [{ role: "user", content: [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBERi0=" } }] }],
      }),
    });
    expect(pdf.status).toBe(400);
    expect(((await pdf.json()) as any).error.message).toMatch(/plain-text documents/);

    const unknown = await fetch(`${base}/v1/messages/batches`, { method: "POST", headers, body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
    const wrongMethod = await fetch(`${base}/v1/messages`, { headers });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toMatchObject({ type: "error", error: { type: "invalid_request_error" } });
  });
});
