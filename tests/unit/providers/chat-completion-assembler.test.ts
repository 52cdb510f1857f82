import { describe, expect, it } from "vitest";
import { ChatCompletionAssembler } from "@/lib/providers/chat-completion-assembler";
import { ChatStreamNormalizer, toOpenAiUsage } from "@/lib/providers/chat-stream-normalizer";

const chunk = (delta: Record<string, unknown>, finish: string | null = null, extra: Record<string, unknown> = {}) => ({
  id: "chatcmpl-9",
  object: "chat.completion.chunk",
  created: 7,
  model: "m",
  choices: [{ index: 0, delta, finish_reason: finish, ...extra }],
});

function assemble(chunks: Array<Record<string, unknown>>, jsonMode = false) {
  const normalizer = new ChatStreamNormalizer();
  const assembler = new ChatCompletionAssembler();
  for (const c of chunks) {
    const { chunk: out } = normalizer.normalize(structuredClone(c));
    if (out) assembler.add(out);
  }
  for (const tail of normalizer.flush()) assembler.addTail(tail.index, tail.content, tail.reasoning);
  const body = assembler.build({ jsonMode });
  if (normalizer.usage) body.usage = toOpenAiUsage(normalizer.usage, normalizer.usageDetail);
  return body as { choices: Array<{ message: Record<string, unknown>; finish_reason: string; logprobs: unknown }>; usage?: Record<string, unknown> } & Record<
    string,
    unknown
  >;
}

describe("ChatCompletionAssembler (non-streamed answers built from the upstream stream)", () => {
  it("joins content and reasoning, keeps ids, sets refusal null and keeps the usage details", () => {
    const body = assemble([
      chunk({ role: "assistant", content: "" }),
      chunk({ reasoning: "think " }),
      chunk({ content: "Hel" }),
      chunk({ content: "lo" }, null, { logprobs: { content: [{ token: "Hel", logprob: -0.1 }] } }),
      chunk({}, "stop", { logprobs: { content: [{ token: "lo", logprob: -0.2 }] } }),
      {
        id: "chatcmpl-9",
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 4,
          total_tokens: 14,
          prompt_tokens_details: { cached_tokens: 6 },
          completion_tokens_details: { reasoning_tokens: 2 },
        },
      },
    ]);
    expect(body).toMatchObject({ id: "chatcmpl-9", object: "chat.completion", created: 7, model: "m" });
    expect(body.choices[0].message).toEqual({ role: "assistant", content: "Hello", refusal: null, reasoning_content: "think " });
    expect(body.choices[0].finish_reason).toBe("stop");
    expect(body.choices[0].logprobs).toEqual({
      content: [
        { token: "Hel", logprob: -0.1 },
        { token: "lo", logprob: -0.2 },
      ],
    });
    expect(body.usage).toEqual({
      prompt_tokens: 10,
      completion_tokens: 4,
      total_tokens: 14,
      prompt_tokens_details: { cached_tokens: 6 },
      completion_tokens_details: { reasoning_tokens: 2 },
    });
  });

  it("merges tool-call fragments by index (Gemini's index-less calls included) and ends with tool_calls", () => {
    const body = assemble([
      chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get", arguments: '{"ci' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: 'ty":"Paris"}' } }] }),
      chunk({ tool_calls: [{ id: "call_b", function: { name: "put", arguments: '{"x":1}' } }] }),
      chunk({}, "stop"),
    ]);
    const message = body.choices[0].message;
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      { id: "call_a", type: "function", function: { name: "get", arguments: '{"city":"Paris"}' } },
      { id: "call_b", type: "function", function: { name: "put", arguments: '{"x":1}' } },
    ]);
    expect(body.choices[0].finish_reason).toBe("tool_calls");
  });

  it("splits a dangling inline think block and unwraps a JSON fence in JSON mode", () => {
    const body = assemble([chunk({ content: '<think>hmm</think>```json\n{"a":1}\n```' }), chunk({}, "stop")], true);
    expect(body.choices[0].message).toMatchObject({ content: '{"a":1}', reasoning_content: "hmm" });
    const open = assemble([chunk({ content: "<think>still thinking" })]);
    expect(open.choices[0].message).toMatchObject({ content: "", reasoning_content: "still thinking" });
  });
});
