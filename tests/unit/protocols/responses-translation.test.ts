import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { translateStream } from "@/lib/protocols/chat-stream-events";
import { fromChatCompletion } from "@/lib/protocols/responses/from-chat-completion";
import { responsesRequestSchema } from "@/lib/protocols/responses/schemas";
import { responseStreamFrames } from "@/lib/protocols/responses/stream-events";
import { toChatRequest } from "@/lib/protocols/responses/to-chat-request";
import { parseOrThrow } from "@/lib/router";

const parse = (body: unknown) => parseOrThrow(responsesRequestSchema, body);
const translate = (body: unknown) => toChatRequest(parse(body));
const refusal = (body: unknown) => {
  try {
    translate(body);
  } catch (error) {
    return error as AppError;
  }
  throw new Error("expected a refusal");
};

describe("Responses request → chat request", () => {
  it("takes a Codex-shaped request: developer messages, namespaces flattened, hosted tools dropped, unknown fields ignored", () => {
    const fn = (name: string) => ({ type: "function", name, description: `${name} tool`, strict: false, parameters: { type: "object", properties: {} } });
    const { chat, tools, namespaces } = translate({
      model: "auto",
      stream: true,
      instructions: "be brief",
      input: [
        {
          type: "message",
          id: "msg_1",
          role: "developer",
          content: [
            { type: "input_text", text: "rule one" },
            { type: "input_text", text: "rule two" },
          ],
        },
        { type: "message", role: "user", content: [{ type: "input_text", text: "say hi" }] },
      ],
      tools: [
        fn("exec_command"),
        { type: "namespace", name: "multi_agent_v1", description: "agents", tools: [fn("spawn_agent"), { type: "custom", name: "x" }] },
        { type: "web_search", external_web_access: false },
        { type: "local_shell" },
      ],
      tool_choice: "auto",
      parallel_tool_calls: true,
      reasoning: { summary: "auto", effort: "xhigh" },
      store: false,
      include: ["reasoning.encrypted_content"],
      prompt_cache_key: "k",
      client_metadata: { a: "b" },
    });
    expect(chat.messages).toEqual([
      { role: "system", content: "be brief" },
      { role: "system", content: "rule one\n\nrule two" },
      { role: "user", content: "say hi" },
    ]);
    expect(chat.tools?.map((tool) => tool.function.name)).toEqual(["exec_command", "spawn_agent"]);
    expect(chat.tools?.[0]).toEqual({
      type: "function",
      function: { name: "exec_command", description: "exec_command tool", parameters: { type: "object", properties: {} }, strict: false },
    });
    expect(namespaces.get("spawn_agent")).toBe("multi_agent_v1");
    expect(tools.map((tool) => tool.name)).toEqual(["exec_command", "spawn_agent"]);
    expect(chat).toMatchObject({
      model: "auto",
      stream: true,
      stream_options: { include_usage: true },
      tool_choice: "auto",
      parallel_tool_calls: true,
      reasoning_effort: "high",
    });
    expect(chat).not.toHaveProperty("include");
    expect(chat).not.toHaveProperty("prompt_cache_key");
  });

  it("replays stateless multi-turn: function calls join the assistant turn, outputs become tool messages, reasoning and references are dropped", () => {
    const { chat } = translate({
      model: "auto",
      input: [
        { role: "user", content: "weather?" },
        { type: "reasoning", id: "rs_1", summary: [{ type: "summary_text", text: "thinking" }], encrypted_content: "x" },
        { type: "message", role: "assistant", id: "msg_2", status: "completed", content: [{ type: "output_text", text: "Checking.", annotations: [] }] },
        { type: "function_call", id: "fc_1", call_id: "call_a", name: "weather", arguments: '{"city":"Paris"}' },
        { type: "function_call", id: "fc_2", call_id: "call_b", name: "weather", arguments: '{"city":"Rome"}' },
        { type: "function_call_output", call_id: "call_a", output: "sunny" },
        {
          type: "function_call_output",
          call_id: "call_b",
          output: [
            { type: "input_text", text: "rain" },
            { type: "input_image", image_url: "data:image/png;base64,AAAA" },
          ],
        },
        { type: "item_reference", id: "msg_0" },
        {
          role: "user",
          content: [
            { type: "input_text", text: "and now?" },
            { type: "input_image", image_url: "https://example.test/a.png", detail: "low" },
          ],
        },
      ],
    });
    expect(chat.messages).toEqual([
      { role: "user", content: "weather?" },
      {
        role: "assistant",
        content: "Checking.",
        tool_calls: [
          { id: "call_a", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
          { id: "call_b", type: "function", function: { name: "weather", arguments: '{"city":"Rome"}' } },
        ],
      },
      { role: "tool", tool_call_id: "call_a", content: "sunny" },
      { role: "tool", tool_call_id: "call_b", content: "rain" },
      { role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] },
      {
        role: "user",
        content: [
          { type: "text", text: "and now?" },
          { type: "image_url", image_url: { url: "https://example.test/a.png", detail: "low" } },
        ],
      },
    ]);
  });

  it("maps the sampling, length, format and tool-choice fields", () => {
    const { chat } = translate({
      model: "m",
      input: "hi",
      max_output_tokens: 64,
      temperature: 0.2,
      top_p: 0.9,
      text: { format: { type: "json_schema", name: "city", schema: { type: "object", properties: { name: { type: "string" } } }, strict: true } },
      tools: [
        { type: "function", name: "a", parameters: null },
        { type: "function", name: "b" },
      ],
      tool_choice: { type: "allowed_tools", mode: "required", tools: [{ type: "function", name: "b" }] },
    });
    expect(chat).toMatchObject({ max_completion_tokens: 64, temperature: 0.2, top_p: 0.9, tool_choice: "required" });
    expect(chat.response_format).toEqual({
      type: "json_schema",
      json_schema: { name: "city", schema: { type: "object", properties: { name: { type: "string" } } }, strict: true },
    });
    expect(chat.tools).toEqual([{ type: "function", function: { name: "b", parameters: { type: "object", properties: {} } } }]);
    expect(translate({ model: "m", input: "x", text: { format: { type: "json_object" } } }).chat.response_format).toEqual({ type: "json_object" });
    expect(
      translate({ model: "m", input: "x", tools: [{ type: "function", name: "a" }], tool_choice: { type: "function", name: "a" } }).chat.tool_choice,
    ).toEqual({ type: "function", function: { name: "a" } });
    // Every tool dropped: no tools, no tool_choice sent upstream.
    const hostedOnly = translate({ model: "m", input: "x", tools: [{ type: "web_search" }], tool_choice: "auto", parallel_tool_calls: false }).chat;
    expect(hostedOnly).not.toHaveProperty("tools");
    expect(hostedOnly).not.toHaveProperty("tool_choice");
    expect(hostedOnly).not.toHaveProperty("parallel_tool_calls");
  });

  it("refuses what needs stored state or a file store, naming the field", () => {
    const stored = refusal({ model: "m", input: "x", previous_response_id: "resp_1" });
    expect(stored.code).toBe("invalid_request");
    expect(stored.param).toBe("previous_response_id");
    expect(stored.message).toMatch(/does not store responses/);
    expect(refusal({ model: "m", input: "x", conversation: "conv_1" }).param).toBe("conversation");
    expect(refusal({ model: "m", input: "x", background: true }).param).toBe("background");
    expect(refusal({ model: "m", input: [{ role: "user", content: [{ type: "input_file", file_id: "f" }] }] }).param).toBe("input.0.content.0");
    expect(refusal({ model: "m", input: [{ role: "user", content: [{ type: "input_image", file_id: "f" }] }] }).message).toMatch(/image_url/);
    expect(refusal({ model: "m", input: "x", tools: [{ type: "web_search" }], tool_choice: { type: "web_search" } }).param).toBe("tool_choice");
    expect(refusal({ model: "m", input: "x", tool_choice: { type: "function", name: "nope" } }).param).toBe("tool_choice");
    expect(refusal({ model: "m", input: "x", tool_choice: { type: "function" } }).param).toBe("tool_choice.name");
    expect(refusal({ model: "m", input: [] }).param).toBe("input");
    // store: true is accepted (answered as not stored).
    expect(translate({ model: "m", input: "x", store: true }).chat.messages).toHaveLength(1);
  });

  it("names the bad field of a malformed item", () => {
    expect(() => parse({ model: "m", input: [{ type: "function_call", name: "f", arguments: "{}" }] })).toThrow(/input\.0\.call_id/);
    expect(() => parse({ model: "m", input: [{ role: "wizard", content: "x" }] })).toThrow(/input\.0\.role/);
    expect(() => parse({ model: "m", input: "x", temperature: 3 })).toThrow(/temperature/);
  });
});

describe("chat answer → Response object", () => {
  it("builds reasoning, message and function_call items, usage with details, and incomplete on length", () => {
    const translated = translate({ model: "auto", input: "x", tools: [{ type: "namespace", name: "ns", tools: [{ type: "function", name: "f" }] }] });
    const answer = fromChatCompletion(
      {
        model: "groq/llama",
        created: 123,
        choices: [
          {
            finish_reason: "length",
            message: { content: "partial", reasoning_content: "hmm", tool_calls: [{ id: "call_1", function: { name: "f", arguments: "{}" } }] },
          },
        ],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 5,
          total_tokens: 15,
          prompt_tokens_details: { cached_tokens: 4 },
          completion_tokens_details: { reasoning_tokens: 2 },
        },
      },
      parse({ model: "auto", input: "x" }),
      translated,
      { id: "resp_abc" },
    );
    expect(answer).toMatchObject({
      id: "resp_abc",
      object: "response",
      created_at: 123,
      model: "groq/llama",
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
      store: false,
    });
    expect(answer.output.map((item) => item.type)).toEqual(["reasoning", "message", "function_call"]);
    expect(answer.output[2]).toMatchObject({ call_id: "call_1", name: "f", arguments: "{}", namespace: "ns" });
    expect(answer.usage).toEqual({
      input_tokens: 10,
      input_tokens_details: { cached_tokens: 4 },
      output_tokens: 5,
      output_tokens_details: { reasoning_tokens: 2 },
      total_tokens: 15,
    });
  });
});

async function streamOf(chunks: unknown[], options: { end?: "done" | "error" | "eof" } = {}) {
  const sse = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
  if (options.end === "error") sse.push(`data: ${JSON.stringify({ error: { message: "upstream broke", code: "upstream_stream_error" } })}\n\n`);
  if ((options.end ?? "done") === "done") sse.push("data: [DONE]\n\n");
  const body = new Response(sse.join("")).body!;
  const request = parse({ model: "auto", input: "x", stream: true, tools: [{ type: "function", name: "f" }] });
  const out = translateStream(body, (events) => responseStreamFrames(events, request, toChatRequest(request), "resp_1"));
  const text = await new Response(out).text();
  return text
    .trim()
    .split("\n\n")
    .map((frame) => {
      const [event, data] = frame.split("\n");
      const json = JSON.parse(data.slice("data: ".length));
      expect(event).toBe(`event: ${json.type}`);
      return json;
    });
}

const chunk = (delta: Record<string, unknown>, finish: string | null = null) => ({
  id: "c1",
  model: "served-model",
  created: 99,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
const usageChunk = {
  id: "c1",
  model: "served-model",
  created: 99,
  choices: [],
  usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10, completion_tokens_details: { reasoning_tokens: 1 } },
};

describe("chat stream → Responses events", () => {
  it("emits the documented sequence for reasoning then text, numbered from 0", async () => {
    const events = await streamOf([
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning_content: "think" }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }),
      chunk({}, "stop"),
      usageChunk,
    ]);
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.reasoning_summary_part.added",
      "response.reasoning_summary_text.delta",
      "response.reasoning_summary_text.done",
      "response.reasoning_summary_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    expect(events[0].response).toMatchObject({ id: "resp_1", status: "in_progress", model: "served-model", created_at: 99, output: [] });
    expect(events[12]).toMatchObject({ output_index: 1, content_index: 0, text: "Hello" });
    const done = events.at(-1).response;
    expect(done.status).toBe("completed");
    expect(done.output).toMatchObject([
      { type: "reasoning", summary: [{ text: "think" }] },
      { type: "message", status: "completed", content: [{ type: "output_text", text: "Hello" }] },
    ]);
    expect(done.usage).toEqual({
      input_tokens: 7,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 1 },
      total_tokens: 10,
    });
  });

  it("streams function calls with argument deltas, each closed before the end", async () => {
    const events = await streamOf([
      chunk({ role: "assistant", content: null }),
      chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "f", arguments: "" } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: "1}" } }] }),
      chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "f", arguments: "{}" } }] }),
      chunk({}, "tool_calls"),
      usageChunk,
    ]);
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === "response.function_call_arguments.delta")).toHaveLength(3);
    const done = events.filter((e) => e.type === "response.function_call_arguments.done");
    expect(done.map((e) => [e.output_index, e.arguments, e.name])).toEqual([
      [0, '{"a":1}', "f"],
      [1, "{}", "f"],
    ]);
    expect(events.at(-1).response.output).toMatchObject([
      { type: "function_call", call_id: "call_a", arguments: '{"a":1}', status: "completed" },
      { type: "function_call", call_id: "call_b", arguments: "{}", status: "completed" },
    ]);
  });

  it("ends with response.incomplete on finish length, and response.failed when the upstream breaks mid-answer", async () => {
    const cut = await streamOf([chunk({ content: "Hel" }), chunk({}, "length"), usageChunk]);
    expect(cut.at(-1)).toMatchObject({ type: "response.incomplete", response: { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } } });
    expect(cut.at(-1).response.output[0]).toMatchObject({ status: "incomplete" });

    for (const end of ["error", "eof"] as const) {
      const broken = await streamOf([chunk({ content: "Hel" })], { end });
      const last = broken.at(-1);
      expect(last.type).toBe("response.failed");
      expect(last.response).toMatchObject({
        status: "failed",
        error: { code: "server_error" },
        output: [{ type: "message", status: "incomplete", content: [{ text: "Hel" }] }],
      });
      expect(broken.some((e) => e.type === "response.completed")).toBe(false);
    }
  });
});
