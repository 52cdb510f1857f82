import { describe, expect, it } from "vitest";
import { ChatStreamNormalizer } from "@/lib/providers/chat-stream-normalizer";
import { normalizeChatResponse } from "@/lib/providers/normalize-chat-response";
import { ThinkSplitter } from "@/lib/providers/think-splitter";

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: "c1",
  object: "chat.completion.chunk",
  choices: [{ index: 0, delta, finish_reason: finish }],
  ...extra,
});
type Out = { choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }> };

describe("ChatStreamNormalizer", () => {
  it("Gemini tool calls without index get stable indexes per id, and stop becomes tool_calls", () => {
    const n = new ChatStreamNormalizer();
    const a = n.normalize(chunk({ tool_calls: [{ id: "x1", type: "function", function: { name: "f", arguments: '{"a":1}' } }] }));
    const b = n.normalize(chunk({ tool_calls: [{ id: "x2", type: "function", function: { name: "g", arguments: '{"b":2}' } }] }));
    const end = n.normalize(chunk({}, "stop"));
    expect(a.meaningful).toBe(true);
    expect((a.chunk as Out).choices[0].delta.tool_calls).toEqual([{ index: 0, id: "x1", type: "function", function: { name: "f", arguments: '{"a":1}' } }]);
    expect(((b.chunk as Out).choices[0].delta.tool_calls as Array<{ index: number }>)[0].index).toBe(1);
    expect((end.chunk as Out).choices[0].finish_reason).toBe("tool_calls");
  });

  it("keeps OpenAI-style fragments on their index and splits concatenated JSON into a new call", () => {
    const n = new ChatStreamNormalizer();
    n.normalize(chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "f", arguments: "" } }] }));
    const frag = n.normalize(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":1}' } }] }));
    expect((frag.chunk as Out).choices[0].delta.tool_calls).toEqual([{ index: 0, function: { arguments: '{"a":1}' } }]);
    const glued = n.normalize(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"b":2}' } }] }));
    const calls = (glued.chunk as Out).choices[0].delta.tool_calls as Array<Record<string, unknown>>;
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ index: 1, type: "function", function: { name: "f", arguments: '{"b":2}' } });
    expect(String(calls[0].id)).toMatch(/^call_/);

    const m = new ChatStreamNormalizer();
    const one = m.normalize(chunk({ tool_calls: [{ id: "q", function: { name: "f", arguments: '{"a":1}{"b":2}' } }] }));
    const both = (one.chunk as Out).choices[0].delta.tool_calls as Array<Record<string, unknown>>;
    expect(both.map((c) => [c.index, (c.function as { arguments: string }).arguments])).toEqual([
      [0, '{"a":1}'],
      [1, '{"b":2}'],
    ]);
  });

  it("moves Ollama's top-level name/arguments into function", () => {
    const n = new ChatStreamNormalizer();
    const out = n.normalize(chunk({ tool_calls: [{ id: "o", name: "f", arguments: { x: 1 } }] }));
    expect((out.chunk as Out).choices[0].delta.tool_calls).toEqual([{ index: 0, id: "o", type: "function", function: { name: "f", arguments: '{"x":1}' } }]);
  });

  it("normalizes reasoning and reasoning_content, and splits inline <think> across chunks", () => {
    const n = new ChatStreamNormalizer();
    const r = n.normalize(chunk({ reasoning: "hmm" }));
    expect((r.chunk as Out).choices[0].delta).toEqual({ reasoning_content: "hmm" });
    expect(r.meaningful).toBe(true);
    const t = new ChatStreamNormalizer();
    expect(t.normalize(chunk({ content: "<thi" })).meaningful).toBe(false);
    const mid = t.normalize(chunk({ content: "nk>plan</th" }));
    expect((mid.chunk as Out).choices[0].delta).toEqual({ content: "", reasoning_content: "plan" });
    const after = t.normalize(chunk({ content: "ink>\nAnswer" }));
    expect((after.chunk as Out).choices[0].delta).toEqual({ content: "Answer" });
  });

  it("flattens Magistral content arrays", () => {
    const n = new ChatStreamNormalizer();
    const out = n.normalize(
      chunk({
        content: [
          { type: "thinking", thinking: [{ type: "text", text: "t" }] },
          { type: "text", text: "a" },
        ],
      }),
    );
    expect((out.chunk as Out).choices[0].delta).toEqual({ content: "a", reasoning_content: "t" });
  });

  it("takes usage from the trailing choices:[] chunk, the final chunk, or x_groq, and strips it", () => {
    const n = new ChatStreamNormalizer();
    expect(n.normalize({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } }).chunk).toBeNull();
    expect(n.usage).toEqual({ prompt: 3, completion: 4 });
    const m = new ChatStreamNormalizer();
    const fin = m.normalize(chunk({}, "stop", { usage: { prompt_tokens: 5, completion_tokens: 6 } }));
    expect(fin.chunk).not.toHaveProperty("usage");
    expect(m.usage).toEqual({ prompt: 5, completion: 6 });
    const g = new ChatStreamNormalizer();
    const x = g.normalize(chunk({}, "stop", { x_groq: { id: "r", usage: { prompt_tokens: 7, completion_tokens: 8 } } }));
    expect(x.chunk?.x_groq).toEqual({ id: "r" });
    expect(g.usage).toEqual({ prompt: 7, completion: 8 });
    expect(g.finished).toBe(true);
  });
});

describe("normalizeChatResponse", () => {
  it("fixes tool calls, finish_reason, reasoning fields, think tags and JSON fences", () => {
    const body = {
      choices: [
        {
          index: 0,
          finish_reason: "stop",
          message: { role: "assistant", content: null, reasoning: "r", tool_calls: [{ id: "", function: { name: "f", arguments: { a: 1 } } }] },
        },
        { index: 1, finish_reason: "stop", message: { role: "assistant", content: '<think>why</think>\n```json\n{"ok":true}\n```' } },
      ],
      x_groq: { usage: { prompt_tokens: 1, completion_tokens: 2 } },
    };
    const usage = normalizeChatResponse(body, { jsonMode: true });
    expect(usage).toEqual({ prompt: 1, completion: 2 });
    const [first, second] = body.choices as Array<{ finish_reason: string; message: Record<string, unknown> }>;
    expect(first.finish_reason).toBe("tool_calls");
    expect(first.message.reasoning_content).toBe("r");
    expect(first.message).not.toHaveProperty("reasoning");
    const call = (first.message.tool_calls as Array<Record<string, unknown>>)[0];
    expect(call).toMatchObject({ type: "function", function: { name: "f", arguments: '{"a":1}' } });
    expect(String(call.id)).toMatch(/^call_/);
    expect(second.message).toMatchObject({ content: '{"ok":true}', reasoning_content: "why" });
  });

  it("ThinkSplitter leaves text without a leading think block alone", () => {
    expect(ThinkSplitter.split("a <think>b</think>")).toEqual({ content: "a <think>b</think>", reasoning: "" });
  });
});
