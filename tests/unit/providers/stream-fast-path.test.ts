import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChatStreamNormalizer } from "@/lib/providers/chat-stream-normalizer";
import { readPlainDelta } from "@/lib/providers/plain-delta";
import { StreamSession } from "@/lib/router/stream-session";

const head = { id: "chatcmpl-1", object: "chat.completion.chunk", created: 1, model: "m" };
const event = (delta: Record<string, unknown>, extra: Record<string, unknown> = {}, finish: string | null = null) =>
  JSON.stringify({ ...head, choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...extra });

/** What the slow path sends for the same data, with the splitter past the start. */
function normalized(data: string): unknown {
  const normalizer = new ChatStreamNormalizer();
  normalizer.normalize(JSON.parse(event({ content: "x" })));
  return normalizer.normalize(JSON.parse(data)).chunk;
}

async function* body(frames: string[]): AsyncIterable<Uint8Array> {
  for (const frame of frames) yield new TextEncoder().encode(frame);
}

/** Every event the client gets, and the counted text, from a whole stream. */
async function relay(frames: string[]) {
  const session = new StreamSession("groq", body(frames));
  const out: string[] = [];
  for (;;) {
    const step = await session.next();
    out.push(...step.out);
    if (step.end) return { events: out.map((e) => JSON.parse(e.replace(/^data: /, ""))), raw: out, chars: session.normalizer.completionChars };
  }
}

describe("readPlainDelta (the relay's fast path)", () => {
  it("forwards a text delta exactly as the normalizer would send it, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        const data = event({ content: text });
        const plain = readPlainDelta(data);
        expect(plain).not.toBeNull();
        expect(plain!.content).toBe(text);
        expect(plain!.data).toBe(JSON.stringify(normalized(data)));
      }),
      { numRuns: 300 },
    );
  });

  it("reads spaced JSON, escapes and null content, and drops a trailing usage: null as the normalizer does", () => {
    const spaced =
      '{"id": "c", "object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {"content": "caf\\u00e9 \\"x\\"\\n"}, "finish_reason": null}]}';
    expect(readPlainDelta(spaced)).toEqual({ data: spaced, content: 'café "x"\n' });
    expect(readPlainDelta(event({ role: "assistant", content: null }))?.content).toBe("");
    const withUsage = event({ content: "hi" }, { usage: null });
    const plain = readPlainDelta(withUsage);
    expect(plain?.data).toBe(JSON.stringify(normalized(withUsage)));
    expect(plain?.data).not.toContain("usage");
  });

  it("sends every event the normalizer must change the slow way", () => {
    const slow = [
      event({}, {}, "stop"),
      event({ content: "hi" }, { usage: { prompt_tokens: 1, completion_tokens: 1 } }),
      event({}, { x_groq: { id: "r", usage: { prompt_tokens: 1, completion_tokens: 1 } } }),
      event({ tool_calls: [{ index: 0, function: { arguments: "{" } }] }),
      event({ reasoning: "hmm" }),
      event({ reasoning_content: "hmm" }),
      event({ content: [{ type: "text", text: "hi" }] }),
      event({ content: "hi" }, { error: { message: "boom" } }),
      JSON.stringify({ ...head, choices: [{ index: 1, delta: { content: "b" }, finish_reason: null }] }),
      JSON.stringify({
        ...head,
        choices: [
          { index: 0, delta: { content: "a" } },
          { index: 1, delta: { content: "b" } },
        ],
      }),
      JSON.stringify({ ...head, choices: [] }),
      JSON.stringify({ ...head, choices: [{ index: 0, finish_reason: null }] }),
      JSON.stringify({ ...head, usage: null, choices: [{ index: 0, delta: { content: "a" }, finish_reason: null }] }),
      JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: "a" }, logprobs: { content: [{ token: "a", logprob: 0 }] }, finish_reason: null }] }),
      '{"choices" :[{"index":0,"delta":{"content":"a"}}], "usage" : {"prompt_tokens": 1}}',
      "[DONE]",
    ];
    for (const data of slow) expect(readPlainDelta(data), data).toBeNull();
  });
});

const SPACED =
  '{"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [{"index": 0, "delta": {"content": " more"}, "finish_reason": null}]}';

describe("StreamSession with the fast path", () => {
  it("gives the client the same events and counts as normalizing every event", async () => {
    const words = ["<think>", "plan", "</think>", "Hello", " wor", 'ld "quoted"', "\n", "!"];
    const frames = [
      `data: ${event({ role: "assistant", content: "" }, { usage: null })}\n\n`,
      ...words.map((w) => `data: ${event({ content: w }, { usage: null })}\n\n`),
      `data: ${SPACED}\n\n`,
      `data: ${event({}, { usage: null }, "stop")}\n\n`,
      `data: ${JSON.stringify({ ...head, choices: [], usage: { prompt_tokens: 3, completion_tokens: 8 } })}\n\n`,
      "data: [DONE]\n\n",
    ];
    const reference = new ChatStreamNormalizer();
    const expected = frames
      .map((f) => f.slice(6).trim())
      .filter((d) => d !== "[DONE]")
      .map((d) => reference.normalize(JSON.parse(d)).chunk)
      .filter((c) => c !== null);
    const { events, raw, chars } = await relay(frames);
    expect(events).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(chars).toBe(reference.completionChars);
    // The inline think block was still split out; the answer's later deltas went through as sent.
    expect(events.map((e) => e.choices[0].delta.reasoning_content ?? "").join("")).toBe("plan");
    // Forwarded as the upstream spaced it: this event took the fast path.
    expect(raw).toContain(`data: ${SPACED}\n\n`);
    expect(raw).toContain(`data: ${JSON.stringify({ ...head, choices: [{ index: 0, delta: { content: " wor" }, logprobs: null, finish_reason: null }] })}\n\n`);
  });

  it("tool calls, finish and usage keep their normalization mid-stream", async () => {
    const frames = [
      `data: ${event({ role: "assistant", content: "Let me check." })}\n\n`,
      `data: ${event({ tool_calls: [{ id: "call_1", function: { name: "f", arguments: '{"a":1}' } }] })}\n\n`,
      `data: ${event({}, { x_groq: { id: "r", usage: { prompt_tokens: 2, completion_tokens: 5 } } }, "stop")}\n\n`,
      "data: [DONE]\n\n",
    ];
    const session = new StreamSession("groq", body(frames));
    const out: string[] = [];
    for (let step = await session.next(); ; step = await session.next()) {
      out.push(...step.out);
      if (step.end) break;
    }
    const events = out.map((e) => JSON.parse(e.slice(6)));
    expect(events[1].choices[0].delta.tool_calls[0]).toMatchObject({ index: 0, id: "call_1", type: "function" });
    expect(events[2].choices[0].finish_reason).toBe("tool_calls");
    expect(events[2].x_groq).toEqual({ id: "r" });
    expect(session.normalizer.usage).toEqual({ prompt: 2, completion: 5 });
  });
});
