import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChatStreamEvent } from "@/lib/protocols/chat-stream-events";
import { messageStreamFrames } from "@/lib/protocols/anthropic/message-stream";
import { messagesRequestSchema } from "@/lib/protocols/anthropic/schemas";
import { cutAtStop, StopSequenceScanner } from "@/lib/protocols/anthropic/stop-sequences";
import { reasoningEffort, toChatRequest } from "@/lib/protocols/anthropic/to-chat-request";
import { toMessage } from "@/lib/protocols/anthropic/to-message";

const translate = (body: Record<string, unknown>) => toChatRequest(messagesRequestSchema.parse({ model: "auto", max_tokens: 100, ...body }));

describe("Anthropic request → chat request", () => {
  it("takes what Claude Code sends: system blocks, a system entry in messages, cache_control, custom tools, thinking", () => {
    const { chat, showThinking } = translate({
      system: [
        { type: "text", text: "You are Claude Code." },
        { type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } },
      ],
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "<reminder>" },
            { type: "text", text: "say hi", cache_control: { type: "ephemeral" } },
          ],
        },
        { role: "system", content: [{ type: "text", text: "Environment: linux", cache_control: { type: "ephemeral" } }] },
      ],
      tools: [
        { name: "Bash", description: "Run a command", input_schema: { type: "object", properties: { command: { type: "string" } } } },
        { name: "Later", description: "Deferred", input_schema: { type: "object" }, defer_loading: true },
        { type: "web_search_20250305", name: "web_search", max_uses: 3 },
      ],
      metadata: { user_id: JSON.stringify({ device_id: "d" }) },
      thinking: { type: "adaptive", display: "omitted" },
      output_config: { effort: "high" },
      context_management: { edits: [{ type: "clear_thinking_20251015", keep: "all" }] },
      top_k: 5,
    });
    expect(chat.messages[0]).toEqual({ role: "system", content: "You are Claude Code.\n\nBe brief.\n\nEnvironment: linux" });
    expect(chat.messages.slice(1)).toEqual([{ role: "user", content: "<reminder>\n\nsay hi" }]);
    // A deferred tool waits for a tool search result to name it; server tools are dropped.
    expect(chat.tools?.map((tool) => tool.function.name)).toEqual(["Bash"]);
    expect(chat.reasoning_effort).toBe("high");
    expect(showThinking).toBe(false);
    expect(chat).not.toHaveProperty("top_k");
    expect(chat).not.toHaveProperty("metadata");
    expect(chat).not.toHaveProperty("user");
  });

  it("maps tool_use and tool_result (string, blocks, images, errors) onto tool calls and tool messages", () => {
    const { chat } = translate({
      messages: [
        { role: "user", content: "weather?" },
        {
          role: "assistant",
          content: [
            { type: "thinking", thinking: "hmm", signature: "sig" },
            { type: "text", text: "Checking." },
            { type: "tool_use", id: "toolu_1", name: "weather", input: { city: "Paris" } },
            { type: "tool_use", id: "toolu_2", name: "shot", input: {} },
          ],
        },
        {
          role: "user",
          content: [
            { type: "tool_result", tool_use_id: "toolu_1", content: "sunny" },
            {
              type: "tool_result",
              tool_use_id: "toolu_2",
              is_error: true,
              content: [
                { type: "text", text: "no camera" },
                { type: "image", source: { type: "base64", media_type: "image/png", data: "iVBOR" } },
              ],
            },
            { type: "text", text: "and tomorrow?" },
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
          { id: "toolu_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } },
          { id: "toolu_2", type: "function", function: { name: "shot", arguments: "{}" } },
        ],
      },
      { role: "tool", tool_call_id: "toolu_1", content: "sunny" },
      { role: "tool", tool_call_id: "toolu_2", content: "Error: no camera" },
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: "data:image/png;base64,iVBOR" } },
          { type: "text", text: "and tomorrow?" },
        ],
      },
    ]);
  });

  it("offers a deferred tool once a tool_reference in a tool result has loaded it", () => {
    const tools = [
      { name: "ToolSearch", input_schema: { type: "object" } },
      { name: "mcp_fetch", input_schema: { type: "object" }, defer_loading: true },
      { name: "mcp_other", input_schema: { type: "object" }, defer_loading: true },
    ];
    const { chat } = translate({
      tools,
      messages: [
        { role: "user", content: "fetch it" },
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "ToolSearch", input: { query: "fetch" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: [{ type: "tool_reference", tool_name: "mcp_fetch" }] }] },
      ],
    });
    expect(chat.tools?.map((tool) => tool.function.name)).toEqual(["ToolSearch", "mcp_fetch"]);
    expect(chat.messages.at(-1)).toEqual({ role: "tool", tool_call_id: "t1", content: "Tool loaded: mcp_fetch" });
  });

  it("maps tool_choice, parallel use, stop sequences and the sampling controls", () => {
    const tools = [{ name: "f", input_schema: { type: "object" } }];
    expect(translate({ messages: [{ role: "user", content: "x" }], tools, tool_choice: { type: "any", disable_parallel_tool_use: true } }).chat).toMatchObject({
      tool_choice: "required",
      parallel_tool_calls: false,
    });
    expect(translate({ messages: [{ role: "user", content: "x" }], tools, tool_choice: { type: "tool", name: "f" } }).chat.tool_choice).toEqual({
      type: "function",
      function: { name: "f" },
    });
    expect(translate({ messages: [{ role: "user", content: "x" }], tools, tool_choice: { type: "none" } }).chat.tool_choice).toBe("none");
    const stops = ["a", "b", "c", "d", "e"];
    const { chat, stopSequences } = translate({
      messages: [{ role: "user", content: "x" }],
      stop_sequences: stops,
      temperature: 0.2,
      top_p: 0.9,
      stream: true,
    });
    expect(chat).toMatchObject({
      stop: ["a", "b", "c", "d"],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(stopSequences).toEqual(stops);
  });

  it("maps thinking budgets and efforts onto reasoning_effort", () => {
    expect(reasoningEffort({ thinking: { type: "enabled", budget_tokens: 1024 } })).toBe("low");
    expect(reasoningEffort({ thinking: { type: "enabled", budget_tokens: 8000 } })).toBe("medium");
    expect(reasoningEffort({ thinking: { type: "enabled", budget_tokens: 32000 } })).toBe("high");
    expect(reasoningEffort({ thinking: { type: "adaptive" } })).toBeUndefined();
    expect(reasoningEffort({ thinking: { type: "adaptive" }, output_config: { effort: "max" } })).toBe("high");
    expect(reasoningEffort({ thinking: { type: "disabled" }, output_config: { effort: "low" } })).toBeUndefined();
    expect(translate({ messages: [{ role: "user", content: "x" }], thinking: { type: "enabled", budget_tokens: 2000 } }).showThinking).toBe(true);
  });

  it("refuses what no upstream can read, naming the field", () => {
    const pdf = { role: "user", content: [{ type: "document", source: { type: "base64", media_type: "application/pdf", data: "JVBER" } }] };
    expect(() => translate({ messages: [pdf] })).toThrow(/plain-text documents/);
    expect(() => messagesRequestSchema.parse({ model: "auto", messages: [{ role: "user", content: [{ type: "text" }] }] })).toThrow();
    // Unknown block types are dropped, not refused.
    const parsed = messagesRequestSchema.parse({
      model: "auto",
      messages: [
        {
          role: "user",
          content: [
            { type: "search_result", source: "x" },
            { type: "text", text: "hi" },
          ],
        },
      ],
    });
    expect(parsed.messages[0].content).toEqual([{ type: "text", text: "hi" }]);
  });
});

describe("stop sequences", () => {
  it("cut the text at the earliest match, also across stream pieces", () => {
    expect(cutAtStop("one two END three", ["END", "two"])).toEqual({ text: "one ", stop: "two" });
    const scanner = new StopSequenceScanner(["</answer>"]);
    const out = ["The answer is 4</an", "swer> and more"].map((piece) => scanner.push(piece));
    expect(out).toEqual(["The answer is 4", ""]);
    expect(scanner.matched).toBe("</answer>");
    const held = new StopSequenceScanner(["STOP"]);
    expect(held.push("abc ST")).toBe("abc ");
    expect(held.push("ill")).toBe("STill");
    expect(held.push(" S")).toBe(" ");
    expect(held.flush()).toBe("S");
  });
});

async function* feed(events: ChatStreamEvent[]): AsyncGenerator<ChatStreamEvent> {
  yield* events;
}

async function frames(events: ChatStreamEvent[], options: Partial<Parameters<typeof messageStreamFrames>[1]> = {}) {
  const out: Array<{ event: string; data: any }> = [];
  const defaults = { id: "msg_1", showThinking: true, stopSequences: [], inputTokensEstimate: 7, requestedModel: "auto", requestId: "req_1" };
  for await (const frame of messageStreamFrames(feed(events), { ...defaults, ...options })) {
    const [, event, data] = frame.match(/^event: (\S+)\ndata: (.*)\n\n$/s)!;
    out.push({ event, data: JSON.parse(data) });
  }
  return out;
}

describe("chat events → Anthropic stream", () => {
  afterEach(() => vi.useRealTimers());
  const meta: ChatStreamEvent = { type: "meta", id: "c1", model: "m", created: 1 };

  it("opens one block per kind and per tool call, and ends with the stop reason and usage", async () => {
    const out = await frames([
      meta,
      { type: "reasoning", text: "think" },
      { type: "text", text: "Calling." },
      { type: "tool_call_start", index: 0, id: "call_a", name: "f" },
      { type: "tool_call_args", index: 0, args: '{"x":' },
      { type: "tool_call_args", index: 0, args: "1}" },
      { type: "tool_call_start", index: 1, id: "call_b", name: "g" },
      { type: "tool_call_args", index: 1, args: "{}" },
      { type: "finish", reason: "tool_calls" },
      { type: "usage", usage: { prompt_tokens: 20, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 5 } } },
      { type: "done" },
    ]);
    expect(out.map((f) => f.event)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "content_block_start",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    expect(out[0].data.message).toMatchObject({ id: "msg_1", model: "m", usage: { input_tokens: 7 } });
    expect(out[2].data.content_block).toEqual({ type: "thinking", thinking: "", signature: "" });
    expect(out[8].data.content_block).toEqual({ type: "tool_use", id: "call_a", name: "f", input: {} });
    expect(out[12].data).toMatchObject({ index: 3, content_block: { type: "tool_use", id: "call_b" } });
    expect(out[15].data).toMatchObject({
      delta: { stop_reason: "tool_use", stop_sequence: null },
      usage: { input_tokens: 15, cache_read_input_tokens: 5, output_tokens: 9 },
    });
  });

  it("stops at a stop sequence the upstream ignored, and names it", async () => {
    const out = await frames(
      [meta, { type: "text", text: "Hello wor" }, { type: "text", text: "ld! more" }, { type: "finish", reason: "stop" }, { type: "done" }],
      { stopSequences: ["world"] },
    );
    const text = out
      .filter((f) => f.data.delta?.type === "text_delta")
      .map((f) => f.data.delta.text)
      .join("");
    expect(text).toBe("Hello ");
    expect(out.at(-2)?.data.delta).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "world" });
    expect(out.at(-1)?.event).toBe("message_stop");
  });

  it("ends a broken stream with an error event, not message_stop", async () => {
    const out = await frames([
      meta,
      { type: "text", text: "partial" },
      { type: "error", message: "Upstream stream failed: reset", code: "upstream_stream_error" },
    ]);
    expect(out.at(-1)).toEqual({
      event: "error",
      data: { type: "error", error: { type: "api_error", message: "Upstream stream failed: reset" }, request_id: "req_1" },
    });
    expect(out.some((f) => f.event === "message_stop")).toBe(false);
  });

  it("pings while hidden reasoning keeps the stream otherwise silent", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    async function* slowThinker(): AsyncGenerator<ChatStreamEvent> {
      yield meta;
      for (let i = 0; i < 3; i++) {
        vi.setSystemTime(Date.now() + 6_000);
        yield { type: "reasoning", text: "..." };
      }
      yield { type: "text", text: "ok" };
      yield { type: "done" };
    }
    const defaults = { id: "m", showThinking: false, stopSequences: [], inputTokensEstimate: 1, requestedModel: "auto", requestId: "r" };
    const types: string[] = [];
    for await (const frame of messageStreamFrames(slowThinker(), defaults)) types.push(frame.split("\n")[0]);
    // One after message_start, one for each 6 s of silence; the reasoning itself stays hidden.
    expect(types.filter((t) => t === "event: ping")).toHaveLength(4);
    expect(types.filter((t) => t === "event: content_block_start")).toHaveLength(1);
  });

  it("drops reasoning when thinking was not asked for, and maps length to max_tokens", async () => {
    const out = await frames(
      [meta, { type: "reasoning", text: "hidden" }, { type: "text", text: "x" }, { type: "finish", reason: "length" }, { type: "done" }],
      { showThinking: false },
    );
    expect(out.filter((f) => f.event === "content_block_start").map((f) => f.data.content_block.type)).toEqual(["text"]);
    expect(out.at(-2)?.data.delta.stop_reason).toBe("max_tokens");
  });
});

describe("chat.completion → Message", () => {
  it("builds content blocks, parsed tool input and Anthropic usage", () => {
    const message = toMessage(
      {
        model: "llama",
        choices: [
          {
            finish_reason: "tool_calls",
            message: { content: "Sure.", reasoning_content: "why", tool_calls: [{ id: "call_1", function: { name: "f", arguments: '{"a":1}' } }] },
          },
        ],
        usage: { prompt_tokens: 10, completion_tokens: 4 },
      },
      { id: "msg_x", showThinking: true, stopSequences: [] },
    );
    expect(message).toMatchObject({
      id: "msg_x",
      type: "message",
      role: "assistant",
      model: "llama",
      content: [
        { type: "thinking", thinking: "why" },
        { type: "text", text: "Sure." },
        { type: "tool_use", id: "call_1", name: "f", input: { a: 1 } },
      ],
      stop_reason: "tool_use",
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 0 },
    });
  });

  it("names a stop sequence the upstream reported (vLLM's stop_reason)", () => {
    const message = toMessage(
      { choices: [{ finish_reason: "stop", stop_reason: "###", message: { content: "done" } }] },
      { id: "m", showThinking: false, stopSequences: ["###"] },
    );
    expect(message).toMatchObject({ stop_reason: "stop_sequence", stop_sequence: "###", content: [{ type: "text", text: "done" }] });
  });
});
