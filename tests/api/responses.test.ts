import OpenAI from "openai";
import type { ResponseInputItem, ResponseStreamEvent } from "openai/resources/responses/responses";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { prisma } from "@/lib/db";
import { createGatewayUser, eventually, mock, openAiClient } from "@/tests/support/gateway-fixtures";

const weatherTool = {
  type: "function" as const,
  name: "get_weather",
  description: "Weather for a city",
  strict: true,
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"], additionalProperties: false },
};

// Groq's default pick is a reasoning model; tests about the message item's shape pin a plain one.
const GROQ_PLAIN = { provider: "groq" as const, pinnedModel: "llama-3.3-70b-versatile" };

const chatCalls = async (provider: "groq" | "gemini" | "mistral") => (await mock.requests(provider)).filter((r) => r.path.endsWith("/chat/completions"));

describe("POST /v1/responses with the openai SDK", () => {
  beforeEach(() => mock.reset("groq", "gemini", "mistral"));

  it("answers text as a Response object, with usage, the gateway's headers and the request in the log", async () => {
    const { client, user } = await createGatewayUser([GROQ_PLAIN, "gemini"]);
    const { data, response } = await client.responses.create({ model: "auto", instructions: "be brief", input: "hello there" }).withResponse();
    expect(data.object).toBe("response");
    expect(data.status).toBe("completed");
    expect(data.output_text).toContain("echo: hello there");
    expect(data.output_text).toContain("[groq:");
    expect(data.output).toHaveLength(1);
    expect(data.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed" });
    expect(response.headers.get("x-freellmapi-provider")).toBe("groq");
    expect(response.headers.get("x-freellmapi-requested-model")).toBe("auto");
    // The response id names the request id, so an answer can be found in the request log.
    expect(data.id).toBe(`resp_${response.headers.get("x-request-id")!.replace(/^req_/, "")}`);

    const usage = data.usage!;
    expect(usage.input_tokens).toBeGreaterThan(0);
    expect(usage.output_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.input_tokens + usage.output_tokens);
    const [log] = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(log).toMatchObject({ protocol: "responses", providerId: "groq", status: 200, requestedModel: "auto", stream: false });
    // The numbers the client sees are the provider's, the same the usage log counts.
    expect([log.promptTokens, log.completionTokens]).toEqual([usage.input_tokens, usage.output_tokens]);

    const [sent] = await chatCalls("groq");
    expect((sent.body.messages as unknown[])[0]).toEqual({ role: "system", content: "be brief" });
  });

  it("streams the documented event sequence; responses.stream assembles the final Response", async () => {
    const { client, user } = await createGatewayUser(["gemini"]);
    const stream = client.responses.stream({ model: "auto", input: [{ role: "user", content: [{ type: "input_text", text: "stream please" }] }] });
    const events: ResponseStreamEvent[] = [];
    let deltas = "";
    stream.on("event", (event) => events.push(event));
    stream.on("response.output_text.delta", (event) => (deltas += event.delta));
    const final = await stream.finalResponse();

    const types = events.map((event) => event.type);
    expect(types.slice(0, 4)).toEqual(["response.created", "response.in_progress", "response.output_item.added", "response.content_part.added"]);
    expect(types.filter((type) => type === "response.output_text.delta").length).toBeGreaterThan(1);
    expect(types.slice(-4)).toEqual(["response.output_text.done", "response.content_part.done", "response.output_item.done", "response.completed"]);
    expect(events.map((event) => event.sequence_number)).toEqual(events.map((_, i) => i));
    expect(final.status).toBe("completed");
    expect(final.output_text).toBe(deltas);
    expect(final.output_text).toContain("echo: stream please");
    expect(final.usage!.input_tokens).toBeGreaterThan(0);
    expect(final.usage!.output_tokens).toBeGreaterThan(0);
    const [log] = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(log).toMatchObject({ protocol: "responses", stream: true, status: 200 });
    expect([log.promptTokens, log.completionTokens]).toEqual([final.usage!.input_tokens, final.usage!.output_tokens]);
  });

  it("carries reasoning as a summary item and the provider's reasoning-token count", async () => {
    const { client } = await createGatewayUser([{ provider: "groq", pinnedModel: "openai/gpt-oss-120b" }]);
    const answer = await client.responses.create({ model: "auto", input: "think first", reasoning: { effort: "low" } });
    expect(answer.output.map((item) => item.type)).toEqual(["reasoning", "message"]);
    expect(answer.output[0]).toMatchObject({ type: "reasoning", summary: [{ type: "summary_text", text: "Thinking about: think first" }] });
    expect(answer.usage!.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    expect((await chatCalls("groq")).at(-1)!.body.reasoning_effort).toBe("low");

    const events: string[] = [];
    const stream = client.responses.stream({ model: "auto", input: "think first" });
    stream.on("event", (event) => events.push(event.type));
    const final = await stream.finalResponse();
    expect(events).toContain("response.reasoning_summary_text.delta");
    expect(events).toContain("response.reasoning_summary_part.done");
    expect(final.output[0]).toMatchObject({ type: "reasoning", summary: [{ text: "Thinking about: think first" }] });
    // Streamed usage keeps the provider's breakdown too.
    expect(final.usage!.output_tokens_details.reasoning_tokens).toBe(answer.usage!.output_tokens_details.reasoning_tokens);
  });

  it("runs a tool call round trip statelessly: function_call out, function_call_output back in", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const input: ResponseInputItem[] = [{ role: "user", content: "call tool get_weather for Paris" }];
    const first = await client.responses.create({ model: "auto", input, tools: [weatherTool, { type: "web_search" }], store: false });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", status: "completed" });
    if (call?.type !== "function_call") throw new Error("no function call");
    expect(JSON.parse(call.arguments)).toHaveProperty("city");
    // Hosted tools are dropped, function tools are described back as offered.
    expect(first.tools.map((tool) => tool.type)).toEqual(["function"]);

    const second = await client.responses.create({
      model: "auto",
      input: [...input, ...(first.output as ResponseInputItem[]), { type: "function_call_output", call_id: call.call_id, output: "sunny, 21C" }],
      tools: [weatherTool],
      store: false,
    });
    expect(second.output_text).toContain("tool result: sunny, 21C");
    const sent = (await chatCalls("groq")).at(-1)!.body as { messages: Array<Record<string, unknown>>; tools: unknown[] };
    expect(sent.messages.slice(1)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: call.call_id, type: "function", function: { name: "get_weather", arguments: call.arguments } }] },
      { role: "tool", tool_call_id: call.call_id, content: "sunny, 21C" },
    ]);
    expect(sent.tools).toEqual([
      { type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: weatherTool.parameters, strict: true } },
    ]);
  });

  it("streams function calls with argument deltas (Gemini's whole, index-less tool calls too)", async () => {
    const { client } = await createGatewayUser(["gemini"]);
    const events: ResponseStreamEvent[] = [];
    const stream = client.responses.stream({ model: "auto", input: "call all tools please", tools: [weatherTool, { ...weatherTool, name: "get_time" }] });
    stream.on("event", (event) => events.push(event));
    const final = await stream.finalResponse();
    const calls = final.output.filter((item) => item.type === "function_call");
    expect(calls.map((item) => item.name)).toEqual(["get_weather", "get_time"]);
    const done = events.filter((event) => event.type === "response.function_call_arguments.done");
    expect(done.map((event) => event.name)).toEqual(["get_weather", "get_time"]);
    for (const item of calls) expect(JSON.parse(item.arguments)).toHaveProperty("city");
    expect(final.status).toBe("completed");
  });

  it("answers JSON for text.format json_schema", async () => {
    const { client } = await createGatewayUser(["mistral"]);
    const answer = await client.responses.create({
      model: "auto",
      input: "a city",
      text: {
        format: {
          type: "json_schema",
          name: "city",
          strict: true,
          schema: {
            type: "object",
            properties: { name: { type: "string" }, population: { type: "integer" } },
            required: ["name", "population"],
            additionalProperties: false,
          },
        },
      },
    });
    const parsed = JSON.parse(answer.output_text);
    expect(typeof parsed.name).toBe("string");
    expect(Number.isInteger(parsed.population)).toBe(true);
    const sent = (await chatCalls("mistral")).at(-1)!.body;
    expect(sent.response_format).toMatchObject({ type: "json_schema", json_schema: { name: "city" } });
  });

  it("says incomplete when the answer hit max_output_tokens", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const answer = await client.responses.create({ model: "auto", input: "a rather long sentence that the mock echoes back in full", max_output_tokens: 16 });
    expect(answer.status).toBe("incomplete");
    expect(answer.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect((await chatCalls("groq")).at(-1)!.body.max_completion_tokens).toBe(16);
  });

  it("fails over to the next provider, streamed or not", async () => {
    const { client } = await createGatewayUser(["groq", "mistral"]);
    await mock.faults("groq", [], { kind: "rate-limit", retryAfterSeconds: 30 });
    const { data, response } = await client.responses.create({ model: "auto", input: "x" }).withResponse();
    expect(response.headers.get("x-freellmapi-provider")).toBe("mistral");
    expect(response.headers.get("x-freellmapi-fallback-trail")).toMatch(/groq\/.*rate_limited/);
    expect(data.output_text).toContain("[mistral:");

    const other = await createGatewayUser(["groq", "gemini"]);
    await mock.faults("groq", [], { kind: "stream-cut", afterChunks: 0 });
    const final = await other.client.responses.stream({ model: "auto", input: "cut before the first delta" }).finalResponse();
    expect(final.status).toBe("completed");
    expect(final.output_text).toContain("[gemini:");
  });

  it("ends with response.failed, never response.completed, when the upstream breaks mid-answer", async () => {
    const { client, user } = await createGatewayUser([GROQ_PLAIN]);
    await mock.faults("groq", [{ kind: "stream-cut", afterChunks: 3 }]);
    const stream = await client.responses.create({ model: "auto", input: "a long enough answer to cut in the middle", stream: true });
    const types: string[] = [];
    let last: ResponseStreamEvent | undefined;
    for await (const event of stream) {
      types.push(event.type);
      last = event;
    }
    expect(types).toContain("response.output_text.delta");
    expect(types).not.toContain("response.completed");
    expect(last?.type).toBe("response.failed");
    if (last?.type !== "response.failed") throw new Error("no failure");
    expect(last.response.status).toBe("failed");
    expect(last.response.error?.code).toBe("server_error");
    const [log] = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
    );
    expect(log.status).not.toBe(200);
  });

  it("aborts the upstream call when the client goes away mid-stream", async () => {
    const { client, user } = await createGatewayUser([GROQ_PLAIN]);
    await mock.faults("groq", [{ kind: "slow", betweenChunksMs: 1_500 }]);
    const controller = new AbortController();
    const stream = await client.responses.create({ model: "auto", input: "one two three four five six", stream: true }, { signal: controller.signal });
    const startedAt = Date.now();
    const types: string[] = [];
    // The SDK ends its iteration quietly on a user abort.
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") controller.abort();
    }
    expect(types).toContain("response.output_text.delta");
    expect(types).not.toContain("response.completed");
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    // The gateway saw the cancel (status 499 in the log) rather than finishing the answer.
    const [log] = await eventually(
      () => prisma.requestLog.findMany({ where: { userId: user.id } }),
      (rows) => rows.length === 1,
      10_000,
    );
    expect(log).toMatchObject({ protocol: "responses", status: 499 });
  });

  it("refuses previous_response_id with a 400 that says responses are not stored; store: true is answered as not stored", async () => {
    const { client } = await createGatewayUser(["groq"]);
    const error = await client.responses.create({ model: "auto", input: "x", previous_response_id: "resp_123" }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error.param).toBe("previous_response_id");
    expect(error.message).toMatch(/does not store responses/);
    expect(await chatCalls("groq")).toHaveLength(0);

    const stored = await client.responses.create({ model: "auto", input: "keep me", store: true });
    expect(stored.status).toBe("completed");
    expect((stored as unknown as { store: boolean }).store).toBe(false);
  });

  it("answers errors in OpenAI's envelope: 401, 400 naming the field, 405", async () => {
    const unauthorized = await openAiClient("freellmapi-0123456789abcdefghijABCDEFGHIJ01")
      .responses.create({ model: "auto", input: "x" })
      .catch((e) => e);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(unauthorized.error.type).toBe("authentication_error");
    expect(unauthorized.error.request_id).toMatch(/^req_/);

    const { client, plaintext } = await createGatewayUser(["groq"]);
    const bad = await client.responses
      .create({ model: "auto", input: [{ role: "user", content: [{ type: "input_file", file_id: "file_1" }] }] })
      .catch((e) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect(bad.param).toBe("input.0.content.0");

    const url = `${inject("appUrl")}/v1/responses`;
    const wrongMethod = await fetch(url, { headers: { authorization: `Bearer ${plaintext}` } });
    expect(wrongMethod.status).toBe(405);
    expect(((await wrongMethod.json()) as { error: { code: string } }).error.code).toBe("method_not_allowed");
    const notJson = await fetch(url, { method: "POST", body: "{oops", headers: { authorization: `Bearer ${plaintext}`, "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });
});
